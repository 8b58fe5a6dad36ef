import pg from 'pg';
import { load } from './harness';
import { closedLoop, healthz, loadAverage, medianAlone, signIn } from './page-load';

/**
 * `BASE=http://127.0.0.1:4306 DATABASE_URL=… DEMO_PASSWORD=… node --import tsx bench/trade-monitoring-load.ts [year]`
 * against an app already running on a database built by `npm run demo:scale` (issue 13 target 3, decision 0031):
 * GET /api/trade/monitoring at 20 connections for the province, the largest city and county, the centre with the most
 * served enterprises and the largest trader, with /healthz before and after (the machine is shared: read the ratios).
 *
 * - **warm**: autocannon, BENCH_DURATION seconds (default 8) per page, after one request has filled the answer cache.
 * - **cold**: the same 20 connections as a closed loop of fetches where every request first moves the trade figures'
 *   version (`update figures_versions …` on a connection of the bench's own, not timed): each answer is computed, as
 *   the first request after an intake is. Concurrent requests of one page after one bump share one computation (the
 *   cache's single flight), as they would after a real intake.
 * - **cold alone**: bump, then one request; the median of 5.
 */
const base = process.env.BASE ?? 'http://127.0.0.1:4306';
const password = process.env.DEMO_PASSWORD ?? '';
const durationS = Number(process.env.BENCH_DURATION ?? 8);
const connections = 20;
// A pool: the cold loop's 20 workers bump the version concurrently (one client would queue overlapping queries).
const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: connections });
const year = Number(process.argv[2] ?? new Date().getFullYear());
const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;

const one = async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows[0] as T;
const busiest = await one<{ id: number }>(
  'select centre_id as id from trade_served group by centre_id order by count(*) desc limit 1',
);
const city = await one<{ code: string }>(
  'select city_code as code from trade_figures_region group by city_code order by sum(cny_fen) desc limit 1',
);
const county = await one<{ code: string }>(
  'select county_code as code from trade_figures_region group by county_code order by sum(cny_fen) desc limit 1',
);
const trader = await one<{ id: number }>(
  `select enterprise_id as id from trade_figures_enterprise_total where year = $1
    group by enterprise_id order by sum(cny_fen) desc limit 1`,
  [year],
);
const username = async (where: string, value: unknown) =>
  (await one<{ username: string }>(`select username from users where ${where} = $1 order by id limit 1`, [value]))
    .username;
const viewers: [string, string][] = [
  ['province', 'province'],
  [`city ${city.code}`, await username('region_code', city.code)],
  [`county ${county.code}`, await username('region_code', county.code)],
  [`centre ${busiest.id}`, await username('centre_id', busiest.id)],
  [`enterprise ${trader.id}`, await username('enterprise_id', trader.id)],
];

const bump = () => db.query(`update figures_versions set version = version + 1 where name = 'trade'`);

console.log(`load average ${loadAverage()}`);
const h0 = await healthz(base, connections, 'before');
const rows: string[] = [];
for (const [name, user] of viewers) {
  if (only && !only.test(name)) continue;
  const headers = await signIn(base, user, password);
  const url = `${base}/api/trade/monitoring?year=${year}`;
  const coldAlone = await medianAlone(url, headers, bump);
  const warmAlone = await medianAlone(url, headers);
  const warm = await load(url, { connections, durationS, headers });
  const cold = await closedLoop(url, headers, { connections, seconds: durationS, before: bump });
  const line = `| ${name} (${user}) | ${coldAlone} / ${warmAlone} | ${warm.reqPerSec.toFixed(1)}, ${warm.p50} / ${warm.p99} (non2xx ${warm.non2xx}, err ${warm.errors}) | ${cold.reqPerSec.toFixed(1)}, ${cold.p50} / ${cold.p99} |`;
  console.log(line);
  rows.push(line);
}
const h1 = await healthz(base, connections, 'after');
console.log(`\n| page | alone cold / warm (ms) | warm: req/s, p50 / p99 | cold: req/s, p50 / p99 |`);
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`/healthz ${h0.toFixed(0)} → ${h1.toFixed(0)} req/s; load average ${loadAverage()}`);
await db.end();
