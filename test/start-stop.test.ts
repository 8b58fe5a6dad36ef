import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/server/db/client';
import { users } from '../src/server/db/schema';
import { usingPostgres } from './helpers/db';

/**
 * Issue 11: `npm start` as a person runs it — the real script, through npm and its shell — stopped by a process
 * manager (SIGTERM to npm) and by Ctrl-C (SIGINT to the terminal's process group). Every process it started must
 * end, and the PGlite folder must be left closed: free to open, with its data. Slow (a first start loads the demo
 * data), so it runs once, on PGlite.
 */

const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-start-stop-'));
const started: ChildProcess[] = [];

/** Every live process whose process group is `pgid` (npm start was spawned as the leader of its own group). */
function processesInGroup(pgid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) found.push(Number(entry));
  }
  return found;
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

async function startNpm(port: number): Promise<{ npm: ChildProcess; output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO_PASSWORD: 'Start#2026pw',
  };
  // The server under test keeps its data in DATA_DIR, whatever database the suite runs on.
  for (const name of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'S3_BUCKET', 'NODE_OPTIONS']) delete env[name];
  const npm = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(npm);
  let output = '';
  npm.stdout?.on('data', (d) => {
    output += d;
  });
  npm.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<never>((_, reject) =>
    npm.once('exit', (code) => reject(new Error(`npm start ended (exit ${code}) before serving:\n${output}`))),
  );
  const healthy = (async () => {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  await Promise.race([healthy, exited]);
  return { npm, output: () => output };
}

async function allGone(pgid: number): Promise<void> {
  while (processesInGroup(pgid).length) await new Promise((r) => setTimeout(r, 100));
}

afterAll(() => {
  // Only if a test failed half-way: nothing of ours may outlive the run.
  for (const p of started) {
    if (p.pid && processesInGroup(p.pid).length) process.kill(-p.pid, 'SIGKILL');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(usingPostgres)('npm start stops cleanly (skipped on the PostgreSQL run: the same PGlite test)', () => {
  it('SIGTERM to npm ends every process it started and closes the database', { timeout: 900_000 }, async () => {
    const port = await freePort();
    const { npm, output } = await startNpm(port);
    const pgid = npm.pid as number;
    expect(output()).toContain(`http://localhost:${port}`);
    expect(processesInGroup(pgid).length).toBeGreaterThan(1); // npm, its shell, the server (and tsx's esbuild)

    process.kill(pgid, 'SIGTERM');
    await allGone(pgid);

    expect(output()).toContain('已停止 / stopped');
    expect(fs.existsSync(path.join(dataDir, 'pglite', 'platform.lock'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('Ctrl-C (SIGINT to the process group) stops a second start the same way', { timeout: 900_000 }, async () => {
    // The folder the first test left: a second start opens it (no "in use" refusal), serves, and stops again.
    const port = await freePort();
    const { npm, output } = await startNpm(port);
    const pgid = npm.pid as number;
    expect(output()).not.toContain('已载入演示数据'); // the data from the first start is there

    process.kill(-pgid, 'SIGINT');
    await allGone(pgid);

    expect(output()).toContain('已停止 / stopped');
    // One Ctrl-C reaches the server from the terminal and may come again through npm: still one clean stop.
    expect(output()).not.toContain('quitting without closing');
    // Free and intact: this process can open it and read the demo accounts.
    const database = await openPglite(dataDir);
    try {
      const [row] = await database.db.select({ n: count() }).from(users).where(eq(users.isDemo, true));
      expect(row?.n).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });
});
