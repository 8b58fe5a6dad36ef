import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * Target 5 of issue 12: a start on an EXISTING database (PGlite, demo data loaded by an earlier start, web app built)
 * to the first /healthz 200, in ≤ 5 s on an idle machine. The server is started as `npm start` starts it (`node
 * --import tsx src/server/start.ts`, without npm's own ~0.3 s); the wall time and the CPU time the process had used
 * when /healthz first answered are printed, so that a loaded machine can be told from a slow start.
 * `node --import tsx bench/start-time.ts` runs it alone; bench/run.ts can call `startTime()`. BENCH_START_RUNS sets
 * how many timed starts (default 3; the median is reported).
 */
const root = path.resolve(import.meta.dirname, '..');

export interface StartTimeResult {
  firstStartSeconds: number;
  /** Each timed start: wall seconds to /healthz 200, and CPU seconds (user + system) of the process by then. */
  starts: { wallSeconds: number; cpuSeconds: number }[];
  medianWallSeconds: number;
  medianCpuSeconds: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The fields of /proc/<pid>/stat after "pid (comm) " (comm may hold spaces and parentheses). */
function procFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system, every thread) from stat's utime and stime; USER_HZ is 100 on Linux. */
const cpuOf = (fields: string[]) => (Number(fields[11]) + Number(fields[12])) / 100;

/** One start: the time to the first /healthz 200 and the CPU used by then; then stopped with SIGTERM. */
async function timedStart(dataDir: string): Promise<{ wallSeconds: number; cpuSeconds: number }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  env.DEMO_PASSWORD ??= 'Bench#2026pw';
  for (const name of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'S3_BUCKET', 'NODE_OPTIONS']) delete env[name];
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  try {
    for (;;) {
      if (ended) throw new Error('the server ended before it answered /healthz');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const wallSeconds = (performance.now() - started) / 1000;
    return { wallSeconds, cpuSeconds: child.pid ? cpuOf(procFields(child.pid)) : Number.NaN };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function startTime(opts: { runs?: number; log?: (s: string) => void } = {}): Promise<StartTimeResult> {
  const runs = opts.runs ?? Number(process.env.BENCH_START_RUNS || 3);
  const log = opts.log ?? console.log;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-start-time-'));
  try {
    log('\nstart on an existing database (PGlite): first start (demo data, web build if needed) …');
    const first = await timedStart(dataDir);
    log(`  first start: ${first.wallSeconds.toFixed(1)} s (CPU ${first.cpuSeconds.toFixed(1)} s)`);
    const starts: StartTimeResult['starts'] = [];
    for (let i = 0; i < runs; i++) {
      const s = await timedStart(dataDir);
      starts.push(s);
      log(`  start ${i + 2}: ${s.wallSeconds.toFixed(2)} s to /healthz 200, CPU ${s.cpuSeconds.toFixed(2)} s`);
    }
    const result = {
      firstStartSeconds: first.wallSeconds,
      starts,
      medianWallSeconds: median(starts.map((s) => s.wallSeconds)),
      medianCpuSeconds: median(starts.map((s) => s.cpuSeconds)),
    };
    log(
      `  median of ${runs} later starts: ${result.medianWallSeconds.toFixed(2)} s (CPU ${result.medianCpuSeconds.toFixed(2)} s; on a loaded machine the wall time is the CPU time stretched)`,
    );
    return result;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) await startTime();
