import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { makeDeps, openDatabase, prepareDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import type { Deps } from '../src/server/context';
import { type Database, rowsOf } from '../src/server/db/client';
import { makeUser } from '../src/server/demo/factories';
import { loadDemo } from '../src/server/demo/load-demo';
import { writeScaleTrade } from '../src/server/demo/scale/trade';
import { rebuildFigures } from '../src/server/modules/figures';
import { type CapturedPage, captureListSql } from './capture-sql';
import {
  type As,
  alone,
  CpuSampler,
  type DbKind,
  type FnResult,
  formatTable,
  judge,
  load,
  type ScenarioResult,
  settle,
  targetText,
  verdictOf,
} from './harness';
import { freePort, type Server, startApp, startBare } from './processes';
import { type BenchContext, type Scenario, scenarios } from './scenarios';
import { seedServiceRecords } from './service-records';
import { twoInstances } from './two-instances';

/**
 * `npm run bench`: one run, one table, one JSON file (bench/results/<timestamp>-<db>.json). The app runs as a child
 * process exactly as `npm start` runs it (src/server/main.ts); autocannon runs in this process; the bare ceiling
 * (bench/bare-server.ts) in a child of its own. Every figure has its ceiling measured in the same run beside it,
 * because the speed of these shared machines wanders by 15–30 % (shared/notes/performance.md): read the ratios.
 *
 * PGlite in a temporary folder by default, PostgreSQL when DATABASE_URL is set (its database must be empty, or
 * BENCH_RESET=1 empties it). Settings: BENCH_SERVICE_RECORDS (1,000,000 on PostgreSQL, 20,000 on PGlite),
 * BENCH_TRADE_LINES (customs declaration lines for the trade scenarios: 10,000,000 on PostgreSQL, 200,000 on PGlite),
 * BENCH_DURATION (seconds per load run, 10), BENCH_ONLY (a regular expression on scenario names and groups),
 * BENCH_PORT (first of three ports: app, second app, bare; free ports when absent), BENCH_DATA_DIR, BENCH_LOG_LEVEL
 * (the app's request log, `info` as deployed). The scenarios are listed in bench/scenarios.ts.
 */
process.env.TZ ??= 'Asia/Shanghai';
const startedAt = new Date();
const loadBefore = os.loadavg();
const databaseUrl = process.env.DATABASE_URL || undefined;
const kind: DbKind = databaseUrl ? 'postgres' : 'pglite';
const durationS = Number(process.env.BENCH_DURATION || 10);
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const recordsWanted = Number(process.env.BENCH_SERVICE_RECORDS || (kind === 'postgres' ? 1_000_000 : 20_000));
// Issue 13: customs declaration lines seeded for the trade scenarios (only when one of them runs).
const tradeLinesWanted = Number(process.env.BENCH_TRADE_LINES || (kind === 'postgres' ? 10_000_000 : 200_000));
const dataDir = process.env.BENCH_DATA_DIR
  ? path.resolve(process.env.BENCH_DATA_DIR)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-bench-'));
fs.mkdirSync(dataDir, { recursive: true });
const basePort = Number(process.env.BENCH_PORT || 0);
let nextPort = basePort;
const port = () => freePort(basePort ? nextPort++ : undefined);
const password = 'Bench#2026pw';
const config = { ...loadConfig({ ...process.env, DATA_DIR: dataDir }), port: 0 };
const log = (line: string) => process.stderr.write(`${line}\n`);

const header = [
  `npm run bench · ${kind} · ${startedAt.toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'} · node ${process.version}`,
  'Placement: the app (src/server/main.ts, as npm start runs it), the bare ceiling (bench/bare-server.ts) and',
  'autocannon (this process) each run in a process of their own: none shares an event loop with another, so a',
  'ceiling is not slowed by the load generator or by the app it is compared with. All share the machine’s cores',
  'with PostgreSQL: compare figures of the same run only, as ratios.',
];
const notes: string[] = [];

// ——— the database: schema, demo data ———
if (databaseUrl) await ensureEmpty(databaseUrl);
let database: Database | null = await openDatabase(config);
let deps = makeDeps(config, database);
await prepareDatabase(database, deps);
await loadDemo(deps, password);
const dbVersion = rowsOf<{ v: string }>(await deps.db.execute(sql`select version() as v`))[0]?.v ?? '?';
header.push(`database: ${dbVersion}`);
const pgClient = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
await pgClient?.connect();
for (const line of header) console.log(line);

// ——— scenarios of this run ———
const all = scenarios({ twoInstances, importLimit });
const runsHere = (s: Scenario) => !s.db || s.db === kind;
const picked = all.filter((s) => runsHere(s) && (!only || only.test(s.name) || only.test(s.group)));
const phaseOf = (s: Scenario) => (s.group === 'demo' ? 'demo' : s.group === 'offline' ? 'offline' : 'scale');
// A scenario divided by /healthz brings the /healthz of its phase along.
for (const s of all)
  if (s.url === '/healthz' && !picked.includes(s) && picked.some((p) => p.ceiling && phaseOf(p) === phaseOf(s)))
    picked.push(s);
const ordered = all.filter((s) => picked.includes(s));
const phase = (name: string) => ordered.filter((s) => phaseOf(s) === name);

const results: ScenarioResult[] = [];
const users = new Map<string, string>();
const cookies = new Map<string, string>();
let app: Server | null = null;
let bare: Server | null = null;
let captured: Record<string, CapturedPage> = {};
let seeded: Awaited<ReturnType<typeof seedServiceRecords>> | null = null;
const appStarts: number[] = [];

const usernameOf = (as: As) => (typeof as === 'string' ? users.get(as) : as.username);
async function headersOf(as: As | undefined): Promise<Record<string, string>> {
  if (!as) return {};
  const username = usernameOf(as);
  if (!username) throw new Error(`no user resolved for role ${String(as)}`);
  let cookie = cookies.get(username);
  if (!cookie) {
    if (!app) throw new Error('sign-in needs the app running');
    const res = await fetch(`${app.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    cookies.set(username, cookie);
  }
  return { cookie };
}

const appPids = () => (app ? [app.pid] : []);
const quiet = () => settle(appPids, pgClient);

async function withCpu<T>(pids: number[], fn: () => Promise<T>) {
  const sampler = new CpuSampler(() => pids, pgClient);
  sampler.start();
  const result = await fn();
  return { result, cpu: await sampler.stop() };
}

async function measure(
  urlPath: string,
  opts: { connections: number; as?: As; durationS?: number; alone?: boolean; base?: string; pid?: number },
) {
  const headers = await headersOf(opts.as);
  const base = opts.base ?? app?.base;
  if (!base) throw new Error('no server to measure');
  await quiet();
  let aloneMs: number | null = null;
  if (opts.alone !== false) {
    try {
      aloneMs = await alone(`${base}${urlPath}`, headers);
    } catch (err) {
      notes.push(`alone ${urlPath}: ${(err as Error).message}`);
    }
  }
  const pids = opts.pid ? [opts.pid] : appPids();
  const { result, cpu } = await withCpu(pids, () =>
    load(`${base}${urlPath}`, { connections: opts.connections, durationS: opts.durationS ?? durationS, headers }),
  );
  return { load: result, cpu, aloneMs };
}

const ctx: BenchContext = {
  kind,
  durationS,
  get app() {
    return app;
  },
  databaseUrl,
  dataDir,
  password,
  get db() {
    return kind === 'postgres' ? deps.db : null;
  },
  port,
  headers: headersOf,
  measure,
  startApp: async (name) => {
    const s = await startApp({ name, port: await port(), dataDir, databaseUrl });
    appStarts.push(s.readyMs);
    return s;
  },
  withCpu,
  settle: quiet,
};

const keyOf = (name: string) => name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

async function runScenario(s: Scenario): Promise<void> {
  const r: ScenarioResult = {
    name: s.name,
    group: s.group,
    server: s.fn ? 'fn' : s.server === 'bare' ? 'bare' : 'app',
    url: s.url,
    as: s.as ? usernameOf(s.as) : undefined,
  };
  try {
    if (s.fn) {
      await quiet();
      Object.assign(r, await s.fn(ctx));
    } else if (s.server === 'bare') {
      if (!bare) r.skipped = 'no bare server (PostgreSQL only)';
      else
        Object.assign(r, await measure(s.url ?? '/', { connections: s.connections, base: bare.base, pid: bare.pid }));
    } else {
      if (s.ceiling === 'bare') {
        const twin = await runBareTwin(s);
        if (twin) r.ceiling = { kind: 'bare', name: twin.name, reqPerSec: twin.load?.reqPerSec ?? 0, ratio: 0 };
      }
      Object.assign(r, await measure(s.url ?? '/', { connections: s.connections, as: s.as, durationS: s.durationS }));
    }
  } catch (err) {
    r.skipped = `error: ${(err as Error).message.split('\n')[0]}`;
    notes.push(`${s.name}: ${(err as Error).stack ?? err}`);
  }
  // Without a bare twin (PGlite) a list is divided by /healthz like the others.
  if (s.ceiling && !r.ceiling && r.load) {
    const hello = [...results].reverse().find((x) => x.url === '/healthz' && x.server === 'app' && x.load);
    if (hello?.load) r.ceiling = { kind: 'hello', name: hello.name, reqPerSec: hello.load.reqPerSec, ratio: 0 };
  }
  if (r.ceiling) r.ceiling.ratio = r.load && r.ceiling.reqPerSec ? r.load.reqPerSec / r.ceiling.reqPerSec : 0;
  if (s.target)
    r.target = { issue: s.target.issue, text: targetText(s.target, s.unit), pass: judge(s.target, r, kind) };
  results.push(r);
  const l = r.load;
  log(
    `  ${s.name}: ${r.skipped ?? (l ? `${Math.round(l.reqPerSec)} req/s p99 ${l.p99} ms` : r.value ? `${r.value.n} ${r.value.unit}` : 'done')}${r.target ? ` ${verdictOf(r.target.pass)}` : ''}`,
  );
}

/** The bare server's run of the same page as the same user, right before the app's. */
async function runBareTwin(s: Scenario): Promise<ScenarioResult | null> {
  const page = captured[keyOf(s.name)];
  if (!bare || !page) return null;
  const r: ScenarioResult = { name: `bare ${s.name}`, group: s.group, server: 'bare', url: `/bare/${keyOf(s.name)}` };
  Object.assign(r, await measure(r.url ?? '', { connections: s.connections, base: bare.base, pid: bare.pid }));
  r.extra = { queries: page.queries.length, groups: new Set(page.queries.map((q) => q.group)).size };
  results.push(r);
  log(`  ${r.name}: ${Math.round(r.load?.reqPerSec ?? 0)} req/s p99 ${r.load?.p99} ms`);
  return r;
}

async function bootApp(): Promise<void> {
  await resolveUsers(deps);
  // Sign in afresh: seeding a million records can outlast a session's 30 idle minutes.
  cookies.clear();
  if (kind === 'pglite') {
    // PGlite is one process's database: the app takes the folder over.
    await database?.close();
    database = null;
  }
  app = await startApp({ port: await port(), dataDir, databaseUrl });
  appStarts.push(app.readyMs);
}

async function stopApp(): Promise<void> {
  await app?.stop();
  app = null;
}

/** The bench's own handle again (PGlite: after the app has let the folder go), to seed. */
async function reopen(): Promise<void> {
  if (database) return;
  database = await openDatabase(config);
  deps = makeDeps(config, database);
}

try {
  // ——— on the demo data ———
  if (phase('demo').length) {
    log('demo data:');
    await bootApp();
    for (const s of phase('demo')) await runScenario(s);
    await stopApp();
  }

  // ——— at SPEC §6 scale ———
  if (phase('scale').length) {
    await reopen();
    log(`seeding ${recordsWanted.toLocaleString('en')} service records …`);
    seeded = await seedServiceRecords(deps.db, recordsWanted);
    log(`  seeded in ${seeded.seconds.toFixed(1)} s`);
    if (phase('scale').some((s) => s.name.startsWith('trade ')) && tradeLinesWanted > 0) {
      log(`seeding ${tradeLinesWanted.toLocaleString('en')} trade declaration lines …`);
      const t0 = performance.now();
      const trade = await writeScaleTrade(deps, { years: 3, lines: tradeLinesWanted, batch: 1_000 });
      // The declarations went in by COPY, past the intake path: the figures are recounted from the rows.
      await rebuildFigures(deps.db);
      for (const table of ['trade_declarations', 'trade_declaration_lines', 'trade_intakes'])
        await deps.db.execute(sql.raw(`vacuum (analyze) ${table}`));
      const seconds = (performance.now() - t0) / 1000;
      log(`  seeded ${trade.lines.toLocaleString('en')} lines in ${seconds.toFixed(1)} s`);
      notes.push(
        `trade seeded: ${trade.declarations.toLocaleString('en')} declarations, ${trade.lines.toLocaleString('en')} lines of ${trade.traders.toLocaleString('en')} enterprises over ${trade.months} months in ${seconds.toFixed(1)} s (demo:scale's generator, BENCH_TRADE_LINES)`,
      );
    }
    const scope = await recordsInScope(deps);
    await bootApp();
    const lists = phase('scale').filter((s) => s.ceiling === 'bare' && s.url);
    if (kind === 'postgres' && databaseUrl && lists.length) {
      const pages = [];
      for (const s of lists)
        pages.push({ key: keyOf(s.name), url: s.url ?? '', cookie: (await headersOf(s.as)).cookie ?? '' });
      captured = await captureListSql(deps, pages);
      const specFile = path.join(dataDir, 'bare-spec.json');
      // The same pool size as the app's (openPostgres's default).
      fs.writeFileSync(specFile, JSON.stringify({ poolMax: 10, pages: captured }, null, 2));
      bare = await startBare({ port: await port(), databaseUrl, specFile, logDir: dataDir });
      for (const [key, p] of Object.entries(captured)) {
        const answer = (await (await fetch(`${bare.base}/bare/${key}`)).json()) as { items: unknown[] };
        if (answer.items.length !== p.items)
          notes.push(`bare ${key}: ${answer.items.length} rows, the app answered ${p.items}: the capture is off`);
      }
    } else if (lists.length) {
      notes.push(
        'Bare route skipped on PGlite (no PostgreSQL server for node-postgres to reach): the lists are divided by /healthz instead; cpu app includes the database, which runs in the app process.',
      );
    }
    notes.push(`Records in scope: ${scope}.`);
    for (const s of phase('scale')) await runScenario(s);
    await bare?.stop();
    bare = null;
    await stopApp();
  }

  // ——— with the app stopped, and on PGlite the folder free for a scenario's own start ———
  if (kind === 'pglite' && database) {
    await database.close();
    database = null;
  }
  for (const s of phase('offline')) await runScenario(s);
} finally {
  // Whatever failed, no server is left running and the folder is left free.
  await (bare as Server | null)?.stop();
  await (app as Server | null)?.stop();
  await pgClient?.end();
  await (database as Database | null)?.close();
}

// ——— the table and the file ———
const loadAfter = os.loadavg();
console.log('');
for (const line of formatTable(results)) console.log(line);
const misses = results.filter((r) => r.target?.pass === false).length;
const passes = results.filter((r) => r.target?.pass === true).length;
console.log('');
console.log(
  `targets: ${passes} PASS, ${misses} MISS, ${results.filter((r) => r.target && r.target.pass === null).length} not measured, ${results.filter((r) => r.target?.pass === 'n/a').length} n/a on ${kind} · load average ${loadBefore.map((n) => n.toFixed(2)).join(' ')} before, ${loadAfter.map((n) => n.toFixed(2)).join(' ')} after`,
);
if (seeded)
  console.log(
    `seeded ${seeded.records.toLocaleString('en')} records over ${seeded.centres} centres, ${seeded.ratings.toLocaleString('en')} ratings, ${seeded.rectifications} rectifications in ${seeded.seconds.toFixed(1)} s`,
  );
console.log(
  `app start (main.ts, existing database, no web build) to first /healthz: ${appStarts.map((n) => `${(n / 1000).toFixed(1)} s`).join(', ')}`,
);
console.log(
  'Columns: alone = median of 3 single requests (after a warm-up); cpu = CPU seconds per second of the app process + its PostgreSQL backends;',
);
console.log(
  'ratio = req/s ÷ the ceiling named (bare = the same SQL on a bare Fastify + node-postgres server, run just before; /healthz = our hello).',
);
for (const r of results) if (r.note) notes.push(r.note);
for (const r of results) if (r.skipped) notes.push(`${r.name}: skipped — ${r.skipped}`);
if (notes.length) console.log(`\n${notes.join('\n')}`);

const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const resultsDir = path.join(import.meta.dirname, 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${stamp}-${kind}.json`);
fs.writeFileSync(
  file,
  `${JSON.stringify(
    {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      db: kind,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        database: dbVersion,
        loadBefore,
        loadAfter,
      },
      settings: {
        durationS,
        only: only?.source ?? null,
        serviceRecords: recordsWanted,
        logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
        placement: 'app, bare server and autocannon in separate processes',
      },
      seeded,
      appStartMs: appStarts.map(Math.round),
      scenarios: results,
      bare: captured,
      notes,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
if (!process.env.BENCH_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });

// ——— helpers ———

/** The bench fills its own database: refuse one that holds data unless told to empty it. */
async function ensureEmpty(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string | null }>(`select to_regclass('public.users')::text as t`);
    if (!rows[0]?.t) return;
    if (process.env.BENCH_RESET !== '1')
      throw new Error(`${url} already holds the platform's tables: BENCH_RESET=1 empties it (drops every table)`);
    await client.query('drop schema if exists drizzle cascade; drop schema public cascade; create schema public');
  } finally {
    await client.end();
  }
}

/**
 * The users the scenarios sign in as: the fixed demo names (SPEC §8), and for the roles of one centre — county,
 * operator, park, enterprise — the first operating centre in 武汉 (420100) holding seeded records (any records on the
 * demo data), its county, its park (or the first park of the city), and an enterprise it served.
 */
async function resolveUsers(d: Deps): Promise<void> {
  const db = d.db;
  users.set('province', 'province');
  users.set('city', 'city.420100');
  users.set('evaluator', 'evaluator.1');
  users.set('admin', 'admin');
  const centreQuery = (seededOnly: boolean) =>
    db.execute(sql`select c.id, c.county_code, c.park_id from centres c
      where c.status = 'operating' and c.city_code = '420100'
        and exists (select 1 from service_records r where r.centre_id = c.id
          and (${!seededOnly} or r.number like 'FWB%'))
      order by c.id limit 1`);
  const [centre] = rowsOf<{ id: number; county_code: string; park_id: number | null }>(await centreQuery(true)).concat(
    rowsOf<{ id: number; county_code: string; park_id: number | null }>(await centreQuery(false)),
  );
  if (!centre) throw new Error('no operating centre with service records in 420100');
  users.set('county', `county.${centre.county_code}`);
  users.set('operator', `operator.${centre.id}`);
  const [park] = rowsOf<{ username: string }>(
    await db.execute(sql`select u.username from users u join parks p on p.id = u.park_id
      where u.role = 'park' and p.city_code = '420100'
      order by (p.id = ${centre.park_id ?? 0}) desc, u.id limit 1`),
  );
  if (park) users.set('park', park.username);
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
    await makeUser(d, { username: enterpriseUser, role: 'enterprise', password, enterpriseId: e.id });
  }
  users.set('enterprise', enterpriseUser);
}

