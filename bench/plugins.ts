import { loadAuditKey } from '../src/server/lib/audit-key';
import type { FnResult, Load } from './harness';
import { importWhileServing, type LoadFigures } from './import-while-serving';
import type { BenchContext } from './scenarios';
import { startTime } from './start-time';
import { benchWrites, formatWrites } from './writes';

/**
 * The benchmarks written as programs of their own (bench/import-while-serving.ts, bench/start-time.ts,
 * bench/writes.ts) turned into the harness's scenario results: one figure each, with the rest kept in the JSON.
 */

const asLoad = (f: LoadFigures, connections: number, durationS: number): Load => ({
  connections,
  durationS,
  reqPerSec: f.reqPerSec,
  requests: f.requests,
  p50: f.p50,
  p99: f.p99,
  max: f.max,
  non2xx: f.non2xx,
  errors: f.errors,
  timeouts: 0,
});

/** Target 6: the demo's list on PGlite at 10 connections while a 20,000-row import runs; the worse of the two users. */
export async function demoListDuringImport(ctx: BenchContext): Promise<FnResult> {
  const r = await importWhileServing({ seconds: ctx.durationS, log: (s) => process.stderr.write(`${s}\n`) });
  const during = Object.values(r.duringImport);
  const worst = during.reduce((a, b) => ((b.p99 ?? 0) > (a.p99 ?? 0) ? b : a));
  const alone = Object.values(r.alone).reduce((a, b) => ((b.p99 ?? 0) > (a.p99 ?? 0) ? b : a));
  const total = during.reduce((n, f) => n + f.reqPerSec, 0);
  return {
    load: { ...asLoad(worst, 10, r.importSeconds), reqPerSec: total },
    note: `import while serving: ${r.imported.toLocaleString('en')} rows ${r.importStatus} in ${r.importSeconds.toFixed(0)} s; list p99 ${alone.p99} ms alone, ${worst.p99} ms during the import; longest event-loop stall ${Math.round(r.longestStallMs)} ms`,
    extra: { importWhileServing: r },
  };
}

/** Target 5: `npm start` on an existing PGlite database to the first /healthz 200 (median of later starts). */
export async function startToHealthz(): Promise<FnResult> {
  const r = await startTime({ log: (s) => process.stderr.write(`${s}\n`) });
  return {
    value: { n: Number(r.medianWallSeconds.toFixed(2)), unit: 's' },
    note: `start: first start ${r.firstStartSeconds.toFixed(1)} s (new folder), later starts median ${r.medianWallSeconds.toFixed(2)} s wall, ${r.medianCpuSeconds.toFixed(2)} s CPU`,
    extra: { startTime: r },
  };
}

/** Target 4: staff recording services at 50 connections with the audit chain; the chain verified after. */
export async function auditedWrites(ctx: BenchContext): Promise<FnResult> {
  const { app, db } = ctx;
  if (!app || !db) return { skipped: 'writes are measured on PostgreSQL with the app running' };
  const r = await benchWrites({
    base: app.base,
    signIn: async (username) => (await ctx.headers({ username })).cookie ?? '',
    db,
    auditKey: loadAuditKey(process.env.AUDIT_HMAC_KEY || undefined, ctx.dataDir),
    connections: 50,
    seconds: ctx.durationS,
  });
  return {
    value: { n: Math.round(r.recordsPerSecond), unit: 'records/s' },
    load: {
      connections: r.connections,
      durationS: r.seconds,
      reqPerSec: r.recordsPerSecond,
      requests: r.recorded,
      p50: r.p50,
      p99: r.p99,
      max: null,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: 0,
    },
    note: formatWrites(r),
    extra: { writes: r },
  };
}

/**
 * Issue 13's monitoring target: GET /api/trade/monitoring for a year as `as`, at `connections`. The route is built
 * beside this bench (issue 13's trade figures); until it exists the scenario says "route missing" and the rest of the
 * run goes on. Any other refusal is reported with its status, not measured.
 */
export function tradeMonitoring(as: 'province' | 'operator', year: number, connections: number) {
  return async (ctx: BenchContext): Promise<FnResult> => {
    if (!ctx.app) return { skipped: 'no app running' };
    const url = `/api/trade/monitoring?year=${year}`;
    const probe = await fetch(`${ctx.app.base}${url}`, { headers: await ctx.headers(as) });
    await probe.arrayBuffer();
    if (probe.status === 404) return { skipped: 'route missing' };
    if (!probe.ok) return { skipped: `HTTP ${probe.status} from ${url}` };
    const m = await ctx.measure(url, { connections, as, alone: true });
    return { load: m.load, cpu: m.cpu, aloneMs: m.aloneMs, extra: { url } };
  };
}
