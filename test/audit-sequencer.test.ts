import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { asc, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/server/db/client';
import { rowsOf } from '../src/server/db/client';
import * as schema from '../src/server/db/schema';
import { auditEntries } from '../src/server/db/schema';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { enterpriseCreditCode, makeEnterprise } from '../src/server/demo/enterprise-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import {
  type AuditContext,
  attachAuditSequencer,
  chainHash,
  sequenceAudit,
  verifyAuditChain,
  writeAudit,
} from '../src/server/lib/audit';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_AUDIT_KEY, TEST_PASSWORD } from './helpers/constants';
import { usingPostgres } from './helpers/db';

const OP = 'operator.1';

/** The chain as stored, in seq order; pending entries (seq null) apart. */
async function entries(db: Db) {
  const rows = await db.select().from(auditEntries).orderBy(asc(auditEntries.id));
  return { sequenced: rows.filter((r) => r.seq !== null), pending: rows.filter((r) => r.seq === null) };
}

/** Whoever owns the tables can switch the guard off: what an attacker with those rights does. */
async function asOwner(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`alter table audit_entries disable trigger user`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table audit_entries enable trigger user`);
  }
}

describe('audit sequencer: entries written without a lock, chained after the commit (decision 0021)', () => {
  let t: TestApp;
  let enterpriseId: number;
  let operator: string;

  /** An entry committed by an instance that stopped before its sequencer ran: written outside any transaction. */
  async function writeOrphan(n: number, at: Date): Promise<number[]> {
    const ctx: AuditContext = { actor: null, ip: null, requestId: 'crashed-instance', at, key: t.deps.auditKey };
    for (let i = 0; i < n; i++) {
      await writeAudit(t.deps.db, ctx, {
        action: 'setting.updated',
        objectType: 'setting',
        objectId: null,
        after: { i },
      });
    }
    const { pending } = await entries(t.deps.db);
    return pending.map((p) => p.id);
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    const op = await makeOperator(t.deps, { serial: 71 });
    await makeEngagement(t.deps, { centre, operator: op, target: 'filed' });
    const enterprise = await makeEnterprise(t.deps, {
      particulars: {
        creditCode: enterpriseCreditCode('420502', 7),
        name: '宜昌并发测试外贸有限公司',
        countyCode: '420502',
        contactPerson: '钱经理',
        contactPhone: '0717-6000007',
        hasTradeRecord: false,
      },
      password: TEST_PASSWORD,
    });
    enterpriseId = enterprise.id;
    operator = await loginAs(t.app, OP);
  });
  afterAll(async () => t?.close());

  it('200 services recorded at once: each has exactly one entry, all in the chain, seqs contiguous, and it verifies', async () => {
    const before = await entries(t.deps.db);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        as(t.app, operator, {
          method: 'POST',
          url: '/api/service-records',
          payload: {
            enterpriseId,
            category: 'consultation',
            subItem: 'other',
            channel: 'window',
            requestText: `并发登记的咨询服务 ${i}`,
          },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(200).fill(201));
    const ids = results.map((r) => String(r.json().id));

    // Every change has answered: its entry has its place, with no explicit sequencer call.
    const after = await entries(t.deps.db);
    expect(after.pending).toEqual([]);
    const recorded = after.sequenced.filter((e) => e.action === 'service.recorded');
    expect(recorded.map((e) => e.objectId).sort()).toEqual([...ids].sort());
    const seqs = after.sequenced.map((e) => Number(e.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(after.sequenced.length).toBe(before.sequenced.length + 200);

    const verify = await verifyAuditChain(t.deps.db, t.deps.auditKey);
    expect(verify).toMatchObject({ ok: true, checked: seqs.length, firstBroken: null, pending: { count: 0 } });
  });

  it('entries left pending by a crashed instance are reported once too old, and the next sequencer run chains them', async () => {
    const at = t.clock.fn();
    const orphans = await writeOrphan(3, at);
    expect(orphans).toHaveLength(3);
    // Young pending entries are what a running sequencer is about to take: no finding.
    expect(await verifyAuditChain(t.deps.db, t.deps.auditKey, { sequenceFirst: false, now: at })).toMatchObject({
      ok: true,
      pending: { count: 3, stale: 0, altered: 0 },
    });
    // Past the bound nobody took them: a sequencer is not running, said by the first one's id.
    const late = new Date(at.getTime() + 2 * 60_000);
    expect(await verifyAuditChain(t.deps.db, t.deps.auditKey, { sequenceFirst: false, now: late })).toMatchObject({
      ok: false,
      firstBroken: { seq: null, id: orphans[0], reason: 'pending_stale' },
      pending: { count: 3, stale: 3, altered: 0 },
    });

    const [head] = rowsOf<{ seq: string }>(await t.deps.db.execute(sql`select seq from audit_head where id = 1`));
    expect(await sequenceAudit(t.deps.db, t.deps.auditKey)).toBe(3);
    const { sequenced, pending } = await entries(t.deps.db);
    expect(pending).toEqual([]);
    // In insertion order, after the head as it was.
    expect(sequenced.filter((e) => orphans.includes(e.id)).map((e) => Number(e.seq))).toEqual(
      [1, 2, 3].map((i) => Number(head?.seq) + i),
    );
    expect(await verifyAuditChain(t.deps.db, t.deps.auditKey, { now: late })).toMatchObject({ ok: true });
  });

  it('the guard lets only the sequencer’s one change of a pending entry through', async () => {
    const [id] = await writeOrphan(1, t.clock.fn());
    // The content of a pending entry cannot be changed, nor can it be given a place without its hashes.
    await expect(
      t.deps.db.execute(sql`update audit_entries set after = '{}'::jsonb where id = ${id}`),
    ).rejects.toThrow();
    await expect(t.deps.db.execute(sql`update audit_entries set seq = 999999 where id = ${id}`)).rejects.toThrow();
    await sequenceAudit(t.deps.db, t.deps.auditKey);
    // Once placed, it keeps its place.
    await expect(
      t.deps.db.execute(
        sql`update audit_entries set seq = seq + 1000000, prev_hash = 'x', hash = 'y' where id = ${id}`,
      ),
    ).rejects.toThrow();
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).ok).toBe(true);
  });

  it('a deleted sequenced entry is reported as a gap; an altered one as hash_mismatch', async () => {
    const { sequenced } = await entries(t.deps.db);
    const target = sequenced[Math.floor(sequenced.length / 2)];
    if (!target) throw new Error('empty chain');
    await asOwner(t.deps.db, sql`delete from audit_entries where id = ${target.id}`);
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).firstBroken).toEqual({
      seq: Number(target.seq) + 1,
      reason: 'sequence_gap',
    });
    await t.deps.db.insert(auditEntries).values(target);
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).ok).toBe(true);

    await asOwner(t.deps.db, sql`update audit_entries set request_id = 'forged' where id = ${target.id}`);
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).firstBroken).toEqual({
      seq: target.seq,
      reason: 'hash_mismatch',
    });
    await asOwner(t.deps.db, sql`update audit_entries set request_id = ${target.requestId} where id = ${target.id}`);
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).ok).toBe(true);
  });

  it('an entry altered while pending is reported, and still after the sequencer has chained it', async () => {
    const [id] = await writeOrphan(1, t.clock.fn());
    await asOwner(t.deps.db, sql`update audit_entries set after = '{"i":42}'::jsonb where id = ${id}`);
    expect(await verifyAuditChain(t.deps.db, t.deps.auditKey, { sequenceFirst: false })).toMatchObject({
      ok: false,
      firstBroken: { seq: null, id, reason: 'content_mismatch' },
      pending: { count: 1, altered: 1 },
    });
    // Chained all the same (the sequencer reads content hashes only): the entry still does not match its hash.
    await sequenceAudit(t.deps.db, t.deps.auditKey);
    const [row] = (await entries(t.deps.db)).sequenced.filter((e) => e.id === id);
    expect(await verifyAuditChain(t.deps.db, t.deps.auditKey)).toMatchObject({
      ok: false,
      firstBroken: { seq: row?.seq, reason: 'hash_mismatch' },
    });
  });
});

describe.skipIf(!usingPostgres)('audit sequencer on PostgreSQL: two instances', () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('two instances writing and sequencing at once build one chain', async () => {
    t = await buildTestApp();
    const other = await t.database.openAnother();
    attachAuditSequencer(other.db, TEST_AUDIT_KEY);
    const ctx = (requestId: string): AuditContext => ({
      actor: null,
      ip: null,
      requestId,
      at: t.clock.fn(),
      key: TEST_AUDIT_KEY,
    });
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? t.deps.db : other.db).transaction((tx) =>
          writeAudit(tx, ctx(`instance-${i % 2}`), {
            action: 'setting.updated',
            objectType: 'setting',
            objectId: null,
            after: { i },
          }),
        ),
      ),
    );
    const { sequenced, pending } = await entries(t.deps.db);
    expect(pending).toEqual([]);
    const seqs = sequenced.map((e) => Number(e.seq)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect((await verifyAuditChain(t.deps.db, TEST_AUDIT_KEY)).ok).toBe(true);
  });
});

describe('audit sequencer migration: entries written before it keep verifying', () => {
  it('the old chain keeps its order (id = seq), and new entries are chained after it', async () => {
    // The migrations up to the one before the sequencer, in a scratch folder with the journal cut there.
    const source = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/server/db/migrations');
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-migrations-'));
    fs.cpSync(source, scratch, { recursive: true });
    const journalFile = path.join(scratch, 'meta/_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const cut = journal.entries.findIndex((e) => e.tag.endsWith('_audit_sequencer'));
    expect(cut).toBeGreaterThan(0);
    fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));

    const client = await PGlite.create();
    const raw = drizzle({ client, schema });
    const db = raw as unknown as Db;
    try {
      await migrate(raw, { migrationsFolder: scratch });
      // Four entries as the head-lock writer wrote them: seq, link and chain hash, no content hash.
      let prev = 'genesis';
      for (let seq = 1; seq <= 4; seq++) {
        const fields = {
          seq,
          at: new Date(Date.UTC(2026, 0, seq)).toISOString(),
          actorId: null,
          actorName: 'system',
          actorRole: 'admin',
          actorRegion: null,
          action: 'setting.updated',
          objectType: 'setting',
          objectId: null,
          before: null,
          after: { seq },
          ip: null,
          requestId: `legacy-${seq}`,
        };
        const hash = chainHash(TEST_AUDIT_KEY, prev, fields);
        await db.execute(sql`insert into audit_entries (seq, at, actor_name, actor_role, action, object_type, after,
          request_id, prev_hash, hash) values (${seq}, ${fields.at}, 'system', 'admin', 'setting.updated', 'setting',
          ${JSON.stringify(fields.after)}::jsonb, ${fields.requestId}, ${prev}, ${hash})`);
        await db.execute(sql`update audit_head set seq = ${seq}, hash = ${hash} where id = 1`);
        prev = hash;
      }
      await migrate(raw, { migrationsFolder: source });

      const rows = await db.select().from(auditEntries).orderBy(asc(auditEntries.id));
      expect(rows.map((r) => [r.id, r.seq, r.contentHash])).toEqual([1, 2, 3, 4].map((n) => [n, n, null]));
      expect(await verifyAuditChain(db, TEST_AUDIT_KEY, { sequenceFirst: false })).toMatchObject({
        ok: true,
        checked: 4,
      });

      // A new entry gets the next id and, once sequenced, seq 5 with a content hash.
      await db.transaction((tx) =>
        writeAudit(
          tx,
          { actor: null, ip: null, requestId: 'new', at: new Date(), key: TEST_AUDIT_KEY },
          { action: 'setting.updated', objectType: 'setting', objectId: null },
        ),
      );
      expect(await sequenceAudit(db, TEST_AUDIT_KEY)).toBe(1);
      const [fifth] = await db.select().from(auditEntries).where(sql`id = 5`);
      expect(fifth).toMatchObject({ seq: 5, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await verifyAuditChain(db, TEST_AUDIT_KEY)).toMatchObject({ ok: true, checked: 5 });

      // A later entry stripped of its content hash does not pass as one written before the migration.
      await asOwner(db, sql`update audit_entries set content_hash = null where id = 5`);
      expect((await verifyAuditChain(db, TEST_AUDIT_KEY)).firstBroken).toEqual({ seq: 5, reason: 'hash_mismatch' });
    } finally {
      await client.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
