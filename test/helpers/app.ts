import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { makeDeps, prepareDatabase } from '../../src/server/bootstrap';
import { loadConfig } from '../../src/server/config';
import type { Deps } from '../../src/server/context';
import type { Database } from '../../src/server/db/client';
import { TEST_AUDIT_KEY, TEST_FIELD_KEY, TEST_PASSWORD, TEST_START } from './constants';
import { createTestDatabase, type TestDatabase } from './db';
import { seedWorld, type World } from './world';

/** A clock the test moves by hand, so that 30-minute idle timeouts take no time. */
export class TestClock {
  now: Date;
  constructor(start: Date = TEST_START) {
    this.now = new Date(start);
  }
  advance(ms: number) {
    this.now = new Date(this.now.getTime() + ms);
  }
  fn = () => new Date(this.now);
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  database: TestDatabase;
  clock: TestClock;
  world: World;
  close(): Promise<void>;
}

export function depsFor(database: Database & { url?: string }, clock: TestClock): Deps {
  // Uploads land in a folder of the test's own; keys come from the test constants, so nothing else is written.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-test-'));
  // On PostgreSQL the config names the test's database, as DATABASE_URL would (pg_dump of a backup needs it).
  return makeDeps({ ...loadConfig({}), dataDir, databaseUrl: database.url }, database, {
    auditKey: TEST_AUDIT_KEY,
    fieldKey: TEST_FIELD_KEY,
    clock: clock.fn,
  });
}

/** App + fresh database + the fixture world (parks in 宜昌 and 襄阳, one user per role). */
export async function buildTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const deps = depsFor(database, clock);
  await prepareDatabase(database, deps);
  const world = await seedWorld(deps);
  const app = await buildApp(deps, { webDir: '/nonexistent' });
  return {
    app,
    deps,
    database,
    clock,
    world,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

let ipCounter = 0;
/** A distinct loopback address per caller, so that the per-IP sign-in limit only bites where a test wants it. */
export function nextIp(): string {
  ipCounter++;
  return `127.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255 || 1}`;
}

/** Sign in and return the Cookie header value to send with later requests. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: nextIp(),
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return sessionCookieOf(res);
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'hbts_session');
  if (!cookie) throw new Error('no session cookie set');
  return `hbts_session=${cookie.value}`;
}

/** inject with a session cookie. */
export function as(app: FastifyInstance, cookie: string, opts: InjectOptions) {
  return app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
}
