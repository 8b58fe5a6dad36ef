import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { makeDeps, openDatabase, prepareDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { type Db, rowsOf } from '../src/server/db/client';
import { loadDemo } from '../src/server/demo/load-demo';
import { attachAuditSequencer, flushAudit, verifyAuditChain, writeAudit } from '../src/server/lib/audit';

/**
 * Issue 12 target 4: staff of several centres record services (POST /api/service-records, each with its audit entry)
 * at 50 connections; then every pending entry is given its place and the whole chain is verified. The connections
 * are spread round-robin over the operators of the operating centres, each recording for an enterprise in its own
 * reach, in a category its centre offers.
 *
 * Standalone: `node --import tsx bench/writes.ts` (DATABASE_URL set: PostgreSQL, which must be empty — the demo is
 * loaded into it; else PGlite in a temporary folder). BENCH_WRITES_CONNECTIONS / BENCH_WRITES_SECONDS change the
 * load; BENCH_WRITES_PROFILE=file.cpuprofile writes a CPU profile of the load. bench/run.ts calls benchWrites with its own server.
 */
export interface WritesOptions {
  /** The running server, e.g. http://127.0.0.1:4103. */
  base: string;
  /** Sign in and return the Cookie header value. */
  signIn: (username: string) => Promise<string>;
  db: Db;
  auditKey: Buffer;
  connections?: number;
  seconds?: number;
  /** At most this many centres' operators take part (default all operating centres). */
  operators?: number;
  /** Write a CPU profile of the load (only) to this .cpuprofile file. */
  profile?: string;
}

export interface WritesResult {
  connections: number;
  seconds: number;
  operators: number;
  /** Service records created per second (2xx answers; each one is a record and its audit entry). */
  recordsPerSecond: number;
  recorded: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /**
   * CPU time of this process (server and autocannon, user + system) per record: what bounds records/s on a machine
   * whose cores are busy with other work too.
   */
  cpuMsPerRecord: number;
  /** Sequencer runs during the load and the entries they placed: a run places the entries of many writers. */
  sequencerRuns: number;
  sequencerPlaced: number;
  /**
   * Statements the process sent to PostgreSQL per record during the load (the app's and the sequencer's), when
   * counted (standalone on PostgreSQL: countStatements()); else null.
   */
  statementsPerRecord: number | null;
  /** Entries still pending after the load stopped, and the time the sequencer took to chain them. */
  pendingAfterRun: number;
  sequencerMs: number;
  verifyMs: number;
  chainOk: boolean;
  chainChecked: number;
}

let statementsSent = 0;
let counting = false;

/**
 * Count every statement node-postgres sends from this process (standalone runs: the server runs here). Call before
 * the database is opened: the pool's connections bind the patched query.
 */
export function countStatements(): void {
  if (counting) return;
  counting = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    statementsSent++;
    return query.apply(this, args);
  };
}

interface Writer {
  username: string;
  cookie: string;
  body: string;
}

/** For each operating centre: its operator account, an approved enterprise of its park or county, a category. */
async function writersOf(opts: WritesOptions): Promise<Writer[]> {
  const rows = rowsOf<{ centre_id: number; enterprise_id: number | null; category: string }>(
    await opts.db.execute(sql`select c.id as centre_id, c.services->>0 as category,
        coalesce(
          (select min(e.id) from enterprises e where e.park_id = c.park_id and e.status = 'approved'),
          (select min(e.id) from enterprises e where e.county_code = c.county_code and e.status = 'approved')
        ) as enterprise_id
      from centres c where c.status = 'operating' order by c.id`),
  );
  const writers: Writer[] = [];
  for (const row of rows) {
    if (row.enterprise_id === null || !row.category) continue;
    if (opts.operators !== undefined && writers.length >= opts.operators) break;
    const username = `operator.${row.centre_id}`;
    let cookie: string;
    try {
      cookie = await opts.signIn(username);
    } catch {
      continue; // a centre without an operator account in this data set
    }
    const body = JSON.stringify({
      enterpriseId: row.enterprise_id,
      category: row.category,
      subItem: 'other',
      channel: 'window',
      requestText: '窗口咨询出口退税及原产地证书（压测数据）',
    });
    // One request first: a centre whose enterprise or category is refused does not take part.
    const probe = await fetch(`${opts.base}/api/service-records`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body,
    });
    await probe.arrayBuffer();
    if (probe.status === 201) writers.push({ username, cookie, body });
  }
  if (writers.length === 0) throw new Error('no operator could record a service');
  return writers;
}

