import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayPage } from '../bench/bare-replay';
import { captureListSql } from '../bench/capture-sql';
import { judge, type ScenarioResult, type Target } from '../bench/harness';
import { buildApp } from '../src/server/app';
import { prepareDatabase } from '../src/server/bootstrap';
import type { Deps } from '../src/server/context';
import { generateScale } from '../src/server/demo/scale/generate';
import { SCALE_SIZES } from '../src/server/demo/scale/sizes';
import { as, depsFor, loginAs, TestClock } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import { createTestDatabase, type TestDatabase, usingPostgres } from './helpers/db';

/**
 * `npm run bench` is not a test (issue 12: benchmarks are not run by npm test), but two things it reports are only
 * worth reading if they are right: the verdict printed beside each target, and the bare ceiling serving the same
 * page as the app (the ratio of target 1 divides by it).
 */

const loaded = (p99: number, extra: Partial<ScenarioResult> = {}): ScenarioResult => ({
  name: 's',
  group: 'lists',
  server: 'app',
  load: {
    connections: 50,
    durationS: 10,
    reqPerSec: 100,
    requests: 1000,
    p50: p99 / 2,
    p99,
    max: p99,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
  },
  ...extra,
});

describe('the verdict beside a target', () => {
  const t1: Target = { issue: 1, p99MaxMs: 50, ratioMin: 0.6, db: 'postgres' };
  const bare = (ratio: number) => ({ ceiling: { kind: 'bare' as const, name: 'bare s', reqPerSec: 100, ratio } });

  it('passes only when every bound holds', () => {
    expect(judge(t1, loaded(40, bare(0.7)), 'postgres')).toBe(true);
    expect(judge(t1, loaded(60, bare(0.7)), 'postgres')).toBe(false);
    expect(judge(t1, loaded(40, bare(0.5)), 'postgres')).toBe(false);
  });

  it('misses a run with failed answers or none at all, however fast the rest', () => {
    const r = loaded(10, bare(0.9));
    if (r.load) r.load.non2xx = 3;
    expect(judge(t1, r, 'postgres')).toBe(false);
    const silent = loaded(10, bare(0.9));
    if (silent.load) silent.load.p99 = null;
    expect(judge(t1, silent, 'postgres')).toBe(false);
  });

  it('gives no verdict on a ratio to /healthz, nor for a skipped plug-in, and n/a on the other database', () => {
    expect(
      judge(
        t1,
        loaded(40, { ceiling: { kind: 'hello', name: 'GET /healthz', reqPerSec: 100, ratio: 0.9 } }),
        'postgres',
      ),
    ).toBeNull();
    expect(
      judge({ issue: 4, valueMin: 1000 }, { name: 'w', group: 'writes', server: 'fn', skipped: 'x' }, 'postgres'),
    ).toBeNull();
    expect(judge(t1, loaded(40, bare(0.7)), 'pglite')).toBe('n/a');
  });

  it('judges a function scenario by its own figure', () => {
    const w = (n: number): ScenarioResult => ({
      name: 'w',
      group: 'writes',
      server: 'fn',
      value: { n, unit: 'records/s' },
    });
    expect(judge({ issue: 4, valueMin: 1000 }, w(1200), 'postgres')).toBe(true);
    expect(judge({ issue: 4, valueMin: 1000 }, w(800), 'postgres')).toBe(false);
    expect(judge({ issue: 5, valueMax: 5 }, { ...w(6.1), value: { n: 6.1, unit: 's' } }, 'pglite')).toBe(false);
  });
});

describe.skipIf(!usingPostgres)('the bare ceiling serves the page the app serves (PostgreSQL)', () => {
  let database: TestDatabase;
  let deps: Deps;
  let app: FastifyInstance;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    deps = depsFor(database, new TestClock());
    await prepareDatabase(database, deps);
    await generateScale(
      deps,
      { ...SCALE_SIZES.tiny, cities: 2, centres: 3, enterprises: 100, records: 300 },
      TEST_PASSWORD,
    );
    app = await buildApp(deps, { webDir: '/nonexistent' });
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
  }, 180_000);

  afterAll(async () => {
    await pool?.end();
    await app?.close();
    await database?.close();
  });

  it('answers the same rows in the same order and the same total, page 1 and a later page', async () => {
    const cookie = await loginAs(app, 'province');
    const urls = ['/api/service-records?page=1&pageSize=20', '/api/service-records?page=4&pageSize=20'];
    const captured = await captureListSql(
      deps,
      urls.map((url, k) => ({ key: `p${k}`, url, cookie })),
    );
    for (const [k, url] of urls.entries()) {
      const page = captured[`p${k}`];
      if (!page) throw new Error(`nothing captured for ${url}`);
      // Only the list's own queries: the session lookup is the framework's, not the page's.
      expect(page.queries.some((q) => /"sessions"/.test(q.text))).toBe(false);
      const ours = (await as(app, cookie, { method: 'GET', url })).json() as { items: { id: number }[]; total: number };
      const bare = await replayPage(pool, page);
      expect(ours.items.length).toBe(20);
      expect(bare.items.map((row) => row.id)).toEqual(ours.items.map((i) => i.id));
      expect(bare.total).toBe(ours.total);
    }
  });
});
