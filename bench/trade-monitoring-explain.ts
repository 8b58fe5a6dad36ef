import { sql } from 'drizzle-orm';
import pg from 'pg';
import { makeDeps, openDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { type RequestContext, systemContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { getTradeMonitoring } from '../src/server/modules/trade/get-trade-monitoring';

/**
 * `DATABASE_URL=… node --import tsx bench/trade-monitoring-explain.ts [year]` on a database that already holds trade
 * (`npm run demo:scale`, or bench/trade-figures.ts): every SQL statement the monitoring use case sends for the
 * province, the largest city and county, the centre with the most served enterprises and the largest trader, each
 * with its EXPLAIN (ANALYZE, BUFFERS) — the plan, rows and pages read — and the use case's time alone (best of 5) next
 * to `select 1` on the same pool (the machine's baseline, it is shared: read the ratios). Issue 13, bench target 13.3.
 */
// Installed before the database opens: each pooled client keeps a bound copy of its query (db/prepared.ts).
// Record what the use case sends: every query of a pooled client — drizzle's db.execute / selects outside a
// transaction go through pool.query, which uses a client too, and the answer cache (decision 0031) reads its figures
// in a transaction on one client. Transaction control (begin, commit) is left out of the list.
const recorded: { text: string; values: unknown[] }[] = [];
let recording = false;
const clientQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  if (recording) {
    const a = args[0] as string | { text: string; values?: unknown[] };
    const text = typeof a === 'string' ? a : a.text;
    const values = (typeof a === 'string' ? undefined : a.values) ?? (args[1] as unknown[]) ?? [];
    if (typeof text === 'string' && !/^\s*(begin|commit|rollback|start transaction)/i.test(text))
      recorded.push({ text, values });
  }
  return clientQuery.apply(this, args);
};
const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL (PostgreSQL) is required');
const database = await openDatabase({ ...config });
const deps = makeDeps(config, database);
const pool = database.pool;
if (!pool) throw new Error('PostgreSQL pool expected');
const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await deps.db.execute(q))[0] as T;
const year = Number(process.argv[2] ?? new Date().getFullYear());
const verbose = process.env.EXPLAIN_VERBOSE === '1';

const busiest = await one<{ id: number; n: number }>(
  sql`select centre_id as id, count(*)::int as n from trade_served group by centre_id order by count(*) desc limit 1`,
);
const city = await one<{ code: string }>(
  sql`select city_code as code from trade_figures_region group by city_code order by sum(cny_fen) desc limit 1`,
);
const county = await one<{ code: string }>(
  sql`select county_code as code from trade_figures_region group by county_code order by sum(cny_fen) desc limit 1`,
);
const trader = await one<{ id: number }>(
  sql`select enterprise_id as id from trade_figures_enterprise_total where year = ${year}
    group by enterprise_id order by sum(cny_fen) desc limit 1`,
);
const as = (role: SessionUser['role'], extra: Partial<SessionUser>): RequestContext => {
  const c = systemContext(deps, role);
  return { ...c, user: { ...(c.user as SessionUser), ...extra } };
};
const viewers: [string, RequestContext][] = [
  ['province', systemContext(deps, 'province')],
  [`city ${city.code}`, systemContext(deps, 'city', { regionCode: city.code })],
  [`county ${county.code}`, systemContext(deps, 'county', { regionCode: county.code })],
  [`centre ${busiest.id} (${busiest.n} served)`, as('operator', { centreId: busiest.id })],
  [`enterprise ${trader.id}`, as('enterprise', { enterpriseId: trader.id })],
];

const original = pool.query.bind(pool) as (...a: unknown[]) => unknown;
/** Move the trade figures' version, so that the next answer is computed (the cache's cold path). */
const bump = () => original(`update figures_versions set version = version + 1 where name = 'trade'`);

const baseline = async () => {
  const ts: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await pool.query('select 1');
    ts.push(performance.now() - t0);
  }
  return Math.min(...ts);
};

for (const [name, ctx] of viewers) {
  await getTradeMonitoring(ctx, { year });
  // Cold: the first request after a change of the figures (the answer computed); warm: from the answer cache.
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    await bump();
    let t0 = performance.now();
    await getTradeMonitoring(ctx, { year });
    cold.push(performance.now() - t0);
    t0 = performance.now();
    await getTradeMonitoring(ctx, { year });
    warm.push(performance.now() - t0);
  }
  const base = await baseline();
  await bump();
  recorded.length = 0;
  recording = true;
  await getTradeMonitoring(ctx, { year });
  recording = false;
  const ms = (a: number[]) =>
    `best ${Math.min(...a).toFixed(1)} ms, median ${[...a].sort((x, y) => x - y)[2]?.toFixed(1)} ms`;
  console.log(
    `\n=== ${name}, year ${year}: cold ${ms(cold)}; warm ${ms(warm)}; select 1 ${base.toFixed(2)} ms; ${recorded.length} statements (cold)`,
  );
  for (const q of [...recorded]) {
    const r = await original(`explain (analyze, buffers, format json) ${q.text}`, q.values);
    const plan = (r as { rows: { 'QUERY PLAN': unknown }[] }).rows[0]?.['QUERY PLAN'] as {
      Plan: { 'Actual Rows': number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number };
      'Execution Time': number;
    }[];
    const p = plan[0];
    if (!p) continue;
    console.log(
      `  ${p['Execution Time'].toFixed(1).padStart(8)} ms  rows ${String(p.Plan['Actual Rows']).padStart(6)}  buffers hit ${p.Plan['Shared Hit Blocks']} read ${p.Plan['Shared Read Blocks']}  ${q.text.replace(/\s+/g, ' ').slice(0, 110)}`,
    );
    if (verbose) {
      const t = (await original(`explain (analyze, buffers) ${q.text}`, q.values)) as {
        rows: Record<string, string>[];
      };
      console.log(t.rows.map((x) => `      ${Object.values(x)[0]}`).join('\n'));
    }
  }
}
await database.close();