/** How many records each signed-in role's list covers, for the notes. */
async function recordsInScope(d: Deps): Promise<string> {
  await resolveUsers(d);
  const operator = Number(users.get('operator')?.split('.')[1]);
  const county = users.get('county')?.split('.')[1] ?? '';
  const [s] = rowsOf<Record<string, number>>(
    await d.db.execute(sql`select count(*)::int as province,
      count(*) filter (where city_code = '420100')::int as city,
      count(*) filter (where county_code = ${county})::int as county,
      count(*) filter (where centre_id = ${operator})::int as operator,
      count(*) filter (where enterprise_id = (select enterprise_id from users where username = ${users.get('enterprise') ?? ''}))::int
        as enterprise
      from service_records`),
  );
  return Object.entries(s ?? {})
    .map(([k, v]) => `${k} ${v.toLocaleString('en')} (${users.get(k)})`)
    .join(', ');
}

/** The refusal of an oversized import (issue 10), in processes of its own so that its memory figures are its own. */
async function importLimit(): Promise<FnResult> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'import-limit.ts')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seconds = /after ([\d.]+) s/.exec(out)?.[1];
  return {
    ...(seconds ? { value: { n: Number(seconds), unit: 's to refuse' } } : {}),
    note: `Oversized import (bench/import-limit.ts):${out.trimEnd()}`,
  };
}
