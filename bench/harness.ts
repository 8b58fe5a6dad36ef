import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type pg from 'pg';

/**
 * The pieces every scenario of `npm run bench` shares: the scenario and result shapes, one load run (autocannon in
 * the bench process, the servers in child processes of their own), the latency of one request alone, CPU sampling of
 * the app's process and of its PostgreSQL backends, and the wait for a quiet machine between scenarios.
 */

export type DbKind = 'pglite' | 'postgres';
/** A demo role whose user the harness signs in (the names of src/server/demo), or an exact username. */
export type As =
  | 'province'
  | 'city'
  | 'county'
  | 'park'
  | 'operator'
  | 'enterprise'
  | 'evaluator'
  | 'admin'
  | { username: string };

/**
 * What a target asks of one scenario (issue 12). Every bound present must hold for PASS; `db` limits the target to
 * one kind of database (the scenario still runs on the other, without a verdict).
 */
export interface Target {
  /** Issue 12's number for the target (1–7), or another issue's ('13.3': issue 13's third). */
  issue: number | string;
  p50MaxMs?: number;
  p99MaxMs?: number;
  aloneMaxMs?: number;
  /** Minimum req/s as a share of the bare route serving the same page in the same run. */
  ratioMin?: number;
  /** Minimum of the scenario's own `value` (e.g. records/s written). */
  valueMin?: number;
  /** Maximum of the scenario's own `value` (e.g. seconds to start). */
  valueMax?: number;
  db?: DbKind;
}

/** A measured load run (one autocannon run). */
export interface Load {
  connections: number;
  durationS: number;
  reqPerSec: number;
  requests: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** CPU seconds per wall second (1.0 = one core busy) over a load run. */
export interface Cpu {
  /** The app's Node process (or processes). */
  app: number;
  /** The PostgreSQL backends of the bench's database (null on PGlite, where they are the app's own thread). */
  pg: number | null;
  /** The bench process itself: autocannon generating the load. */
  bench: number;
  /** Mean number of backends of the bench's database in state 'active' (pg_stat_activity sampled every 100 ms). */
  pgActive: number | null;
}

/** What a plug-in scenario function returns; everything is optional, `skipped` says why nothing was measured. */
export interface FnResult {
  load?: Load;
  aloneMs?: number | null;
  cpu?: Cpu;
  /** The scenario's own figure, e.g. records written per second, seconds to start. */
  value?: { n: number; unit: string };
  /** Printed under the table. */
  note?: string;
  skipped?: string;
  /** What the figure is read against, when the function measured it itself (`ratio` is recomputed). */
  ceiling?: { kind: 'baseline'; name: string; reqPerSec: number; ratio: number };
  /** Anything else worth keeping in the JSON. */
  extra?: Record<string, unknown>;
}

export interface ScenarioResult extends Omit<FnResult, 'ceiling'> {
  name: string;
  group: string;
  server: 'app' | 'bare' | 'fn';
  url?: string;
  as?: string;
  /**
   * `bare`: the same SQL on the bare server; `hello`: our /healthz of the same phase; `baseline`: what a function
   * compared its figure with (two instances: one instance).
   */
  ceiling?: { kind: 'bare' | 'hello' | 'baseline'; name: string; reqPerSec: number; ratio: number } | null;
  /** pass: true / false, null when a figure it needs was not measured, 'n/a' on the other kind of database. */
  target?: { text: string; pass: boolean | null | 'n/a'; issue: number | string } | null;
}

/** One GET scenario's load: autocannon against `url` with these headers. */
export async function load(
  url: string,
  opts: { connections: number; durationS: number; headers?: Record<string, string> },
): Promise<Load> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.durationS,
    headers: opts.headers ?? {},
  });
  const answered = r['2xx'] + r.non2xx > 0;
  return {
    connections: opts.connections,
    durationS: opts.durationS,
    reqPerSec: r.requests.average,
    requests: r.requests.total,
    // A route slower than the run answers nothing in it: no latency rather than 0.
    p50: answered ? r.latency.p50 : null,
    p99: answered ? r.latency.p99 : null,
    max: answered ? r.latency.max : null,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** One request at a time, three times after a warm-up one: the median is the latency without contention. */
export async function alone(url: string, headers: Record<string, string> = {}): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    if (i > 0) times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[1] ?? 0;
}

