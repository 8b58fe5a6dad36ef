import { asc, count, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/server/db/client';
import { auditEntries, parks } from '../src/server/db/schema';
import { as, buildTestApp, loginAs, nextIp, type TestApp } from './helpers/app';
import { usingPostgres } from './helpers/db';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function auditCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEntries);
  return row?.n ?? 0;
}

/** A sequenced entry: every entry is, once the change that wrote it has returned (decision 0021). */
type Sequenced = typeof auditEntries.$inferSelect & { seq: number; prevHash: string; hash: string };

async function lastEntry(db: Db): Promise<Sequenced> {
  const [row] = await db.select().from(auditEntries).orderBy(desc(auditEntries.seq)).limit(1);
  if (!row) throw new Error('audit log is empty');
  return row as Sequenced;
}

async function chain(db: Db): Promise<Sequenced[]> {
  const rows = await db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
  expect(rows.every((r) => r.seq !== null)).toBe(true);
  return rows as Sequenced[];
}

describe('audit log: one entry per change, written with the change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('settings start at a retention of 365 days', async () => {
    const res = await as(t.app, await loginAs(t.app, 'admin'), { method: 'GET', url: '/api/settings' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ auditRetentionDays: 365 });
  });

  it('a park created by the province: one entry with who, what, before/after, where and when', async () => {
    const cookie = await loginAs(t.app, 'province');
    const ip = nextIp();
    const before = await auditCount(t.deps.db);
    const res = await as(t.app, cookie, {
      method: 'POST',
      url: '/api/parks',
      payload: { name: '宜都经济开发区', kind: 'economic_dev_zone', level: 'provincial', countyCode: '420581' },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(201);
    const park = res.json();
    expect(await auditCount(t.deps.db)).toBe(before + 1);

    const entry = await lastEntry(t.deps.db);
    expect(entry).toMatchObject({
      actorId: t.world.users.province.id,
      actorName: 'province',
      actorRole: 'province',
      actorRegion: '420000',
      action: 'park.created',
      objectType: 'park',
      objectId: String(park.id),
      before: null,
      ip,
    });
    expect(entry.after).toMatchObject({
      id: park.id,
      name: '宜都经济开发区',
      level: 'provincial',
      countyCode: '420581',
    });
    expect(entry.requestId).toMatch(UUID);
    expect(entry.at.toISOString()).toBe(t.clock.now.toISOString());
  });

  it('a user created by the administrator: one entry, and the password is nowhere in it', async () => {
    const cookie = await loginAs(t.app, 'admin');
    const ip = nextIp();
    const before = await auditCount(t.deps.db);
    const password = 'Fresh#2026pw';
    const res = await as(t.app, cookie, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'city.420500.b',
        displayName: '宜昌市商务局 二',
        role: 'city',
        regionCode: '420500',
        password,
      },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(201);
    expect(await auditCount(t.deps.db)).toBe(before + 1);

    const entry = await lastEntry(t.deps.db);
    expect(entry).toMatchObject({
      actorId: t.world.users.admin.id,
      actorName: 'admin',
      actorRole: 'admin',
      actorRegion: null,
      action: 'user.created',
      objectType: 'user',
      objectId: String(res.json().id),
      before: null,
      ip,
    });
    expect(entry.after).toMatchObject({ username: 'city.420500.b', role: 'city', regionCode: '420500' });
    expect(entry.after).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(entry)).not.toContain(password);
    expect(JSON.stringify(entry)).not.toContain('$argon2');
    expect(entry.at.toISOString()).toBe(t.clock.now.toISOString());
  });

  it('a setting changed by the administrator: one entry with the value before and after', async () => {
    const cookie = await loginAs(t.app, 'admin');
    const ip = nextIp();
    t.clock.advance(5 * 60 * 1000);
    const before = await auditCount(t.deps.db);
    const res = await as(t.app, cookie, {
      method: 'PATCH',
      url: '/api/settings',
      payload: { auditRetentionDays: 400 },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ auditRetentionDays: 400 });
    expect(await auditCount(t.deps.db)).toBe(before + 1);

    const entry = await lastEntry(t.deps.db);
    expect(entry).toMatchObject({
      actorId: t.world.users.admin.id,
      actorName: 'admin',
      actorRole: 'admin',
      action: 'setting.updated',
      objectType: 'settings',
      objectId: null,
      before: { auditRetentionDays: 365 },
      after: { auditRetentionDays: 400 },
      ip,
    });
    expect(entry.requestId).toMatch(UUID);
    expect(entry.at.toISOString()).toBe(t.clock.now.toISOString());
  });

  it('each request is told apart by its own request id', async () => {
    const cookie = await loginAs(t.app, 'admin');
    await as(t.app, cookie, { method: 'PATCH', url: '/api/settings', payload: { auditRetentionDays: 500 } });
    const first = await lastEntry(t.deps.db);
    await as(t.app, cookie, { method: 'PATCH', url: '/api/settings', payload: { auditRetentionDays: 400 } });
    const second = await lastEntry(t.deps.db);
    expect(second.seq).toBe(first.seq + 1);
    expect(second.requestId).toMatch(UUID);
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('a retention below 185 days (网络安全法 第二十一条) is refused, naming the field, and nothing changes', async () => {
    const cookie = await loginAs(t.app, 'admin');
    const before = await auditCount(t.deps.db);
    const res = await as(t.app, cookie, {
      method: 'PATCH',
      url: '/api/settings',
      payload: { auditRetentionDays: 184 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.fields.map((f: { field: string }) => f.field)).toEqual(['auditRetentionDays']);
    expect((await as(t.app, cookie, { method: 'GET', url: '/api/settings' })).json()).toEqual({
      auditRetentionDays: 400,
    });
    expect(await auditCount(t.deps.db)).toBe(before);
  });

  it('a refused change writes no entry', async () => {
    const city = await loginAs(t.app, 'city.420500');
    const before = await auditCount(t.deps.db);
    const forbidden = await as(t.app, city, {
      method: 'POST',
      url: '/api/parks',
      payload: { name: '城市局不能建的园区', kind: 'industrial_park', level: 'other', countyCode: '420502' },
    });
    expect(forbidden.statusCode).toBe(403);
    const province = await loginAs(t.app, 'province');
    const afterLogins = await auditCount(t.deps.db);
    expect(afterLogins).toBe(before + 1); // the province's sign-in
    const duplicate = await as(t.app, province, {
      method: 'POST',
      url: '/api/parks',
      payload: { name: '宜都经济开发区', kind: 'economic_dev_zone', level: 'provincial', countyCode: '420581' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(await auditCount(t.deps.db)).toBe(afterLogins);
  });

  it('a change whose audit entry cannot be written does not happen (same transaction)', async () => {
    const cookie = await loginAs(t.app, 'province');
    const parksBefore = (await t.deps.db.select({ n: count() }).from(parks))[0]?.n;
    const entriesBefore = await auditCount(t.deps.db);
    // Make the entry's insert fail (a constraint no park entry meets): the park must not be created either.
    await t.deps.db.execute(
      sql`alter table audit_entries add constraint no_park_entries check (action <> 'park.created') not valid`,
    );
    try {
      const res = await as(t.app, cookie, {
        method: 'POST',
        url: '/api/parks',
        payload: { name: '当阳经济开发区', kind: 'economic_dev_zone', level: 'provincial', countyCode: '420582' },
      });
      expect(res.statusCode).toBe(500);
    } finally {
      await t.deps.db.execute(sql`alter table audit_entries drop constraint no_park_entries`);
    }
    expect((await t.deps.db.select({ n: count() }).from(parks))[0]?.n).toBe(parksBefore);
    expect(await t.deps.db.select().from(parks).where(eq(parks.name, '当阳经济开发区'))).toHaveLength(0);
    expect(await auditCount(t.deps.db)).toBe(entriesBefore);

    // Without the constraint the same request goes through, and the chain is whole.
    const retry = await as(t.app, cookie, {
      method: 'POST',
      url: '/api/parks',
      payload: { name: '当阳经济开发区', kind: 'economic_dev_zone', level: 'provincial', countyCode: '420582' },
    });
    expect(retry.statusCode).toBe(201);
    const verify = await as(t.app, await loginAs(t.app, 'admin'), { method: 'GET', url: '/api/audit/verify' });
    expect(verify.json().ok).toBe(true);
  });

  it('GET /api/audit/verify: the administrator sees the whole chain checked; others may not verify', async () => {
    const cookie = await loginAs(t.app, 'admin');
    const entries = await chain(t.deps.db);
    const res = await as(t.app, cookie, { method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      checked: entries.length,
      firstSeq: entries[0]?.seq,
      lastSeq: entries.at(-1)?.seq,
      firstBroken: null,
      // Every entry has its place by the time its change has answered: none is waiting.
      pending: { count: 0, stale: 0, altered: 0 },
      // No checkpoint outside the database yet (housekeeping writes them): said, not a failure.
      anchor: { state: 'none', seq: null, at: null, instance: null, valid: 0, invalidLines: [] },
    });
    const province = await loginAs(t.app, 'province');
    expect((await as(t.app, province, { method: 'GET', url: '/api/audit/verify' })).statusCode).toBe(403);
  });

  it('entries are append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const entry = await lastEntry(t.deps.db);
    await expect(
      t.deps.db.execute(sql`update audit_entries set action = 'forged' where seq = ${entry.seq}`),
    ).rejects.toThrow();
    await expect(t.deps.db.execute(sql`delete from audit_entries where seq = ${entry.seq}`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`truncate audit_entries`)).rejects.toThrow();
    expect(await lastEntry(t.deps.db)).toEqual(entry);
  });
});

describe.skipIf(!usingPostgres)('audit log under concurrent writes (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('30 audited writes at once never fork the chain', async () => {
    const admin = await loginAs(t.app, 'admin');
    const province = await loginAs(t.app, 'province');
    const startSeq = (await lastEntry(t.deps.db)).seq;
    const writes = Array.from({ length: 30 }, (_, i) =>
      i % 2 === 0
        ? as(t.app, admin, { method: 'PATCH', url: '/api/settings', payload: { auditRetentionDays: 200 + i } })
        : as(t.app, province, {
            method: 'POST',
            url: '/api/parks',
            payload: { name: `并发测试园区${i}`, kind: 'industrial_park', level: 'other', countyCode: '420502' },
          }),
    );
    const results = await Promise.all(writes);
    expect(results.map((r) => r.statusCode)).toEqual(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 200 : 201)));

    const entries = await chain(t.deps.db);
    const added = entries.filter((e) => e.seq > startSeq);
    expect(added).toHaveLength(30);
    expect(added.filter((e) => e.action === 'setting.updated')).toHaveLength(15);
    expect(added.filter((e) => e.action === 'park.created')).toHaveLength(15);
    entries.forEach((e, i) => {
      if (i === 0) return;
      expect(e.seq).toBe(entries[i - 1].seq + 1);
      expect(e.prevHash).toBe(entries[i - 1].hash);
    });
    const verify = await as(t.app, admin, { method: 'GET', url: '/api/audit/verify' });
    expect(verify.json()).toMatchObject({ ok: true, checked: entries.length, firstBroken: null });

    // The log tells the settings' story in order: each change starts from the value the previous one left.
    const settingEntries = added.filter((e) => e.action === 'setting.updated');
    expect(settingEntries[0]?.before).toEqual({ auditRetentionDays: 365 });
    settingEntries.forEach((e, i) => {
      if (i > 0) expect(e.before).toEqual(settingEntries[i - 1].after);
    });
    const stored = (await as(t.app, admin, { method: 'GET', url: '/api/settings' })).json();
    expect(settingEntries.at(-1)?.after).toEqual(stored);
  });
});

