import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { type Database, DataDirInUseError, openPglite } from '../src/server/db/client';
import { auditEntries, users } from '../src/server/db/schema';
import { makeUser } from '../src/server/demo/factories';
import { as, buildTestApp, depsFor, loginAs, nextIp, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import { usingPostgres } from './helpers/db';
import { YICHANG } from './helpers/world';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

describe.skipIf(!usingPostgres)('two app instances on one database (stateless server)', () => {
  let t: TestApp;
  let another: Database;
  let app1: FastifyInstance;
  let app2: FastifyInstance;

  beforeAll(async () => {
    t = await buildTestApp();
    another = await t.database.openAnother();
    app1 = t.app;
    app2 = await buildApp(depsFor(another, t.clock), { webDir: '/nonexistent' });
  });
  afterAll(async () => {
    await app2?.close();
    await t?.close();
  });

  const signIn = (app: FastifyInstance, username: string, password: string, ip = nextIp()) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  let userCounter = 0;
  async function freshUser() {
    userCounter++;
    const u = await makeUser(t.deps, {
      username: `multi.user${userCounter}`,
      role: 'city',
      regionCode: YICHANG,
      password: TEST_PASSWORD,
    });
    return { id: u.id, username: u.username };
  }

  it('a session made on one instance works on the other, and a logout on either ends it on both', async () => {
    const cookie = await loginAs(app1, 'city.420500');
    const onSecond = await as(app2, cookie, { method: 'GET', url: '/api/me' });
    expect(onSecond.statusCode).toBe(200);
    expect(onSecond.json().user.username).toBe('city.420500');

    expect((await as(app2, cookie, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await as(app1, cookie, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
  });

  it('failed sign-ins from one address on both instances add up to one lock for that address, seen by both', async () => {
    const u = await freshUser();
    const ip = nextIp();
    for (const app of [app1, app2, app1, app2]) {
      expect((await signIn(app, u.username, 'Wrong#2026pw', ip)).json().code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const fifth = await signIn(app1, u.username, 'Wrong#2026pw', ip);
    expect({ status: fifth.statusCode, code: fifth.json().code }).toEqual({ status: 423, code: 'AUTH_ACCOUNT_LOCKED' });
    expect((await signIn(app1, u.username, TEST_PASSWORD, ip)).statusCode).toBe(423);
    expect((await signIn(app2, u.username, TEST_PASSWORD, ip)).statusCode).toBe(423);
    // The owner elsewhere is not locked out, on either instance.
    expect((await signIn(app2, u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('five wrong passwords arriving at once on both instances are all counted: exactly one lock', async () => {
    const u = await freshUser();
    const ip = nextIp();
    const results = await Promise.all(
      [app1, app2, app1, app2, app1].map((app) => signIn(app, u.username, 'Wrong#2026pw', ip)),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([401, 401, 401, 401, 423]);
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, u.id));
    expect(row?.lockedUntil).not.toBeNull();
    const entries = await t.deps.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(and(eq(auditEntries.objectType, 'user'), eq(auditEntries.objectId, String(u.id))));
    expect(
      entries
        .map((e) => e.action)
        .filter((a) => a.startsWith('auth.'))
        .sort(),
    ).toEqual([
      'auth.account.locked',
      'auth.login.failed',
      'auth.login.failed',
      'auth.login.failed',
      'auth.login.failed',
    ]);
    expect((await signIn(app2, u.username, TEST_PASSWORD, ip)).statusCode).toBe(423);
  });

  it('the per-IP sign-in limit counts attempts on both instances together', async () => {
    const ip = nextIp();
    for (let i = 0; i < 10; i++) {
      // A different name each time: five failures for one name would lock it for this address first.
      expect((await signIn(app1, `no.such.user.a${i}`, 'Wrong#2026pw', ip)).statusCode).toBe(401);
      expect((await signIn(app2, `no.such.user.b${i}`, 'Wrong#2026pw', ip)).statusCode).toBe(401);
    }
    const limited = await signIn(app1, 'city.420500', TEST_PASSWORD, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await signIn(app2, 'city.420500', TEST_PASSWORD, ip)).statusCode).toBe(429);
  });

  it('attempts from one address arriving at once on both instances: exactly 20 get through', async () => {
    const ip = nextIp();
    const results = await Promise.all(
      Array.from({ length: 26 }, (_, i) => signIn(i % 2 ? app2 : app1, `no.such.user.c${i}`, 'Wrong#2026pw', ip)),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  });
});

describe('PGlite data folder: one process at a time', () => {
  let dir: string;
  let script: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-lock-'));
    // Create the database once (initdb in WebAssembly takes seconds); the tests reopen it.
    await (await openPglite(path.join(dir, 'data'))).close();
    script = path.join(dir, 'open.mts');
    // A second process (like a second `npm start` on the same DATA_DIR) trying to open the folder.
    fs.writeFileSync(
      script,
      `import { openPglite } from ${JSON.stringify(path.join(ROOT, 'src/server/db/client.ts'))};
try {
  const db = await openPglite(process.argv[2]);
  await db.close();
  console.log(JSON.stringify({ opened: true }));
} catch (err) {
  console.log(JSON.stringify({ opened: false, name: err.name, message: err.message }));
}
`,
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function openInChild(dataDir: string): Promise<{ opened: boolean; name?: string; message?: string }> {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, dataDir], {
      cwd: ROOT,
      timeout: 30_000,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
  }

  it('refuses a second process while the folder is open, naming the folder and the holder’s pid', async () => {
    const dataDir = path.join(dir, 'data');
    const db = await openPglite(dataDir);
    let closed = false;
    try {
      const refused = await openInChild(dataDir);
      expect(refused.opened).toBe(false);
      expect(refused.name).toBe('DataDirInUseError');
      expect(refused.message).toContain(
        `数据目录 ${path.join(dataDir, 'pglite')} 正被另一个进程 (pid ${process.pid}) 使用`,
      );
      await db.close();
      closed = true;
      expect(await openInChild(dataDir)).toEqual({ opened: true });
    } finally {
      if (!closed) await db.close();
    }
  });

  it('takes over a lock file left by a process that died', async () => {
    const dataDir = path.join(dir, 'data');
    const lockFile = path.join(dataDir, 'pglite', 'platform.lock');
    // The pid of a process that has certainly exited.
    const { stdout } = await run(process.execPath, ['-e', 'console.log(process.pid)']);
    const deadPid = Number(stdout.trim());
    fs.writeFileSync(lockFile, String(deadPid));

    const db = await openPglite(dataDir);
    try {
      expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    } finally {
      await db.close();
    }
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('a refused opener leaves the live holder’s lock in place', async () => {
    const dataDir = path.join(dir, 'data');
    const lockFile = path.join(dataDir, 'pglite', 'platform.lock');
    // The parent of this test process is alive for as long as the test runs.
    fs.writeFileSync(lockFile, String(process.ppid));
    try {
      await expect(openPglite(dataDir)).rejects.toBeInstanceOf(DataDirInUseError);
      expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.ppid));
    } finally {
      fs.rmSync(lockFile, { force: true });
    }
  });
});
