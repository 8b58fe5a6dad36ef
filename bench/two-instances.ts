import os from 'node:os';
import { type Cpu, type FnResult, type Load, load as loadRun } from './harness';
import type { BenchContext } from './scenarios';

/**
 * Target 7: two app instances on one PostgreSQL against one. The city's first page at 50 connections on one
 * instance, then a second instance (the same DATABASE_URL, its own port) and 25 + 25 connections on both at once.
 * CPU is sampled in both runs (the app processes from /proc, PostgreSQL's backends through pg_stat_activity) so the
 * note can say where the time went: on a 2-core machine a second Node process only helps while Node, not
 * PostgreSQL, is what waits for a core.
 */
const URL = '/api/service-records?page=1&pageSize=20';

export async function twoInstances(ctx: BenchContext): Promise<FnResult> {
  if (!ctx.app) return { skipped: 'the app is not running' };
  await ctx.settle();
  const one = await ctx.measure(URL, { connections: 50, as: 'city' });
  const second = await ctx.startApp('app2');
  try {
    const headers = await ctx.headers('city');
    await ctx.settle();
    const app = ctx.app;
    const { result, cpu } = await ctx.withCpu([app.pid, second.pid], () =>
      Promise.all([
        loadRun(`${app.base}${URL}`, { connections: 25, durationS: ctx.durationS, headers }),
        loadRun(`${second.base}${URL}`, { connections: 25, durationS: ctx.durationS, headers }),
      ]),
    );
    const [a, b] = result;
    const both: Load = {
      connections: 50,
      durationS: ctx.durationS,
      reqPerSec: a.reqPerSec + b.reqPerSec,
      requests: a.requests + b.requests,
      // The two runs' percentiles cannot be merged exactly; the worse of the two is the honest bound.
      p50: Math.max(a.p50 ?? 0, b.p50 ?? 0),
      p99: Math.max(a.p99 ?? 0, b.p99 ?? 0),
      max: Math.max(a.max ?? 0, b.max ?? 0),
      non2xx: a.non2xx + b.non2xx,
      errors: a.errors + b.errors,
      timeouts: a.timeouts + b.timeouts,
    };
    const ratio = both.reqPerSec / Math.max(one.load.reqPerSec, 1e-9);
    return {
      load: both,
      cpu,
      value: { n: Math.round(ratio * 100) / 100, unit: '× one' },
      ceiling: { kind: 'baseline', name: 'one instance at 50', reqPerSec: one.load.reqPerSec, ratio },
      note: explain(one.load, one.cpu, both, cpu, [a, b]),
      extra: { one: one.load, oneCpu: one.cpu, instances: [a, b], twoCpu: cpu },
    };
  } finally {
    await second.stop();
  }
}

function explain(one: Load, oneCpu: Cpu, two: Load, twoCpu: Cpu, split: Load[]): string {
  const cores = os.cpus().length;
  const busy = (c: Cpu) => c.app + (c.pg ?? 0) + c.bench;
  const r = (n: number) => Math.round(n).toLocaleString('en');
  const f = (n: number | null) => (n === null ? '—' : n.toFixed(2));
  const pgShare = (c: Cpu) => ((c.pg ?? 0) / Math.max(busy(c), 1e-9)) * 100;
  return [
    `Target 7 (two app instances on one PostgreSQL, records p1 city): one instance at 50 connections ${r(one.reqPerSec)} req/s, p99 ${one.p99} ms;`,
    `  two instances at 25 + 25: ${r(two.reqPerSec)} req/s in total (${split.map((s) => r(s.reqPerSec)).join(' + ')}), p99 ${two.p99} ms — ${(two.reqPerSec / Math.max(one.reqPerSec, 1e-9)).toFixed(2)} × one.`,
    `  CPU in cores (of ${cores}): one instance node ${f(oneCpu.app)}, postgres ${f(oneCpu.pg)}, autocannon ${f(oneCpu.bench)} = ${busy(oneCpu).toFixed(2)};`,
    `  two instances node ${f(twoCpu.app)}, postgres ${f(twoCpu.pg)}, autocannon ${f(twoCpu.bench)} = ${busy(twoCpu).toFixed(2)}; active backends ${oneCpu.pgActive} → ${twoCpu.pgActive}.`,
    `  PostgreSQL takes ${pgShare(oneCpu).toFixed(0)} % of the bench's CPU with one instance, ${pgShare(twoCpu).toFixed(0)} % with two: that share is not`,
    '  multiplied by more Node processes, it only moves with the SQL.',
    ...(busy(twoCpu) >= cores * 0.85
      ? [
          `  node, postgres and autocannon fill the ${cores} cores: a second Node process can only take CPU from postgres and from the`,
          '  load generator, so no gain is to be had on this machine; instances gain where they (and the database) get cores of their own.',
        ]
      : [
          `  Our processes used ${busy(twoCpu).toFixed(2)} of ${cores} cores; the rest went to other work on the machine (load average`,
          `  ${os.loadavg()[0]?.toFixed(1)}) or sat idle while requests waited for a core or on the database: the machine was shared, so`,
          '  compare one and two instances only within this run. On a quiet 2-core machine expect no gain either: node, postgres and the load generator share the same cores.',
        ]),
  ].join('\n');
}
