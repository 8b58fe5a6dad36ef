import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * The servers under load run as child processes of the bench: the app exactly as `npm start` runs it after its
 * build step (src/server/main.ts), the bare route (bench/bare-server.ts), each with its own event loop, so that
 * neither shares a thread with autocannon in the bench process nor with each other.
 */

export const ROOT = path.join(import.meta.dirname, '..');

export interface Server {
  name: string;
  base: string;
  port: number;
  pid: number;
  /** Milliseconds from spawn to the first 200 on its health URL. */
  readyMs: number;
  log: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the kernel's pick), or `preferred` when given. */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred) return preferred;
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(child: ChildProcess, url: string, log: string, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
  child.kill('SIGKILL');
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (exit ${child.exitCode}); log tail:\n${tail}`);
}

async function startChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  healthPath: string,
  logDir: string,
): Promise<Server> {
  const log = path.join(logDir, `${name}-${port}.log`);
  const out = fs.openSync(log, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  await waitReady(child, `${base}${healthPath}`, log, 180_000);
  const readyMs = performance.now() - started;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    name,
    base,
    port,
    pid: child.pid ?? 0,
    readyMs,
    log,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The app as src/server/main.ts starts it: migrations (none left to run), housekeeping, the request log at `info`
 * as JSON (into a file in the bench's data folder), on 127.0.0.1:`port`.
 */
export function startApp(opts: {
  name?: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    LOG_FORMAT: 'json',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    TZ: process.env.TZ ?? 'Asia/Shanghai',
    ...opts.env,
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  return startChild(opts.name ?? 'app', ['src/server/main.ts'], env, opts.port, '/healthz', opts.dataDir);
}

/** The bare Fastify + node-postgres server (bench/bare-server.ts) replaying the captured queries in `specFile`. */
export function startBare(opts: { port: number; databaseUrl: string; specFile: string; logDir: string }) {
  return startChild(
    'bare',
    [path.join('bench', 'bare-server.ts'), opts.specFile],
    { ...process.env, PORT: String(opts.port), DATABASE_URL: opts.databaseUrl },
    opts.port,
    '/hello',
    opts.logDir,
  );
}
