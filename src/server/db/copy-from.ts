import type pg from 'pg';
import type { Db } from './client';

/*
 * `COPY … FROM STDIN` on a node-postgres client, for bulk generators (demo:scale) that write millions of rows: about
 * ten times the rows per second of multi-row INSERTs (docs/performance.md). node-postgres runs any object with a
 * `submit(connection)` method as a query (the hook pg-copy-streams uses); this is that object for one COPY whose
 * data is already in memory, so no dependency is added for it. The rows go in the caller's transaction.
 */

/** The pooled client behind a node-postgres drizzle transaction (drizzle keeps it as the session's client). */
export function pgClientOf(tx: Db): pg.ClientBase {
  // biome-ignore lint/suspicious/noExplicitAny: drizzle's session is not part of its public types
  const client = (tx as any).session?.client as pg.ClientBase | undefined;
  if (!client || typeof client.query !== 'function' || 'totalCount' in client)
    throw new Error('COPY needs a node-postgres transaction (a pooled client), not a pool or PGlite');
  return client;
}

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

class CopyIn {
  private rows = 0;
  private error: Error | null = null;
  constructor(
    readonly text: string,
    private readonly chunks: readonly (string | Buffer)[],
    private readonly done: (err: Error | null, rows: number) => void,
  ) {}
  submit(connection: CopyConnection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: CopyConnection) {
    for (const c of this.chunks) connection.sendCopyFromChunk(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text?: string }) {
    this.rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }
  handleError(err: Error) {
    this.error = err;
  }
  handleReadyForQuery() {
    this.done(this.error, this.rows);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/**
 * Run `copy <table> (<columns>) from stdin` with rows in PostgreSQL's text format (tab-separated, \N for null; see
 * copyText), in the transaction of `client`. Resolves with the number of rows copied.
 */
export function copyFrom(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  chunks: readonly (string | Buffer)[],
  options = '',
): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyIn(
      `copy ${table} (${columns.join(', ')}) from stdin${options ? ` with (${options})` : ''}`,
      chunks,
      (err, rows) => (err ? reject(err) : resolve(rows)),
    );
    // biome-ignore lint/suspicious/noExplicitAny: node-postgres accepts a submittable; its types only know Query
    client.query(q as any);
  });
}

/** One value in COPY's text format: null as \N; backslash, tab and line breaks escaped. */
export function copyText(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c)
    : v;
}