const TICK = 100; // USER_HZ on Linux; /proc/<pid>/stat counts CPU time in these ticks.

/** utime + stime of a process in seconds, or null when it is gone or unreadable. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICK;
  } catch {
    return null;
  }
}

/**
 * Samples CPU while a load runs: the app's processes from /proc, and on PostgreSQL the backends of the bench's
 * database found in pg_stat_activity every 100 ms (each backend counted from the first sample that saw it, so a
 * backend that opens during the run loses its first 100 ms at most).
 */
export class CpuSampler {
  private timer: NodeJS.Timeout | undefined;
  private first = new Map<number, number>();
  private last = new Map<number, number>();
  private active = 0;
  private samples = 0;
  private appStart = 0;
  private benchStart = process.cpuUsage();
  private started = 0;
  private busy = false;

  constructor(
    private appPids: () => number[],
    private pgClient: pg.Client | null,
  ) {}

  start(): void {
    this.appStart = this.appCpu();
    this.benchStart = process.cpuUsage();
    this.started = performance.now();
    if (!this.pgClient) return;
    this.timer = setInterval(() => void this.sample(), 100);
  }

  private appCpu(): number {
    return this.appPids().reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
  }

  private async sample(): Promise<void> {
    if (!this.pgClient || this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.pgClient.query<{ pid: number; state: string | null }>(
        `select pid, state from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      this.samples++;
      for (const { pid, state } of rows) {
        if (state === 'active') this.active++;
        const s = cpuSeconds(pid);
        if (s === null) continue;
        if (!this.first.has(pid)) this.first.set(pid, s);
        this.last.set(pid, s);
      }
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<Cpu> {
    if (this.timer) clearInterval(this.timer);
    await this.sample();
    const wall = (performance.now() - this.started) / 1000;
    const bench = process.cpuUsage(this.benchStart);
    let pgCpu = 0;
    for (const [pid, s] of this.last) pgCpu += s - (this.first.get(pid) ?? s);
    const per = (n: number) => Math.round((n / wall) * 100) / 100;
    return {
      app: per(this.appCpu() - this.appStart),
      pg: this.pgClient ? per(pgCpu) : null,
      bench: per((bench.user + bench.system) / 1e6),
      pgActive: this.pgClient && this.samples ? Math.round((this.active / this.samples) * 10) / 10 : null,
    };
  }
}

/**
 * autocannon stops at the end of its run, but a server goes on with the requests it had taken (and their next
 * queries): wait until the app's processes have been under 5 % of a core for three 200 ms periods in a row and, on
 * PostgreSQL, no backend of the database is active, so that one scenario's backlog does not slow the next. Gives up
 * after 60 s (another helper's work on a shared machine never ends).
 */
export async function settle(pids: () => number[], pgClient: pg.Client | null): Promise<void> {
  const until = performance.now() + 60_000;
  for (let idle = 0; idle < 3 && performance.now() < until; ) {
    const cpu0 = pids().reduce((s, p) => s + (cpuSeconds(p) ?? 0), 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cpu1 = pids().reduce((s, p) => s + (cpuSeconds(p) ?? 0), 0);
    const busy = cpu1 - cpu0 > 0.01;
    let active = 0;
    if (pgClient) {
      const { rows } = await pgClient.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active'
          and pid <> pg_backend_pid()`,
      );
      active = rows[0]?.n ?? 0;
    }
    idle = busy || active ? 0 : idle + 1;
  }
}

