import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from './client';
import { prepareByText } from './prepared';
import * as schema from './schema';

/**
 * The read replica (REPLICA_DATABASE_URL, docs/deployment.md): a pool on the standby whose every transaction is
 * read-only, behind a pool-shaped wrapper that sends a query to the primary instead when the standby cannot answer
 * it. A user asking for statistics or an export then gets them from the primary — a little slower, never a 500 —
 * and the operator gets one warning a minute while it lasts.
 */

export interface ReplicaOptions {
  /** Where the once-a-minute warning goes; stderr by default, as the primary pool's own connection warnings. */
  warn?: (line: string) => void;
  /** After a failure, queries go straight to the primary for this long before the standby is tried again. */
  retryAfterMs?: number;
  warnEveryMs?: number;
  /** How long a connection to the standby may take before it counts as unreachable (a host that drops packets). */
  connectTimeoutMs?: number;
  max?: number;
  now?: () => number;
}

export interface Replica {
  db: Db;
  pool: ReplicaPool;
  close(): Promise<void>;
}

/**
 * Errors that say the standby cannot serve the query, where running it on the primary gives the same answer:
 * no connection (refused, reset, timed out, unknown host), the server shutting down or still starting
 * (57P01–57P03), any connection exception (class 08), the database not there yet (3D000: created on the primary,
 * not yet replayed), and a query cancelled because replay needed the rows it read (40001 "conflict with recovery",
 * which on a read-only standby is the only source of 40001). A query that is itself wrong fails on the primary too,
 * so everything else is thrown as it is.
 */
export function replicaUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'ENOTFOUND',
      'EAI_AGAIN',
      'EPIPE',
    ].includes(code)
  )
    return true;
  if (/^08/.test(code) || ['57P01', '57P02', '57P03', '3D000', '40001'].includes(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connection timeout/i.test(message);
}

type QueryFn = (config: pg.QueryConfig, values?: unknown[]) => Promise<pg.QueryResult>;

/**
 * What Drizzle's node-postgres session needs of a pool: `query` for a statement, `connect` for a transaction. Its
 * class name contains "Pool", which is how Drizzle tells a pool (a connection per transaction) from one client.
 */
export class ReplicaPool {
  private downUntil = 0;
  private lastWarningAt = Number.NEGATIVE_INFINITY;
  /** Queries the standby answered and queries sent to the primary instead; for the bench and the tests. */
  readonly counts = { replica: 0, primary: 0 };

  constructor(
    readonly replica: pg.Pool,
    private readonly primary: pg.Pool,
    private readonly opts: Required<Pick<ReplicaOptions, 'warn' | 'retryAfterMs' | 'warnEveryMs' | 'now'>>,
  ) {}

  /** False while the standby is held as unreachable and reads go to the primary. */
  get available(): boolean {
    return this.opts.now() >= this.downUntil;
  }

  query = (async (config: pg.QueryConfig, values?: unknown[]) => {
    if (this.available) {
      try {
        const result = await (this.replica.query as QueryFn)(config, values);
        this.counts.replica++;
        return result;
      } catch (err) {
        if (!replicaUnavailable(err)) throw err;
        this.markDown(err);
      }
    }
    this.counts.primary++;
    return (this.primary.query as QueryFn)(config, values);
  }) as QueryFn;

  async connect(): Promise<pg.PoolClient> {
    if (this.available) {
      try {
        return await this.replica.connect();
      } catch (err) {
        if (!replicaUnavailable(err)) throw err;
        this.markDown(err);
      }
    }
    return this.primary.connect();
  }

  private markDown(err: unknown): void {
    const now = this.opts.now();
    this.downUntil = now + this.opts.retryAfterMs;
    if (now - this.lastWarningAt < this.opts.warnEveryMs) return;
    this.lastWarningAt = now;
    const reason = err instanceof Error ? err.message : String(err);
    this.opts.warn(
      `只读副本不可用，统计与导出改由主库提供 / read replica unavailable, statistics and exports read the primary: ${reason}`,
    );
  }
}

/** Opens the replica's pool; `primary` is the pool of DATABASE_URL, where its reads fall back. */
export function openReplica(url: string, primary: pg.Pool, opts: ReplicaOptions = {}): Replica {
  const replica = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 3000,
    // A standby refuses writes anyway; this also holds when the URL names a writable server by mistake, so that a
    // read path that wrote would fail here rather than write to the wrong place.
    options: '-c default_transaction_read_only=on',
    // Shows in pg_stat_activity on the standby (and in its logs), unless the URL names another.
    application_name: new URL(url).searchParams.get('application_name') ?? 'hbts-replica-read',
  });
  const warn = opts.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  // An idle connection the standby ends (restart, promotion) must not crash the process; the pool opens a new one.
  replica.on('error', () => {});
  // Plan each statement once per connection, as on the primary (decision 0022).
  replica.on('connect', (client) => prepareByText(client));
  const pool = new ReplicaPool(replica, primary, {
    warn,
    retryAfterMs: opts.retryAfterMs ?? 10_000,
    warnEveryMs: opts.warnEveryMs ?? 60_000,
    now: opts.now ?? Date.now,
  });
  const db = drizzleNodePg({ client: pool as unknown as pg.Pool, schema }) as unknown as Db;
  return { db, pool, close: () => replica.end() };
}
