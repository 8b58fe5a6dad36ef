import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app';
import { makeDeps, openDatabase, prepareDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { rowsOf } from '../src/server/db/client';
import { makeUser } from '../src/server/demo/factories';
import { loadDemo } from '../src/server/demo/load-demo';
import { beijingDay } from '../src/server/policy/policy';
import { seedServiceRecords } from './service-records';

/**
 * `npm run bench`: the scoped park list and /api/me against /healthz in the same run (the machines' speed wanders;
 * compare ratios, shared/notes/performance.md). PGlite in a temporary folder, or DATABASE_URL when set. Then service
 * records at SPEC §6 scale (BENCH_SERVICE_RECORDS, default 1,000,000 on PostgreSQL, 100,000 on PGlite) and the
 * routes each role hits every day, against /healthz measured again after the seeding. Last, the refusal of an
 * oversized import (bench/import-limit.ts).
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-bench-'));
const config = { ...loadConfig(), dataDir, port: 0 };
const database = await openDatabase(config);
const deps = makeDeps(config, database);
await prepareDatabase(database, deps);
const password = 'Bench#2026pw';
await loadDemo(deps, password);
const app = await buildApp(deps);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

async function signIn(username: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${username}: ${login.status} ${await login.text()}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
const cookie = await signIn('city.420100');

/** One autocannon run; with a baseline (req/s of /healthz in this run) the line ends with the ratio to it. */
async function run(title: string, url: string, headers: Record<string, string> = {}, baseline?: number) {
  const r = await autocannon({ url: `${base}${url}`, connections: 20, duration: 5, headers });
  const failed = r.errors + r.timeouts ? `  errors ${r.errors} timeouts ${r.timeouts}` : '';
  const ratio = baseline ? `  ratio ${(r.requests.average / baseline).toFixed(3)}` : '';
  // A route slower than the run answers nothing in it: say so rather than print p50 0.
  const latency = r['2xx'] + r.non2xx ? `p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms` : 'no answer within the run';
  console.log(
    `${title.padEnd(baseline ? 56 : 34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  ${latency}  non-2xx ${r.non2xx}${failed}${ratio}`,
  );
  return r.requests.average;
}

console.log(`database: ${database.kind}`);
const health = await run('GET /healthz', '/healthz');
const me = await run('GET /api/me (session lookup)', '/api/me', { cookie });
const parks = await run('GET /api/parks (city scope)', '/api/parks?pageSize=20', { cookie });
console.log(`ratios to /healthz: me ${(me / health).toFixed(2)}, parks ${(parks / health).toFixed(2)}`);

// Service records at scale (SPEC §6).
const db = deps.db;
const count = Number(process.env.BENCH_SERVICE_RECORDS || (database.kind === 'postgres' ? 1_000_000 : 100_000));
console.log(`\nseeding ${count.toLocaleString('en')} service records …`);
const seeded = await seedServiceRecords(db, count);
console.log(
  `seeded ${seeded.records.toLocaleString('en')} records over ${seeded.centres} operating centres, ${seeded.ratings.toLocaleString('en')} ratings, ${seeded.rectifications} rectifications in ${seeded.seconds.toFixed(1)} s (${Object.entries(
    seeded.steps,
  )
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(', ')})`,
);

// The operator (and county) of the first operating centre in 武汉 with seeded records; an enterprise of its own.
const [centre] = rowsOf<{ id: number; county_code: string }>(
  await db.execute(sql`select c.id, c.county_code from centres c where c.status = 'operating' and c.city_code = '420100'
    and exists (select 1 from service_records r where r.centre_id = c.id and r.number like 'FWB%') order by c.id limit 1`),
);
if (!centre) throw new Error('no operating centre in 420100 with seeded records');
const [withAccount] = rowsOf<{ username: string }>(
  await db.execute(sql`select u.username from users u where u.role = 'enterprise' and u.enterprise_id in
    (select distinct enterprise_id from service_records where centre_id = ${centre.id}) order by u.id limit 1`),
);
let enterpriseUser = withAccount?.username;
if (!enterpriseUser) {
  const [e] = rowsOf<{ id: number }>(
    await db.execute(sql`select enterprise_id as id from service_records where centre_id = ${centre.id} limit 1`),
  );
  if (!e) throw new Error(`no records for centre ${centre.id}`);
  enterpriseUser = `enterprise.bench.${e.id}`;
  await makeUser(deps, { username: enterpriseUser, role: 'enterprise', password, enterpriseId: e.id });
}
const [scale] = rowsOf<Record<string, number>>(
  await db.execute(sql`select count(*)::int as province,
    count(*) filter (where city_code = '420100')::int as city,
    count(*) filter (where county_code = ${centre.county_code})::int as county,
    count(*) filter (where centre_id = ${centre.id})::int as operator,
    count(*) filter (where enterprise_id = (select enterprise_id from users where username = ${enterpriseUser}))::int
      as enterprise
    from service_records`),
);
console.log(
  `records in scope: province ${scale?.province}, city.420100 ${scale?.city}, county.${centre.county_code} ${scale?.county}, operator.${centre.id} ${scale?.operator}, ${enterpriseUser} ${scale?.enterprise}`,
);

const as = {
  province: { cookie: await signIn('province') },
  city: { cookie },
  county: { cookie: await signIn(`county.${centre.county_code}`) },
  operator: { cookie: await signIn(`operator.${centre.id}`) },
  enterprise: { cookie: await signIn(enterpriseUser) },
};
const today = new Date();
const year = `from=${beijingDay(new Date(today.getTime() - 364 * 86_400_000))}&to=${beijingDay(today)}`;
const list = '/api/service-records?page=1&pageSize=20';
const health2 = await run('GET /healthz (after seeding)', '/healthz');
const scenarios: [string, string, Record<string, string>][] = [
  ['records p1 · province', list, as.province],
  ['records p1 · city', list, as.city],
  ['records p50 · city', '/api/service-records?page=50&pageSize=20', as.city],
  ['records p1 · county', list, as.county],
  ['records p1 · operator', list, as.operator],
  ['records p1 · enterprise', list, as.enterprise],
  ['records completed+unrated · operator', '/api/service-records?status=completed&unrated=true', as.operator],
  ['service-stats year · province', `/api/service-stats?${year}`, as.province],
  ['service-stats year · city', `/api/service-stats?${year}`, as.city],
  ['service-stats year · operator', `/api/service-stats?${year}`, as.operator],
  ['dashboard · operator', '/api/dashboard', as.operator],
  ['dashboard · province', '/api/dashboard', as.province],
  ['rectifications overdue · county', '/api/rectifications?overdue=true', as.county],
];
/**
 * autocannon stops at the end of its run, but the server goes on with the requests it had taken (and their next
 * queries): wait until the process has been idle for three 200 ms periods in a row — the event loop under 5 % busy
 * (PGlite runs its queries on it) and, on PostgreSQL, no other backend active — so that one scenario's backlog does
 * not slow the next.
 */
async function settle() {
  for (let idle = 0; idle < 3; ) {
    const before = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const busy = performance.eventLoopUtilization(before).utilization > 0.05;
    const [row] =
      database.kind === 'postgres'
        ? rowsOf<{ n: number }>(
            await db.execute(sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`),
          )
        : [];
    idle = busy || row?.n ? 0 : idle + 1;
  }
}

/** One request at a time, three times after a warm-up one: the median is the latency without contention. */
async function alone(url: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const res = await fetch(`${base}${url}`, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    if (i > 0) times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[1] ?? 0;
}

for (const [title, url, headers] of scenarios) {
  await settle();
  const ms = await alone(url, headers);
  await run(`${title} (alone ${ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms)`, url, headers, health2);
}
await settle();

await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });

// An oversized import (issue 10), in processes of its own so that the peak memory it reports is the import's.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'import-limit.ts')], {
  stdio: 'inherit',
});