/** The target's words, e.g. "p99 ≤ 50 ms, ≥ 0.60 of bare". */
export function targetText(t: Target, valueUnit = ''): string {
  const parts: string[] = [];
  if (t.aloneMaxMs !== undefined) parts.push(`alone ≤ ${t.aloneMaxMs} ms`);
  if (t.p50MaxMs !== undefined) parts.push(`p50 ≤ ${t.p50MaxMs} ms`);
  if (t.p99MaxMs !== undefined) parts.push(`p99 ≤ ${t.p99MaxMs} ms`);
  if (t.ratioMin !== undefined) parts.push(`≥ ${t.ratioMin.toFixed(2)} of bare`);
  if (t.valueMin !== undefined) parts.push(`≥ ${t.valueMin.toLocaleString('en')} ${valueUnit}`.trim());
  if (t.valueMax !== undefined) parts.push(`≤ ${t.valueMax} ${valueUnit}`.trim());
  return `T${t.issue}: ${parts.join(', ')}${t.db ? ` (${t.db})` : ''}`;
}

/**
 * PASS when every bound holds, MISS when one fails, null (no verdict) when the target is not for this database or
 * a figure it needs was not measured (a skipped plug-in, a ceiling not run, a route that never answered counts as
 * MISS: p99 null after a load).
 */
export function judge(t: Target, r: ScenarioResult, kind: DbKind): boolean | null | 'n/a' {
  if (t.db && t.db !== kind) return 'n/a';
  if (r.skipped) return null;
  const checks: boolean[] = [];
  if (t.p50MaxMs !== undefined) {
    if (!r.load) return null;
    checks.push(r.load.p50 !== null && r.load.p50 <= t.p50MaxMs && r.load.non2xx === 0 && r.load.errors === 0);
  }
  if (t.p99MaxMs !== undefined) {
    if (!r.load) return null;
    checks.push(r.load.p99 !== null && r.load.p99 <= t.p99MaxMs && r.load.non2xx === 0 && r.load.errors === 0);
  }
  if (t.aloneMaxMs !== undefined) {
    if (r.aloneMs === undefined || r.aloneMs === null) return null;
    checks.push(r.aloneMs <= t.aloneMaxMs);
  }
  if (t.ratioMin !== undefined) {
    // The ratio targets are to the bare route serving the same page; /healthz is no stand-in for it.
    if (r.ceiling?.kind !== 'bare') return null;
    checks.push(r.ceiling.ratio >= t.ratioMin);
  }
  if (t.valueMin !== undefined) {
    if (!r.value) return null;
    checks.push(r.value.n >= t.valueMin);
  }
  if (t.valueMax !== undefined) {
    if (!r.value) return null;
    checks.push(r.value.n <= t.valueMax);
  }
  return checks.every(Boolean);
}

export const verdictOf = (pass: boolean | null | 'n/a') =>
  pass === 'n/a' ? 'n/a' : pass === null ? '—' : pass ? 'PASS' : 'MISS';

const ms = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n < 10 ? n.toFixed(1) : String(Math.round(n));

/** The one table of the run, as text lines. */
export function formatTable(results: ScenarioResult[]): string[] {
  const head = [
    'scenario',
    'conn',
    'req/s',
    'p50',
    'p99',
    'max',
    'non2xx',
    'err',
    'alone',
    'cpu app+pg',
    'ratio (ceiling)',
    'target',
    'verdict',
  ];
  const rows = results.map((r) => {
    const l = r.load;
    const verdict = r.target ? verdictOf(r.target.pass) : '';
    const value = r.value ? `${r.value.n.toLocaleString('en', { maximumFractionDigits: 2 })} ${r.value.unit}` : '';
    return [
      r.name,
      l ? String(l.connections) : '',
      l ? Math.round(l.reqPerSec).toLocaleString('en') : value,
      l ? ms(l.p50) : r.skipped ? 'skipped' : '',
      l ? ms(l.p99) : '',
      l ? ms(l.max) : '',
      l ? String(l.non2xx) : '',
      l ? String(l.errors + l.timeouts) : '',
      ms(r.aloneMs),
      r.cpu ? `${r.cpu.app.toFixed(2)}+${r.cpu.pg === null ? '—' : r.cpu.pg.toFixed(2)}` : '',
      r.ceiling ? `${r.ceiling.ratio.toFixed(3)} (${r.ceiling.name})` : '',
      r.target?.text ?? '',
      verdict,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const right = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join(' │ ')
      .trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)];
}
