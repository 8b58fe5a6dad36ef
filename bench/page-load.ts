import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { load } from './harness';

/*
 * What the standalone page benches share (bench/home-load.ts, bench/trade-monitoring-load.ts): signing in to a
 * running app, one timed GET, a closed loop of GETs each after a step of the caller's (a write that moves the cache),
 * and /healthz as the ceiling of the same run.
 */

/** Sign in and return the headers that carry the session. */
export async function signIn(base: string, username: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie };
}

/** One GET, read to the end; its time in milliseconds. */
export async function timedGet(url: string, headers: Record<string, string>): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t;
}

/** `connections` workers, each: `before()` (not timed), then a timed GET, for `seconds`. */
export async function closedLoop(
  url: string,
  headers: Record<string, string>,
  opts: { connections: number; seconds: number; before: () => Promise<unknown> },
) {
  const times: number[] = [];
  const end = performance.now() + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < end) {
        await opts.before();
        times.push(await timedGet(url, headers));
      }
    }),
  );
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0);
  return { reqPerSec: times.length / opts.seconds, p50: q(0.5), p99: q(0.99), requests: times.length };
}

/** The median of five single requests, each after `before()`. */
export async function medianAlone(
  url: string,
  headers: Record<string, string>,
  before: () => Promise<unknown> = async () => undefined,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    await before();
    times.push(await timedGet(url, headers));
  }
  return Math.round(times.sort((x, y) => x - y)[2] ?? 0);
}

/** /healthz at `connections` for 4 s, printed; its req/s. */
export async function healthz(base: string, connections: number, label: string): Promise<number> {
  const h = await load(`${base}/healthz`, { connections, durationS: 4 });
  console.log(`/healthz ${label}: ${h.reqPerSec.toFixed(0)} req/s, p50 ${h.p50} / p99 ${h.p99} ms`);
  return h.reqPerSec;
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
