import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app';
import { prepareDatabase } from '../../src/server/bootstrap';
import type { Deps } from '../../src/server/context';
import { depsFor, TestClock } from './app';
import { ensureWebBuilt, launchChromium } from './browser';
import { createTestDatabase } from './db';

export interface E2eApp {
  baseUrl: string;
  browser: Browser;
  /** Close everything; where a step failed, the last screen of each page is kept in test-results/<name>-<i>.png. */
  close(name: string, pages?: Page[]): Promise<void>;
}

/**
 * What every browser test sets up: a fresh database (PGlite, or PostgreSQL with TEST_DATABASE_URL) with the schema,
 * the data `seed` makes, the server on a free port serving the built web, and Chromium. The server runs on the real
 * clock: the browser's requests and the pages' "today" carry the real time.
 */
export async function startE2eApp(executable: string, seed: (deps: Deps) => Promise<void>): Promise<E2eApp> {
  const webDir = ensureWebBuilt();
  const database = await createTestDatabase();
  const deps = { ...depsFor(database, new TestClock()), clock: () => new Date() };
  let app: FastifyInstance | undefined;
  let browser: Browser;
  try {
    await prepareDatabase(database, deps);
    await seed(deps);
    app = await buildApp(deps, { webDir });
    await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium(executable);
  } catch (err) {
    // A set-up that failed half way leaves no server or database behind.
    await app?.close();
    await database.close();
    throw err;
  }
  const server = app;
  return {
    baseUrl: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    browser,
    close: async (name, pages = []) => {
      for (const [i, p] of pages.entries())
        await p.screenshot({ path: `test-results/${name}-${i}.png`, fullPage: true }).catch(() => {});
      await browser.close();
      await server.close();
      await database.close();
    },
  };
}