describe('audit log: tampering is detected', () => {
  let t: TestApp;
  let adminCookie: string;

  /** What someone with the database owner's rights could do: switch the guard off, run the statement, switch it on. */
  async function asOwner(statement: ReturnType<typeof sql>) {
    await t.deps.db.execute(sql`alter table audit_entries disable trigger user`);
    try {
      await t.deps.db.execute(statement);
    } finally {
      await t.deps.db.execute(sql`alter table audit_entries enable trigger user`);
    }
  }
  async function verify() {
    const res = await as(t.app, adminCookie, { method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    t = await buildTestApp();
    adminCookie = await loginAs(t.app, 'admin');
  });
  afterAll(async () => t?.close());

  it('an edited entry is reported as hash_mismatch at its seq; undoing the edit makes the chain whole again', async () => {
    expect((await verify()).ok).toBe(true);
    const entries = await chain(t.deps.db);
    const target = entries[Math.floor(entries.length / 2)];
    await asOwner(sql`update audit_entries set after = '{"name":"伪造的园区"}'::jsonb where seq = ${target.seq}`);
    expect(await verify()).toMatchObject({
      ok: false,
      checked: target.seq - entries[0].seq,
      firstBroken: { seq: target.seq, reason: 'hash_mismatch' },
    });
    await asOwner(
      sql`update audit_entries set after = ${JSON.stringify(target.after)}::jsonb where seq = ${target.seq}`,
    );
    expect(await verify()).toMatchObject({ ok: true, checked: entries.length });
  });

  it('an entry rewritten with a freshly computed hash but without the key is still caught', async () => {
    const entries = await chain(t.deps.db);
    const target = entries[Math.floor(entries.length / 2)];
    // The attacker edits the entry and recomputes a plausible hash; lacking the HMAC key it cannot be the right one.
    await asOwner(sql`update audit_entries set action = 'park.updated',
      hash = encode(sha256(convert_to(prev_hash || 'forged', 'UTF8')), 'hex') where seq = ${target.seq}`);
    expect((await verify()).firstBroken).toEqual({ seq: target.seq, reason: 'hash_mismatch' });
    await asOwner(
      sql`update audit_entries set action = ${target.action}, hash = ${target.hash} where seq = ${target.seq}`,
    );
    expect((await verify()).ok).toBe(true);
  });

  it('a deleted entry in the middle is reported as sequence_gap at the next seq', async () => {
    const entries = await chain(t.deps.db);
    const target = entries[Math.floor(entries.length / 2)];
    await asOwner(sql`delete from audit_entries where seq = ${target.seq}`);
    expect(await verify()).toMatchObject({
      ok: false,
      checked: target.seq - entries[0].seq,
      firstBroken: { seq: target.seq + 1, reason: 'sequence_gap' },
    });
    await t.deps.db.insert(auditEntries).values(target);
    expect((await verify()).ok).toBe(true);
  });

  it('deleted newest entries are reported as sequence_gap after the last one kept', async () => {
    const entries = await chain(t.deps.db);
    const removed = entries.slice(-2);
    await asOwner(sql`delete from audit_entries where seq >= ${removed[0].seq}`);
    expect(await verify()).toMatchObject({
      ok: false,
      checked: entries.length - 2,
      firstBroken: { seq: removed[0].seq, reason: 'sequence_gap' },
    });
    await t.deps.db.insert(auditEntries).values(removed);
    expect((await verify()).ok).toBe(true);
  });
});
