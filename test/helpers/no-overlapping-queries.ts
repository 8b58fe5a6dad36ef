import pg from 'pg';

/*
 * Every test file, PostgreSQL runs above all: a second query sent to a node-postgres client before its first has
 * answered fails the test where it happens. node-postgres queues such a query with a deprecation warning today and
 * pg 9 removes the queue; inside a transaction (one client) independent reads go one after another (db/client.ts
 * readAll). Printed once per process as a warning, it was easy to miss (session 10's note); here it names the query.
 */
type Internals = { _activeQuery?: { text?: string; name?: string } | null; _queryQueue?: unknown[] };
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client & Internals, ...args: unknown[]) {
  if (this._activeQuery || (this._queryQueue?.length ?? 0) > 0) {
    const text = (q: unknown) =>
      String(
        typeof q === 'string' ? q : ((q as { text?: string; name?: string })?.text ?? (q as { name?: string })?.name),
      )
        .replace(/\s+/g, ' ')
        .slice(0, 200);
    throw new Error(
      `two queries at once on one node-postgres client (a transaction's reads in Promise.all? use readAll): ${text(args[0])} — while ${text(this._activeQuery)} runs`,
    );
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;
