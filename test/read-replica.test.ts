import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import type { Deps } from '../src/server/context';
import { readDb } from '../src/server/db/read-db';
import { openReplica, type Replica, ReplicaPool, replicaUnavailable } from '../src/server/db/replica';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { usingPostgres } from './helpers/db';

/**
 * The read replica (docs/deployment.md): statistics and Excel exports are read from a streaming standby when one is
 * configured, fall back to the primary when it cannot answer, and everything else stays on the primary.
 *
 * The standby is not built here: `pg_basebackup` copies the whole shared cluster (over a gigabyte on the test
 * machine, growing with every scale data set), and the setup changes the primary's pg_hba. `npm run replica:setup`
 * makes it once per machine; this file uses TEST_REPLICA_URL, or that script's standby on 127.0.0.1:5433 when
 * TEST_DATABASE_URL is the script's primary on 127.0.0.1:5432, and otherwise skips saying why.
 */

describe('choosing the read database (any database)', () => {
  it('refuses REPLICA_DATABASE_URL without DATABASE_URL, naming both', () => {
    expect(() => loadConfig({ REPLICA_DATABASE_URL: 'postgres://postgres@127.0.0.1:5433/x' })).toThrow(
      /REPLICA_DATABASE_URL.*DATABASE_URL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/x', REPLICA_DATABASE_URL: 'mysql://x' }),
    ).toThrow(/REPLICA_DATABASE_URL/);
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://postgres@127.0.0.1/x',
        REPLICA_DATABASE_URL: 'postgres://postgres@127.0.0.1:5433/x',
      }).replicaDatabaseUrl,
    ).toBe('postgres://postgres@127.0.0.1:5433/x');
  });

  it('reads the primary when no replica is configured', () => {
    const primary = {} as Deps['db'];
    const replica = {} as Deps['db'];
    expect(readDb({ db: primary } as Deps)).toBe(primary);
    expect(readDb({ db: primary, replicaDb: replica } as Deps)).toBe(replica);
  });

  it('sends a query the standby cannot take to the primary, keeps away from it for a while, and warns once a minute', async () => {
    let now = 0;
    let replicaUp = false;
    const calls: string[] = [];
    const fakePool = (name: string, fail: () => boolean) =>
      ({
        query: async () => {
          calls.push(name);
          if (fail()) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });
          return { rows: [{ from: name }] };
        },
      }) as unknown as pg.Pool;
    const warnings: string[] = [];
    const pool = new ReplicaPool(
      fakePool('replica', () => !replicaUp),
      fakePool('primary', () => false),
      {
        warn: (l) => warnings.push(l),
        retryAfterMs: 10_000,
        warnEveryMs: 60_000,
        now: () => now,
      },
    );
    const ask = async () => (await pool.query({ text: 'select 1' })).rows[0].from;

    expect(await ask()).toBe('primary');
    expect(calls).toEqual(['replica', 'primary']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('ECONNREFUSED');
    // Within the retry pause the standby is not even tried, so a dead one costs no connection attempt per query.
    now = 5_000;
    calls.length = 0;
    expect(await ask()).toBe('primary');
    expect(calls).toEqual(['primary']);
    // Tried again after the pause, still down: no second warning within the minute.
    now = 20_000;
    expect(await ask()).toBe('primary');
    expect(warnings).toHaveLength(1);
    now = 70_000;
    expect(await ask()).toBe('primary');
    expect(warnings).toHaveLength(2);
    // Back: the next query after the pause reads the standby again.
    replicaUp = true;
    now = 90_000;
    expect(await ask()).toBe('replica');
    expect(pool.counts).toEqual({ replica: 1, primary: 4 });
  });

  it('does not hide a query that is itself wrong by running it again on the primary', async () => {
    expect(replicaUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(replicaUnavailable(Object.assign(new Error('read-only transaction'), { code: '25006' }))).toBe(false);
    expect(replicaUnavailable(Object.assign(new Error('conflict with recovery'), { code: '40001' }))).toBe(true);
    expect(replicaUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(
      true,
    );
    expect(replicaUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });
});

/** Where a standby can be reached, the database URL on it (any database; the test's own is put in later). */
async function findStandby(): Promise<{ url: string } | { skip: string }> {
  if (!usingPostgres) return { skip: 'PGlite run: a read replica is a PostgreSQL standby (set TEST_DATABASE_URL)' };
  let url = process.env.TEST_REPLICA_URL;
  if (!url) {
    const primary = new URL(process.env.TEST_DATABASE_URL as string);
    if (primary.hostname !== '127.0.0.1' || (primary.port || '5432') !== '5432')
      return { skip: 'no TEST_REPLICA_URL, and TEST_DATABASE_URL is not the 127.0.0.1:5432 of npm run replica:setup' };
    url = 'postgres://postgres@127.0.0.1:5433/postgres';
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ r: boolean }>('select pg_is_in_recovery() as r');
    if (!rows[0]?.r) return { skip: `${url} answers but is not a standby (pg_is_in_recovery() is false)` };
    return { url };
  } catch (err) {
    return {
      skip: `no standby at ${url} (${(err as Error).message}); run npm run replica:setup or set TEST_REPLICA_URL`,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

const standby = await findStandby();
if ('skip' in standby) console.log(`read-replica.test.ts: skipping the standby tests: ${standby.skip}`);

describe.skipIf('skip' in standby)('statistics and exports served from a streaming standby', () => {
  let t: TestApp;
  let replica: Replica;
  let onReplica: FastifyInstance;
  /** Superuser connections to the standby and the primary, to pause replay and compare positions. */
  let standbyAdmin: pg.Client;
  let primaryAdmin: pg.Client;
  let paused = false;
  const warnings: string[] = [];
  const cookies: Record<string, string> = {};
  let centreId: number;

  /** Until the standby has replayed everything the primary has written so far. */
  async function caughtUp(): Promise<void> {
    const { rows } = await primaryAdmin.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    const lsn = rows[0]?.lsn as string;
    for (let i = 0; i < 200; i++) {
      const r = await standbyAdmin.query<{ ok: boolean }>(
        'select pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn) >= 0 as ok',
        [lsn],
      );
      if (r.rows[0]?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the standby did not replay up to ${lsn} within 10 s`);
  }

  const cookieOf = async (app: FastifyInstance, username: string) => {
    cookies[username] ??= await loginAs(app, username);
    return cookies[username] as string;
  };
  const get = async (app: FastifyInstance, username: string, url: string) => {
    const res = await as(app, await cookieOf(app, username), { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const sheetRows = async (app: FastifyInstance, username: string, url: string): Promise<unknown[][]> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get(app, username, url)).rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const rows: unknown[][] = [];
    wb.worksheets[0]?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    return rows;
  };
  const request = async (text: string) => {
    const res = await as(t.app, await cookieOf(t.app, 'enterprise.91420500MA4F000001'), {
      method: 'POST',
      url: '/api/service-records/requests',
      payload: { centreId, category: 'tax_refund', subItem: 'refund_declaration', requestText: text },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; number: string };
  };

  beforeAll(async () => {
    if ('skip' in standby) return;
    t = await buildTestApp();
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    centreId = centre.id;
    await makeEngagement(t.deps, { centre, operator: await makeOperator(t.deps, { serial: 71 }), target: 'filed' });

    primaryAdmin = new pg.Client({ connectionString: t.database.url });
    await primaryAdmin.connect();
    const onStandby = new URL(standby.url);
    onStandby.pathname = new URL(t.database.url as string).pathname;
    standbyAdmin = new pg.Client({ connectionString: onStandby.toString() });
    // The test's database was just created on the primary: it exists on the standby once replayed.
    for (let i = 0; ; i++) {
      try {
        await standbyAdmin.connect();
        break;
      } catch (err) {
        if (i > 100) throw err;
        standbyAdmin = new pg.Client({ connectionString: onStandby.toString() });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    replica = openReplica(onStandby.toString(), t.database.pool as pg.Pool, { warn: (l) => warnings.push(l) });
    // A second instance, as one configured with REPLICA_DATABASE_URL: same primary, statistics and exports on the standby.
    onReplica = await buildApp({ ...t.deps, replicaDb: replica.db }, { webDir: '/nonexistent' });
    // Signed in before any comparison: a sign-in writes an audit entry, which the standby would have a moment later.
    for (const u of ['province', 'admin', 'enterprise.91420500MA4F000001']) await cookieOf(t.app, u);
    await request('首笔申请：出口退税申报。');
    await request('第二笔申请：出口退税申报。');
  });
  afterAll(async () => {
    if (paused) await standbyAdmin.query('select pg_wal_replay_resume()').catch(() => {});
    await onReplica?.close();
    await replica?.close();
    await standbyAdmin?.end().catch(() => {});
    await primaryAdmin?.end().catch(() => {});
    await t?.close();
  });

  it('answers statistics and exports from the standby, equal to the primary once it has caught up', async () => {
    await caughtUp();
    const before = { ...replica.pool.counts };
    const stats = (await get(onReplica, 'province', '/api/service-stats')).json();
    expect(stats.totals.total).toBe(2);
    expect(stats).toEqual((await get(t.app, 'province', '/api/service-stats')).json());
    expect(replica.pool.counts.replica).toBeGreaterThan(before.replica);
    expect(replica.pool.counts.primary).toBe(before.primary);
    // The export of the statistics, of a list and of the audit log: the same sheets from either instance.
    for (const [user, url] of [
      ['province', '/api/service-stats?format=xlsx'],
      ['province', '/api/service-records?format=xlsx'],
      ['admin', '/api/audit?format=xlsx'],
    ] as const) {
      expect(await sheetRows(onReplica, user, url)).toEqual(await sheetRows(t.app, user, url));
    }
    expect(warnings).toEqual([]);
  });

  it('proves where each read went: with replay paused, a new record is in the pages but not yet in statistics or exports', async () => {
    await caughtUp();
    const stale = (await get(onReplica, 'province', '/api/service-stats')).json();
    const staleSheet = await sheetRows(onReplica, 'province', '/api/service-records?format=xlsx');
    const staleAudit = await sheetRows(onReplica, 'admin', '/api/audit?format=xlsx');

    await standbyAdmin.query('select pg_wal_replay_pause()');
    paused = true;
    const made = await request('第三笔申请：暂停回放期间提交。');

    // Sessions and the user's own pages read the primary: the new record is there at once.
    const page = (await get(onReplica, 'province', '/api/service-records?page=1&pageSize=20')).json();
    expect(page.items.map((r: { number: string }) => r.number)).toContain(made.number);
    const mine = await get(onReplica, 'enterprise.91420500MA4F000001', `/api/service-records/${made.id}`);
    expect(mine.json().number).toBe(made.number);

    // Statistics and exports read the standby, which has not replayed it: they are what they were.
    expect((await get(onReplica, 'province', '/api/service-stats')).json()).toEqual(stale);
    expect((await get(t.app, 'province', '/api/service-stats')).json().totals.total).toBe(stale.totals.total + 1);
    const sheet = await sheetRows(onReplica, 'province', '/api/service-records?format=xlsx');
    expect(sheet).toEqual(staleSheet);
    expect(sheet.flat()).not.toContain(made.number);
    expect(await sheetRows(onReplica, 'admin', '/api/audit?format=xlsx')).toHaveLength(staleAudit.length);
    expect((await sheetRows(t.app, 'admin', '/api/audit?format=xlsx')).length).toBeGreaterThan(staleAudit.length);

    await standbyAdmin.query('select pg_wal_replay_resume()');
    paused = false;
    await caughtUp();
    const fresh = (await get(onReplica, 'province', '/api/service-stats')).json();
    expect(fresh.totals.total).toBe(stale.totals.total + 1);
    expect(fresh).toEqual((await get(t.app, 'province', '/api/service-stats')).json());
    expect((await sheetRows(onReplica, 'province', '/api/service-records?format=xlsx')).flat()).toContain(made.number);
  });

  it('answers from the primary, with one warning, when the standby is unreachable', async () => {
    const deadWarnings: string[] = [];
    // A port nothing listens on: connections are refused, as when the standby's server is stopped.
    const dead = openReplica('postgres://postgres@127.0.0.1:1/nothing', t.database.pool as pg.Pool, {
      warn: (l) => deadWarnings.push(l),
    });
    const app = await buildApp({ ...t.deps, replicaDb: dead.db }, { webDir: '/nonexistent' });
    try {
      const expected = (await get(t.app, 'province', '/api/service-stats')).json();
      expect((await get(app, 'province', '/api/service-stats')).json()).toEqual(expected);
      expect(await sheetRows(app, 'province', '/api/service-records?format=xlsx')).toEqual(
        await sheetRows(t.app, 'province', '/api/service-records?format=xlsx'),
      );
      expect(dead.pool.counts.replica).toBe(0);
      expect(dead.pool.counts.primary).toBeGreaterThan(0);
      expect(deadWarnings).toHaveLength(1);
      expect(deadWarnings[0]).toContain('read replica unavailable');
    } finally {
      await app.close();
      await dead.close();
    }
  });

  it('keeps answering when the standby ends its connections (a restart), without a 500', async () => {
    await get(onReplica, 'province', '/api/service-stats');
    await standbyAdmin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'hbts-replica-read' and datname = current_database()",
    );
    const expected = (await get(t.app, 'province', '/api/service-stats')).json();
    expect((await get(onReplica, 'province', '/api/service-stats')).json()).toEqual(expected);
    expect((await get(onReplica, 'province', '/api/service-stats')).json()).toEqual(expected);
  });
});
