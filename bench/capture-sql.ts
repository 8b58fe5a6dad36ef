import pg from 'pg';
import { buildApp } from '../src/server/app';
import type { Deps } from '../src/server/context';

/**
 * The SQL our app runs for one page, as node-postgres receives it (text, parameters, row mode), so that the bare
 * route (bench/bare-server.ts) serves the same page with the same queries and no framework. Captured at the driver
 * rather than rebuilt from a query builder, so that whatever the list becomes (keyset pages, totals from the
 * figures layer) the ceiling follows it without a change here.
 */

export interface CapturedQuery {
  text: string;
  values: unknown[];
  rowMode?: 'array';
  /** Queries of one group were in flight together in the app (Promise.all); groups ran one after another. */
  group: number;
}

export interface CapturedPage {
  url: string;
  queries: CapturedQuery[];
  /** The app ran them in a transaction: the bare route runs them on one client between begin and commit. */
  transaction: boolean;
  /** Rows and columns of what the app answered, to check the bare route answers a page of the same size. */
  items: number;
}

interface Recorded {
  text: string;
  values: unknown[];
  rowMode?: 'array';
  group: number;
}

/**
 * Runs `fn` with every query node-postgres is asked for recorded; queries in flight together share a group number.
 * Recorded where the app asks: on the pool (`pool.query`, which waits for a free connection before the client's
 * query starts, so timing the clients would split queries the app sent together) and on a client it checked out
 * itself (a transaction); the client query a pool query turns into is not recorded twice.
 */
async function recording(fn: () => Promise<void>): Promise<Recorded[]> {
  type Query = (...args: unknown[]) => unknown;
  const client = pg.Client.prototype as unknown as { query: Query };
  const pool = pg.Pool.prototype as unknown as { query: Query };
  const originals = { client: client.query, pool: pool.query };
  const recorded: Recorded[] = [];
  /** First arguments of pool queries whose client query has not started yet. */
  const fromPool = new Map<unknown, number>();
  let inFlight = 0;
  let group = -1;
  const record = (original: Query, self: unknown, args: unknown[]) => {
    const [first, second] = args;
    const config = typeof first === 'string' ? { text: first } : (first as { text: string; values?: unknown[] });
    const values = Array.isArray(second) ? second : (config.values ?? []);
    if (inFlight === 0) group++;
    inFlight++;
    recorded.push({
      text: config.text,
      values: JSON.parse(JSON.stringify(values)),
      ...((first as { rowMode?: string }).rowMode === 'array' ? { rowMode: 'array' as const } : {}),
      group,
    });
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    const last = args[args.length - 1];
    if (typeof last === 'function')
      args[args.length - 1] = (...cbArgs: unknown[]) => {
        finish();
        return (last as Query)(...cbArgs);
      };
    const result = original.apply(self, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(finish, finish);
    return result;
  };
  pool.query = function (this: unknown, ...args: unknown[]) {
    fromPool.set(args[0], (fromPool.get(args[0]) ?? 0) + 1);
    return record(originals.pool, this, args);
  };
  client.query = function (this: unknown, ...args: unknown[]) {
    const pending = fromPool.get(args[0]) ?? 0;
    if (pending > 0) {
      fromPool.set(args[0], pending - 1);
      return originals.client.apply(this, args);
    }
    return record(originals.client, this, args);
  };
  try {
    await fn();
  } finally {
    client.query = originals.client;
    pool.query = originals.pool;
  }
  return recorded;
}

/**
 * The queries of each page in `pages` (url and session cookie), without those the session lookup runs: they are
 * taken from a request to /api/me made first with the same cookie, and anything touching the sessions table is
 * left out too (the session's last-seen write comes at most once a minute).
 */
export async function captureListSql(
  deps: Deps,
  pages: { key: string; url: string; cookie: string }[],
): Promise<Record<string, CapturedPage>> {
  const app = await buildApp(deps, { webDir: '/nonexistent' });
  const out: Record<string, CapturedPage> = {};
  try {
    for (const { key, url, cookie } of pages) {
      const auth = await recording(async () => {
        const res = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`/api/me: ${res.statusCode} ${res.body}`);
      });
      const authTexts = new Set(auth.map((q) => q.text));
      let items = 0;
      const all = await recording(async () => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        items = (res.json() as { items?: unknown[] }).items?.length ?? 0;
      });
      const own = all.filter((q) => !authTexts.has(q.text) && !/"?sessions"?\s/i.test(q.text));
      const transaction = own.some((q) => /^\s*begin\b/i.test(q.text));
      // Renumber the groups from 0 in the order they ran.
      const groups = [...new Set(own.map((q) => q.group))];
      out[key] = {
        url,
        transaction,
        items,
        queries: own.map((q) => ({ ...q, group: groups.indexOf(q.group) })),
      };
    }
  } finally {
    await app.close();
  }
  return out;
}
