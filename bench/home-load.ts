import pg from 'pg';
import { load } from './harness';
import { closedLoop, healthz, loadAverage, medianAlone, signIn } from './page-load';

/**
 * `BASE=http://127.0.0.1:4306 DATABASE_URL=… DEMO_PASSWORD=… node --import tsx bench/home-load.ts` against an app
 * already running on a database built by `npm run demo:scale` (issue 12 target 3, decision 0034): GET /api/dashboard
 * at 20 connections for one account of every role — the province, the city and county with the most centres, a park
 * and an operator of the busiest centre, an enterprise, an evaluator, the administrator — with /healthz before and
 * after (the machine may be shared: read the ratios).
 *
 * - **warm**: autocannon, BENCH_DURATION seconds (default 8) per home: nothing is written meanwhile, so the homes are
 *   answered under one database snapshot.
 * - **cold**: the same 20 connections as a closed loop of fetches where every request first commits a transaction
 *   that takes a transaction id (`select txid_current()` on a connection of the bench's own, not timed): the snapshot
 *   moves, so every answer is computed, as after any write. Concurrent requests after one write share one
 *   computation (single flight), as they would in use.
 * - **alone**: cold and warm, one request at a time; the median of 5.
 */
const base = process.env.BASE ?? 'http://127.0.0.1:4306';
const password = process.env.DEMO_PASSWORD ?? '';
const durationS = Number(process.env.BENCH_DURATION ?? 8);
const connections = 20;
const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: connections });
const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;

const one = async <T>(text: string, values: unknown[] = []) => (await db.query(text, values)).rows[0] as T;
const busiest = await one<{ id: number }>(
  'select centre_id as id from service_records group by centre_id order by count(*) desc limit 1',
);
const city = await one<{ code: string }>(
  'select city_code as code from centres group by city_code order by count(*) desc limit 1',
);
const county = await one<{ code: string }>(
  'select county_code as code from centres group by county_code order by count(*) desc limit 1',
);
const username = async (where: string, value: unknown) =>
  (
    await one<{ username: string } | undefined>(
      `select username from users where ${where} = $1 and not disabled order by id limit 1`,
      [value],
    )
  )?.username;
const park = await one<{ id: number }>(`select park_id as id from centres where id = $1`, [busiest.id]);
const viewers: [string, string | undefined][] = [
  ['province', 'province'],
  [`city ${city.code}`, await username('region_code', city.code)],
  [`county ${county.code}`, await username('region_code', county.code)],
  [`park ${park.id}`, await username('park_id', park.id)],
  [`operator of centre ${busiest.id}`, await username('centre_id', busiest.id)],
  [
    'enterprise',
    (await one<{ username: string }>(`select username from users where role = 'enterprise' order by id limit 1`))
      .username,
  ],
  [
    'evaluator',
    (await one<{ username: string }>(`select username from users where role = 'evaluator' limit 1`))?.username,
  ],
  ['admin', 'admin'],
];

/** A committed transaction with an id: every snapshot after it differs from every one before. */
const write = () => db.query('select txid_current()');

console.log(`load average ${loadAverage()}`);
const h0 = await healthz(base, connections, 'before');
const rows: string[] = [];
for (const [name, user] of viewers) {
  if (only && !only.test(name)) continue;
  if (!user) {
    console.log(`${name}: no account in this data set, skipped`);
    continue;
  }
  const headers = await signIn(base, user, password);
  const url = `${base}/api/dashboard`;
  const coldAlone = await medianAlone(url, headers, write);
  const warmAlone = await medianAlone(url, headers);
  const warm = await load(url, { connections, durationS, headers });
  const cold = process.env.WARM_ONLY
    ? null
    : await closedLoop(url, headers, { connections, seconds: durationS, before: write });
  const line = `| ${name} (${user}) | ${coldAlone} / ${warmAlone} | ${warm.reqPerSec.toFixed(1)}, ${warm.p50} / ${warm.p99} (non2xx ${warm.non2xx}, err ${warm.errors}) | ${cold ? `${cold.reqPerSec.toFixed(1)}, ${cold.p50} / ${cold.p99}` : '—'} |`;
  console.log(line);
  rows.push(line);
}
const h1 = await healthz(base, connections, 'after');
console.log('\n| home | alone cold / warm (ms) | warm: req/s, p50 / p99 | cold: req/s, p50 / p99 |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`/healthz ${h0.toFixed(0)} → ${h1.toFixed(0)} req/s; load average ${loadAverage()}`);
await db.end();
