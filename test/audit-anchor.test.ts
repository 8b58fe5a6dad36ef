import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { auditEntries } from '../src/server/db/schema';
import { runHousekeeping } from '../src/server/housekeeping';
import { verifyAuditChain } from '../src/server/lib/audit';
import { anchorKey, anchorLine, auditAnchorPath, writeAuditAnchor } from '../src/server/lib/audit-anchor';
import { canonicalJson } from '../src/server/lib/canonical-json';
import type { FileStore } from '../src/server/lib/file-store';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

describe('the audit chain is anchored outside the database (audit-anchors.jsonl)', () => {
  let t: TestApp;
  let admin: string;
  let file: string;
  let retention = 400;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await loginAs(t.app, 'admin');
    file = auditAnchorPath(t.deps.config.dataDir);
  });
  afterAll(async () => t?.close());

  async function verify() {
    const res = await as(t.app, admin, { method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    return res.json();
  }
  async function head() {
    const [row] = rowsOf<{ seq: string | number; hash: string }>(
      await t.deps.db.execute(sql`select seq, hash from audit_head where id = 1`),
    );
    return { seq: Number(row?.seq), hash: row?.hash };
  }
  /** Audited changes through the API: one entry each. */
  async function write(n: number) {
    for (let i = 0; i < n; i++) {
      retention++;
      const res = await as(t.app, admin, {
        method: 'PATCH',
        url: '/api/settings',
        payload: { auditRetentionDays: retention },
      });
      expect(res.statusCode).toBe(200);
    }
  }
  const lines = () => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);

  it('before the first checkpoint the chain verifies and says that there is none yet', async () => {
    expect(fs.existsSync(file)).toBe(false);
    expect(await verify()).toMatchObject({
      ok: true,
      firstBroken: null,
      anchor: { state: 'none', seq: null, at: null, valid: 0, invalidLines: [] },
    });
  });

  it('housekeeping appends a signed checkpoint of the head when it moved, and none when it did not', async () => {
    const first = await head();
    expect((await runHousekeeping(t.deps)).auditAnchored).toBe(true);
    expect(lines()).toHaveLength(1);
    const line = JSON.parse(lines()[0] ?? '');
    expect(line).toEqual({
      v: 1,
      seq: first.seq,
      hash: first.hash,
      at: t.clock.now.toISOString(),
      instance: `${os.hostname()}/${process.pid}`,
      sig: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Signed with a key derived from the audit key, never with the chain's key bytes themselves.
    const { sig, ...fields } = line;
    const withDerived = createHmac('sm3', anchorKey(t.deps.auditKey)).update(canonicalJson(fields)).digest('hex');
    const withChainKey = createHmac('sm3', t.deps.auditKey).update(canonicalJson(fields)).digest('hex');
    expect(sig).toBe(withDerived);
    expect(sig).not.toBe(withChainKey);
    expect(anchorKey(t.deps.auditKey).equals(t.deps.auditKey)).toBe(false);

    expect((await runHousekeeping(t.deps)).auditAnchored).toBe(false);
    expect(lines()).toHaveLength(1);

    await write(2);
    t.clock.advance(10 * 60 * 1000);
    expect((await runHousekeeping(t.deps)).auditAnchored).toBe(true);
    expect(lines()).toHaveLength(2);
    expect(JSON.parse(lines()[1] ?? '')).toMatchObject({ seq: first.seq + 2, hash: (await head()).hash });
  });

  it('an untouched chain verifies against its newest checkpoint', async () => {
    const anchored = JSON.parse(lines().at(-1) ?? '');
    await write(1); // entries after the checkpoint are fine: the chain only has to still hold the anchored one
    expect(await verify()).toMatchObject({
      ok: true,
      firstBroken: null,
      anchor: { state: 'held', seq: anchored.seq, at: anchored.at, valid: 2, invalidLines: [] },
    });
  });

  it('an altered or forged checkpoint line is reported by its line number', async () => {
    const original = fs.readFileSync(file, 'utf8');
    try {
      const [one, two] = lines().map((l) => JSON.parse(l));
      // The second line claims a later seq with the old signature; a third is signed with the chain's key itself.
      const altered = { ...two, seq: two.seq + 5 };
      const { sig: _sig, ...fields } = { ...two, seq: two.seq + 1 };
      const forged = {
        ...fields,
        sig: createHmac('sm3', t.deps.auditKey).update(canonicalJson(fields)).digest('hex'),
      };
      fs.writeFileSync(file, `${[one, altered, forged].map((l) => JSON.stringify(l)).join('\n')}\n`);
      const result = await verify();
      expect(result).toMatchObject({
        ok: false,
        firstBroken: null,
        // Judged against the newest checkpoint that is still valid.
        anchor: { state: 'held', seq: one.seq, valid: 1, invalidLines: [2, 3] },
      });

      fs.appendFileSync(file, 'not a checkpoint\n');
      expect((await verify()).anchor.invalidLines).toEqual([2, 3, 4]);
    } finally {
      fs.writeFileSync(file, original);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('the newest entries deleted and the head moved back: tail_truncated; written anew past the checkpoint: tail_rewritten', async () => {
    const anchored = await head();
    expect((await writeAuditAnchor(t.deps))?.seq).toBe(anchored.seq);
    const entries = (await t.deps.db.select().from(auditEntries).orderBy(asc(auditEntries.seq))).map((e) => ({
      ...e,
      seq: Number(e.seq),
    }));
    const kept = entries.at(-4);
    if (!kept) throw new Error('chain too short');
    // What the database owner can do: switch the guard off, delete the newest 3 entries, move the head back.
    await t.deps.db.execute(sql`alter table audit_entries disable trigger user`);
    await t.deps.db.execute(sql`delete from audit_entries where seq > ${kept.seq}`);
    await t.deps.db.execute(sql`update audit_head set seq = ${kept.seq}, hash = ${kept.hash} where id = 1`);
    await t.deps.db.execute(sql`alter table audit_entries enable trigger user`);

    // The chain alone cannot tell: every link and the head agree.
    expect(await verifyAuditChain(t.deps.db, t.deps.auditKey)).toMatchObject({ ok: true, firstBroken: null });
    expect(await verify()).toMatchObject({
      ok: false,
      lastSeq: kept.seq,
      checked: entries.filter((e) => e.seq <= kept.seq).length, // entries verified before the break
      firstBroken: { seq: kept.seq + 1, reason: 'tail_truncated' },
      anchor: { state: 'broken', seq: anchored.seq, invalidLines: [] },
    });

    // New entries written on top of the shortened chain reach the anchored seq with another hash.
    await write(4);
    expect((await head()).seq).toBeGreaterThan(anchored.seq);
    expect(await verify()).toMatchObject({
      ok: false,
      checked: anchored.seq - (entries[0]?.seq ?? 0),
      firstBroken: { seq: anchored.seq, reason: 'tail_rewritten' },
      anchor: { state: 'broken', seq: anchored.seq },
    });
  });

  it('with S3 configured, each checkpoint is also stored in the bucket as an object of its own', async () => {
    const puts: { key: string; bytes: Buffer; contentType: string }[] = [];
    const bucket: FileStore = {
      put: async (key, bytes, contentType) => {
        puts.push({ key, bytes, contentType });
      },
      get: async () => Buffer.alloc(0),
      remove: async () => {},
      describe: () => 'test bucket',
    };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-anchor-'));
    const deps: Deps = {
      ...t.deps,
      files: bucket,
      config: {
        ...t.deps.config,
        dataDir,
        s3: {
          endpoint: 'http://127.0.0.1:1',
          bucket: 'b',
          region: 'us-east-1',
          accessKeyId: 'k',
          secretAccessKey: 's',
          forcePathStyle: true,
          prefix: 'uploads/',
        },
      },
    };
    const anchor = await writeAuditAnchor(deps);
    if (!anchor) throw new Error('no checkpoint written');
    const written = fs.readFileSync(auditAnchorPath(dataDir), 'utf8');
    expect(written).toBe(anchorLine(t.deps.auditKey, anchor));
    expect(puts).toEqual([
      {
        key: expect.stringMatching(new RegExp(`^audit-anchors/0*${anchor.seq}-[0-9TZ-]+\\.json$`)),
        bytes: Buffer.from(written),
        contentType: 'application/json',
      },
    ]);
    expect(await writeAuditAnchor(deps)).toBeNull();
    expect(puts).toHaveLength(1);
  });
});