export async function benchWrites(opts: WritesOptions): Promise<WritesResult> {
  const connections = opts.connections ?? 50;
  const seconds = opts.seconds ?? 10;
  const writers = await writersOf(opts);
  let next = 0;
  const profiler = opts.profile ? new inspector.Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const sequencer = attachAuditSequencer(opts.db, opts.auditKey);
  const runsBefore = sequencer.stats();
  const statementsBefore = statementsSent;
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: `${opts.base}/api/service-records`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    // Each connection records as one operator, round-robin over the centres.
    setupClient: (client) => {
      const w = writers[next++ % writers.length] as Writer;
      client.setHeadersAndBody({ cookie: w.cookie, 'content-type': 'application/json' }, w.body);
    },
  });
  const cpuUsed = process.cpuUsage(cpu);
  const statements = statementsSent - statementsBefore;
  const runsAfter = sequencer.stats();
  if (profiler && opts.profile) {
    const { profile } = await profiler.post('Profiler.stop');
    fs.writeFileSync(opts.profile, JSON.stringify(profile));
    profiler.disconnect();
  }
  const [pending] = rowsOf<{ n: number }>(
    await opts.db.execute(sql`select count(*)::int as n from audit_entries where seq is null`),
  );
  let t = performance.now();
  await flushAudit(opts.db, opts.auditKey);
  const sequencerMs = performance.now() - t;
  t = performance.now();
  const chain = await verifyAuditChain(opts.db, opts.auditKey);
  const verifyMs = performance.now() - t;
  return {
    connections,
    seconds,
    operators: writers.length,
    recordsPerSecond: result['2xx'] / seconds,
    recorded: result['2xx'],
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    sequencerRuns: runsAfter.runs - runsBefore.runs,
    sequencerPlaced: runsAfter.placed - runsBefore.placed,
    cpuMsPerRecord: (cpuUsed.user + cpuUsed.system) / 1000 / Math.max(1, result['2xx']),
    statementsPerRecord: counting ? statements / Math.max(1, result['2xx']) : null,
    pendingAfterRun: pending?.n ?? 0,
    sequencerMs,
    verifyMs,
    chainOk: chain.ok,
    chainChecked: chain.checked,
  };
}

/**
 * The audit path alone, without HTTP or the service's own queries: `concurrency` workers each run transactions that
 * write one entry, for `seconds`; then the sequencer and the verification. What writeAudit and the chain cost and
 * allow on this database, apart from the rest of the app.
 */
export async function benchAuditPath(
  db: Db,
  auditKey: Buffer,
  concurrency = 50,
  seconds = 5,
): Promise<{ perSecond: number; p99: number; chainOk: boolean; checked: number }> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const ctx = { actor: null, ip: null, requestId: 'bench-audit-path', key: auditKey };
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const t = performance.now();
        await db.transaction((tx) =>
          writeAudit(
            tx,
            { ...ctx, at: new Date() },
            { action: 'setting.updated', objectType: 'setting', objectId: null, after: { worker: w, i } },
          ),
        );
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const chain = await verifyAuditChain(db, auditKey);
  return {
    perSecond: latencies.length / seconds,
    p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
    chainOk: chain.ok,
    checked: chain.checked,
  };
}

export function formatWrites(r: WritesResult): string {
  return [
    `recording services · ${r.connections} connections, ${r.seconds} s, ${r.operators} operators`,
    `  ${Math.round(r.recordsPerSecond)} records/s (${r.recorded} recorded)  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors}  CPU ${r.cpuMsPerRecord.toFixed(2)} ms/record${r.statementsPerRecord === null ? '' : `  ${r.statementsPerRecord.toFixed(1)} statements/record`}`,
    `  sequencer: ${r.sequencerRuns} runs placed ${r.sequencerPlaced} entries during the load (${(r.sequencerPlaced / Math.max(1, r.sequencerRuns)).toFixed(1)} a run)`,
    `  pending after the run ${r.pendingAfterRun}, sequenced in ${Math.round(r.sequencerMs)} ms; verified in ${Math.round(r.verifyMs)} ms`,
    `  chain ${r.chainOk ? 'verified' : 'BROKEN'}: ${r.chainChecked} entries`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-bench-writes-'));
  if (process.env.DATABASE_URL) countStatements();
  const config = { ...loadConfig(), dataDir, port: 0 };
  const database = await openDatabase(config);
  const deps = makeDeps(config, database);
  await prepareDatabase(database, deps);
  const password = 'Bench#2026pw';
  await loadDemo(deps, password);
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const signIn = async (username: string) => {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!login.ok) throw new Error(`sign-in as ${username}: ${login.status}`);
    return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  console.log(`database: ${database.kind}`);
  const r = await benchWrites({
    base,
    signIn,
    db: deps.db,
    auditKey: deps.auditKey,
    connections: Number(process.env.BENCH_WRITES_CONNECTIONS || 50),
    seconds: Number(process.env.BENCH_WRITES_SECONDS || 10),
    ...(process.env.BENCH_WRITES_PROFILE ? { profile: process.env.BENCH_WRITES_PROFILE } : {}),
  });
  console.log(formatWrites(r));
  const path50 = await benchAuditPath(deps.db, deps.auditKey, 50, 5);
  console.log(
    `audit path alone · 50 concurrent transactions, 5 s: ${Math.round(path50.perSecond)} entries/s  p99 ${path50.p99} ms  chain ${path50.chainOk ? 'verified' : 'BROKEN'}: ${path50.checked} entries`,
  );
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!r.chainOk || !path50.chainOk) process.exitCode = 1;
}
