import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { ADVISORY_LOCK } from '../lib/advisory-locks';
import { prepareByText } from './prepared';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL: the pool behind `db`, where reads sent to a replica fall back when it is unreachable (read-db.ts). */
  pool?: pg.Pool;
  /** The read replica's handle when REPLICA_DATABASE_URL is set (db/replica.ts); closed with this database. */
  replica?: Db;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Rows of a raw `db.execute(sql…)`: both drivers answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Independent reads, in parallel on the pool and one after another inside a transaction: a transaction is one client,
 * where node-postgres deprecates overlapping queries (pg 9 removes them) and they would queue anyway. A use case that
 * runs inside another's transaction (an exchange adapter applying a status, a step answering with its record) reads
 * through the same code as a page does.
 */
export async function readAll<T extends readonly unknown[]>(
  db: Db,
  reads: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  // drizzle's transactions (PgTransaction) have rollback(); the database handle has not.
  if (!('rollback' in db)) return Promise.all(reads.map((r) => r())) as unknown as Promise<T>;
  const out: unknown[] = [];
  for (const r of reads) out.push(await r());
  return out as unknown as T;
}

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `数据目录 ${dir} 正被另一个进程 (pid ${pid}) 使用，请先停止它或设置其他 DATA_DIR。\n` +
        `The data folder ${dir} is in use by another process (pid ${pid}); stop it or set another DATA_DIR.`,
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: a second process writing the same folder would corrupt it. We take an
 * exclusive lock file (O_EXCL) holding our pid; a stale one left by a dead process is taken over.
 */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'platform.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dir, pid);
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`cannot lock ${dir}`);
}

/** PGlite in a folder (or in memory when `dir` is undefined); `loadFrom` fills a new one from a dumped data folder. */
export async function openPglite(dir: string | undefined, opts: { loadFrom?: Blob } = {}): Promise<Database> {
  const release = dir ? lockDataDir(path.join(dir, 'pglite')) : () => {};
  let client: PGlite;
  try {
    client = dir
      ? await PGlite.create(path.join(dir, 'pglite', 'db'), opts.loadFrom ? { loadDataDir: opts.loadFrom } : {})
      : await PGlite.create(opts.loadFrom ? { loadDataDir: opts.loadFrom } : {});
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder: MIGRATIONS }),
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * PostgreSQL through a pool on `url`. `migrationUrl` is the tables' owner when `url` is a restricted role
 * (docs/sql/app-role.sql): migrations then run on a connection of their own as the owner.
 */
export async function openPostgres(url: string, opts: { max?: number; migrationUrl?: string } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle connection the server ends (a restart, a failover, an administrator) makes the pool emit 'error'; with
  // no listener that would crash the process. The pool drops that client and opens a new one on the next query.
  pool.on('error', (err) => {
    process.stderr.write(`PostgreSQL closed an idle connection: ${err.message}\n`);
  });
  // Plan each statement once per connection, not on every request (decision 0022).
  pool.on('connect', (client) => prepareByText(client));
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    pool,
    migrate: async () => {
      // Several instances may start at once: one migrates, the others wait for it.
      const owner = opts.migrationUrl ? new pg.Client({ connectionString: opts.migrationUrl }) : undefined;
      if (owner) await owner.connect();
      const client = owner ?? (await pool.connect());
      try {
        await client.query(`select pg_advisory_lock(${ADVISORY_LOCK.migrate})`);
        await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder: MIGRATIONS });
      } finally {
        await client.query(`select pg_advisory_unlock(${ADVISORY_LOCK.migrate})`).catch(() => {});
        if (owner) await owner.end();
        else (client as pg.PoolClient).release();
      }
    },
    close: () => pool.end(),
  };
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
