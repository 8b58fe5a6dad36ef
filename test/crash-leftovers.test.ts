import fs from 'node:fs';
import path from 'node:path';
import { getTableColumns, is, type SQL, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENTERPRISE_IMPORT_HEADERS, type TImportJob } from '../src/contracts/enterprise';
import type { RequestContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import * as schema from '../src/server/db/schema';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeCreditCode } from '../src/server/demo/identity-factory';
import { clearCrashLeftovers, runHousekeeping } from '../src/server/housekeeping';
import { FILE_OWNERS, ORPHAN_AGE_MS } from '../src/server/lib/orphan-uploads';
import {
  IMPORT_HEARTBEAT_MS,
  IMPORT_STALE_MS,
  keepImportJobAlive,
} from '../src/server/modules/enterprise/fail-abandoned-imports';
import { runEnterpriseImport } from '../src/server/modules/enterprise/import-enterprises';
import { createImportJob } from '../src/server/modules/enterprise/import-job.repository';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = Buffer.from('%PDF-1.4\n场地证明\n%%EOF');
const INTERRUPTED = '导入因服务重启中断，请重新上传';

describe('what a crash leaves behind: import jobs without their process, stored bytes without their row', () => {
  let t: TestApp;
  let county = '';
  let centreId = 0;
  beforeAll(async () => {
    t = await buildTestApp();
    county = await loginAs(t.app, 'county.420502');
    centreId = (await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'submitted' })).id;
  });
  afterAll(async () => t?.close());

  const query = async <T = Record<string, unknown>>(q: SQL) => rowsOf<T>(await t.deps.db.execute(q));
  const seq = async () => Number((await query<{ seq: string }>(sql`select seq from audit_head where id = 1`))[0]?.seq);
  const now = () => t.clock.now.getTime();
  /** A job as a killed process leaves it: 'running', its last heartbeat `ageMs` ago. */
  const leftRunning = async (ageMs: number, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<number> => {
    const [row] = await query<{ id: number }>(sql`insert into import_jobs
        (kind, user_id, file_name, status, phase, total, processed, errors, locale, created_at, heartbeat_at)
      values ('enterprises', ${t.world.users.county.id}, '西陵区企业名单.xlsx', 'running', 'writing', 20, 20, '[]',
        ${locale}, ${new Date(now() - ageMs - 60_000).toISOString()}, ${new Date(now() - ageMs).toISOString()})
      returning id`);
    if (!row) throw new Error('no job inserted');
    return row.id;
  };
  const getJob = async (id: number) => {
    const res = await as(t.app, county, { method: 'GET', url: `/api/import-jobs/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TImportJob;
  };
  const countyCtx = (): RequestContext => {
    const user = t.world.users.county;
    return {
      deps: t.deps,
      user: {
        id: user.id,
        username: user.username,
        displayName: '西陵区商务局',
        role: 'county',
        regionCode: '420502',
        parkId: null,
        centreId: null,
        enterpriseId: null,
        evaluatorId: null,
        locale: 'zh-CN',
        isDemo: false,
        sessionTokenHash: '',
      },
      ip: null,
      requestId: 'leftovers-test',
      locale: 'zh-CN',
    };
  };

  it('fails a job whose heartbeat went stale, audits it as the platform, and the job route answers failed', async () => {
    const stale = await leftRunning(IMPORT_STALE_MS + 1000);
    const staleEn = await leftRunning(IMPORT_STALE_MS + 1000, 'en');
    expect((await getJob(stale)).status).toBe('running');
    const before = await seq();

    const swept = await runHousekeeping(t.deps);
    expect(swept.abandonedImports).toBe(2);
    expect(await seq()).toBe(before + 2);

    const job = await getJob(stale);
    expect(job).toMatchObject({
      status: 'failed',
      phase: 'done',
      finishedAt: t.clock.now.toISOString(),
      errors: [{ row: 0, field: 'file', reason: INTERRUPTED }],
    });
    // The reason is in the language the starter used.
    expect((await getJob(staleEn)).errors[0]?.reason).toBe(
      'The import was interrupted by a server restart; upload the file again',
    );
    const audit = await query<Record<string, unknown>>(sql`select actor_id, actor_name, object_type, before, after
      from audit_entries where action = 'enterprise.import.abandoned' and object_id = ${String(stale)}`);
    expect(audit).toEqual([
      {
        actor_id: null,
        actor_name: 'system',
        object_type: 'enterprise_import',
        before: {
          status: 'running',
          phase: 'writing',
          heartbeatAt: new Date(now() - IMPORT_STALE_MS - 1000).toISOString(),
        },
        after: { status: 'failed', fileName: '西陵区企业名单.xlsx' },
      },
    ]);
    // Swept again (another instance, the next round): nothing more to do, nothing audited twice.
    expect((await runHousekeeping(t.deps)).abandonedImports).toBe(0);
    expect(await seq()).toBe(before + 2);
  });

  it('leaves a job with a fresh heartbeat alone: another instance may be running it', async () => {
    const live = await leftRunning(IMPORT_STALE_MS - 1000);
    const before = await seq();
    expect((await runHousekeeping(t.deps)).abandonedImports).toBe(0);
    expect(await getJob(live)).toMatchObject({ status: 'running', phase: 'writing', finishedAt: null, errors: [] });
    expect(await seq()).toBe(before);

    // At start-up: on PostgreSQL the same; on PGlite the data folder is locked to one process, so no job is live.
    const started = await clearCrashLeftovers(t.deps);
    if (t.deps.dbKind === 'postgres') {
      expect(started.abandonedImports).toBe(0);
      expect((await getJob(live)).status).toBe('running');
    } else {
      expect(started.abandonedImports).toBe(1);
      expect((await getJob(live)).errors[0]?.reason).toBe(INTERRUPTED);
    }
    await t.deps.db.execute(sql`update import_jobs set status = 'failed' where id = ${live}`);
  });

  it('keeps a running job alive with a heartbeat every few seconds', async () => {
    const id = await leftRunning(IMPORT_STALE_MS - 1000);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const stop = keepImportJobAlive(t.deps, id);
      vi.advanceTimersByTime(IMPORT_HEARTBEAT_MS);
      stop();
    } finally {
      vi.useRealTimers();
    }
    const beat = async () =>
      (await query<{ at: string }>(sql`select heartbeat_at::text as at from import_jobs where id = ${id}`))[0]?.at;
    // The beat's update was started by the timer; wait for the database to have it.
    for (let i = 0; i < 200 && new Date(String(await beat())).getTime() !== now(); i++)
      await new Promise((r) => setImmediate(r));
    expect(new Date(String(await beat())).getTime()).toBe(now());
    await t.deps.db.execute(sql`update import_jobs set status = 'failed' where id = ${id}`);
  });

  it('writes nothing when its process comes back after the job was failed as abandoned', async () => {
    const ctx = countyCtx();
    const job = await createImportJob(ctx, { userId: ctx.user?.id ?? 0, fileName: '迟到.xlsx', size: 1 }, t.clock.fn());
    t.clock.advance(IMPORT_STALE_MS + 1000);
    expect((await runHousekeeping(t.deps)).abandonedImports).toBe(1);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('外贸企业');
    sheet.addRow([...ENTERPRISE_IMPORT_HEADERS]);
    const code = makeCreditCode(9001, '420502');
    sheet.addRow([code, '迟到外贸有限公司', '420502', null, '李经理', '0717-6661234', null, '否', null]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());

    await runEnterpriseImport(ctx, job.id, body, XLSX);
    const found = await query(sql`select id from enterprises where credit_code = ${code}`);
    expect(found).toEqual([]);
    expect(await getJob(job.id)).toMatchObject({ status: 'failed', imported: 0, errors: [{ reason: INTERRUPTED }] });
  });

  it('removes stored bytes no row refers to once they are a day old, keeping owned, young and foreign files', async () => {
    const uploads = path.join(t.deps.config.dataDir, 'uploads');
    const age = (key: string, ms: number) => {
      const when = new Date(now() - ms);
      fs.utimesSync(path.join(uploads, key), when, when);
    };
    const exists = (key: string) => fs.existsSync(path.join(uploads, key));
    // A file with its row (an attachment uploaded as usual), old.
    const res = await as(t.app, await loginAs(t.app, 'city.420500'), {
      method: 'POST',
      url: `/api/centres/${centreId}/attachments`,
      payload: PDF,
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'a.pdf' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [owned] = await query<{ k: string }>(
      sql`select storage_key as k from attachments where id = ${res.json().id}`,
    );
    const ownedKey = owned?.k ?? '';
    age(ownedKey, ORPHAN_AGE_MS * 2);
    // What a process killed between storing the bytes and committing their row leaves: bytes and no row.
    const orphan = '2026-11/0b7c2a4e-1f5d-4c39-9e8a-3d2f1a6b7c8d.pdf';
    const young = '2026-11/1c8d3b5f-2a6e-4d4a-8f9b-4e3a2b7c8d9e.pdf';
    await t.deps.files.put(orphan, PDF, 'application/pdf');
    await t.deps.files.put(young, PDF, 'application/pdf');
    age(orphan, ORPHAN_AGE_MS + 60_000);
    age(young, ORPHAN_AGE_MS - 60_000);
    // Not a name the platform makes: someone else's, never touched.
    fs.writeFileSync(path.join(uploads, '2026-11', 'README.txt'), 'kept by the operator');
    age('2026-11/README.txt', ORPHAN_AGE_MS * 3);
    const before = await seq();

    expect((await runHousekeeping(t.deps)).orphanUploads).toBe(1);
    expect([exists(orphan), exists(young), exists(ownedKey), exists('2026-11/README.txt')]).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect(await seq()).toBe(before + 1);
    const [audit] = await query<{ actor_name: string; after: unknown }>(
      sql`select actor_name, after from audit_entries where action = 'upload.orphans.removed'`,
    );
    expect(audit).toEqual({ actor_name: 'system', after: { count: 1, keys: [orphan] } });
    // The owned file still downloads.
    const down = await as(t.app, await loginAs(t.app, 'province'), {
      method: 'GET',
      url: `/api/attachments/${res.json().id}`,
    });
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect((await runHousekeeping(t.deps)).orphanUploads).toBe(0);
  });

  it('knows every table that owns stored bytes, so that the sweep never takes their files for orphans', () => {
    const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
    const owners = tables.filter((table) =>
      Object.values(getTableColumns(table)).some((c) => c.name === 'storage_key'),
    );
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(FILE_OWNERS.map((o) => o.table))).toEqual(new Set(owners));
    for (const o of FILE_OWNERS) expect(o.key.name).toBe('storage_key');
  });
});
