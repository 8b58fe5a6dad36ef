import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/server/db/client';
import { runHousekeeping } from '../src/server/housekeeping';
import { verifyAuditChain } from '../src/server/lib/audit';
import { auditAnchorPath } from '../src/server/lib/audit-anchor';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

const DAY = 86_400_000;

describe('audit retention (网络安全法: at least six months)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  const seqs = async () =>
    rowsOf<{ seq: string | number }>(await t.deps.db.execute(sql`select seq from audit_entries order by seq`)).map(
      (r) => Number(r.seq),
    );

  it('keeps everything younger than the retention period, then purges older entries and records the cut', async () => {
    const admin = await loginAs(t.app, 'admin');
    const settings = await as(t.app, admin, { method: 'GET', url: '/api/settings' });
    expect(settings.json().auditRetentionDays).toBe(365);
    const before = await seqs();

    t.clock.advance(364 * DAY);
    expect((await runHousekeeping(t.deps)).auditEntries).toBe(0);
    expect(await seqs()).toEqual(before);
    // That run also took a checkpoint of the head outside the database; keep a copy of the file as it was then.
    const anchorFile = auditAnchorPath(t.deps.config.dataDir);
    const olderAnchors = `${anchorFile}.before-purge`;
    fs.copyFileSync(anchorFile, olderAnchors);

    // A year and a day later: everything from the first day goes; the purge itself is the newest entry.
    t.clock.advance(2 * DAY);
    const purged = await runHousekeeping(t.deps);
    expect(purged.auditEntries).toBe(before.length);
    const after = await seqs();
    expect(after).toEqual([before.length + 1]);
    const [entry] = rowsOf<{ action: string; after: { throughSeq: number } }>(
      await t.deps.db.execute(sql`select action, after from audit_entries`),
    );
    expect(entry?.action).toBe('audit.purged');
    expect(entry?.after.throughSeq).toBe(before.length);
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).ok).toBe(true);
    // A purge cuts the beginning, not the tail: the chain still verifies against the checkpoints, the newest one
    // (taken after the purge) and the one taken before it, whose entry the purge removed.
    expect(await verifyAuditChain(t.deps.db, t.deps.auditKey, { anchorFile })).toMatchObject({
      ok: true,
      anchor: { state: 'held', seq: before.length + 1, invalidLines: [] },
    });
    expect(await verifyAuditChain(t.deps.db, t.deps.auditKey, { anchorFile: olderAnchors })).toMatchObject({
      ok: true,
      anchor: { state: 'purged', seq: before.length, invalidLines: [] },
    });
  });

  it('tells a recorded purge from a quiet deletion of the oldest entries', async () => {
    const admin = await loginAs(t.app, 'admin');
    for (let i = 0; i < 3; i++) {
      await as(t.app, admin, { method: 'PATCH', url: '/api/settings', payload: { auditRetentionDays: 400 + i } });
    }
    const [first] = await seqs();
    // Someone with database rights removes the purge record at the start of the chain.
    await t.deps.db.execute(sql`alter table audit_entries disable trigger user`);
    await t.deps.db.execute(sql`delete from audit_entries where seq = ${first}`);
    await t.deps.db.execute(sql`alter table audit_entries enable trigger user`);
    const result = await verifyAuditChain(t.deps.db, t.deps.auditKey);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({ seq: (first ?? 0) + 1, reason: 'sequence_gap' });
  });

  it('refuses a retention below 185 days and changes nothing', async () => {
    const admin = await loginAs(t.app, 'admin');
    const res = await as(t.app, admin, { method: 'PATCH', url: '/api/settings', payload: { auditRetentionDays: 184 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].field).toBe('auditRetentionDays');
    expect((await as(t.app, admin, { method: 'GET', url: '/api/settings' })).json().auditRetentionDays).toBe(402);
  });
});
