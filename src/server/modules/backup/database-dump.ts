import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Db, rowsOf } from '../../db/client';
import { ADVISORY_LOCK } from '../../lib/advisory-locks';

/** What a database holds, counted in one snapshot: compared after every restore. */
export interface DatabaseInventory {
  rowCounts: Record<string, number>;
  auditHead: { seq: number; hash: string };
  migrations: { applied: number; last: string | null };
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

export const queryOf =
  (db: Db): Query =>
  async (text) =>
    rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)));

const JOURNAL = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations/meta/_journal.json');

/** The migrations this code knows: `when` (what drizzle stores as created_at) → tag. */
export function knownMigrations(): Map<number, string> {
  const journal = JSON.parse(fs.readFileSync(JOURNAL, 'utf8')) as { entries: { when: number; tag: string }[] };
  return new Map(journal.entries.map((e) => [e.when, e.tag]));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows of every table of the platform's schemas, the audit head and the migrations applied. */
export async function inventory(query: Query): Promise<DatabaseInventory> {
  const tables = await query(
    `select table_schema as s, table_name as t from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const rowCounts: Record<string, number> = {};
  for (const { s, t } of tables as { s: string; t: string }[]) {
    const [row] = await query(`select count(*)::bigint as n from ${quoteIdent(s)}.${quoteIdent(t)}`);
    rowCounts[`${s}.${t}`] = Number(row?.n ?? 0);
  }
  const [head] = await query('select seq, hash from audit_head where id = 1');
  const [migration] = rowCounts['drizzle.__drizzle_migrations']
    ? await query('select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1')
    : [];
  const lastWhen = migration ? Number(migration.created_at) : null;
  return {
    rowCounts,
    auditHead: { seq: Number(head?.seq ?? 0), hash: String(head?.hash ?? '') },
    migrations: {
      applied: rowCounts['drizzle.__drizzle_migrations'] ?? 0,
      last: lastWhen === null ? null : (knownMigrations().get(lastWhen) ?? `unknown:${lastWhen}`),
    },
  };
}

const pgliteClient = (db: Db) => (db as unknown as { $client: PGlite }).$client;

/**
 * PGlite: its data folder as a gzipped tar, taken in-process (the server holds the folder's lock). Holding PGlite's
 * transaction lock, no other transaction is half-done in the copy; PGlite's own query lock keeps every single
 * statement whole. The counts are then read from the copy itself, so they describe exactly what was written.
 */
export async function dumpPglite(db: Db, file: string): Promise<DatabaseInventory> {
  const client = pgliteClient(db);
  const blob = await client.transaction(async () => client.dumpDataDir('gzip'));
  const bytes = Buffer.from(await blob.arrayBuffer());
  fs.writeFileSync(file, bytes, { flag: 'wx' });
  const copy = await PGlite.create({ loadDataDir: pgliteBlob(bytes) });
  try {
    return await inventory(async (text) => (await copy.query<Record<string, unknown>>(text)).rows);
  } finally {
    await copy.close();
  }
}

/** The bytes of a dumped PGlite folder as PGlite wants them: a Blob whose type says gzip. */
export function pgliteBlob(bytes: Buffer): Blob {
  return new Blob([new Uint8Array(bytes)], { type: 'application/x-gzip' });
}

/** libpq settings for pg_dump/pg_restore: the password goes by environment, never on a command line (ps shows it). */
function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

export class BackupBusyError extends Error {
  constructor() {
    super('另一个备份正在进行 / another backup is running');
    this.name = 'BackupBusyError';
  }
}

/** Run pg_dump / pg_restore; a failure carries the tool's own words. */
function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 8000) stderr += d.toString('utf8');
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new Error(`找不到 ${tool} / ${tool} not found: install the PostgreSQL client tools (postgresql-client)`)
          : err,
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

/**
 * PostgreSQL: `pg_dump -Fc` in the snapshot of a repeatable-read transaction that also counts the rows, so that the
 * counts and the dump are the same moment. An advisory lock lets one backup run at a time across instances.
 */
export async function dumpPostgres(url: string, file: string): Promise<DatabaseInventory> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const lock = await client.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [
      ADVISORY_LOCK.backup,
    ]);
    if (!lock.rows[0]?.ok) throw new BackupBusyError();
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s ?? '';
    const counted = await inventory(async (text) => (await client.query(text)).rows);
    const target = libpqTarget(url);
    await runTool(
      'pg_dump',
      ['--format=custom', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${target.dbname}`],
      target.env,
    );
    await client.query('commit');
    return counted;
  } finally {
    await client.end();
  }
}

/** Relations in a PostgreSQL database outside the system's own schemas: 0 means it is empty. */
export async function countUserRelations(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ n: string }>(
      `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
         and n.nspname not like 'pg_temp%' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    return Number(res.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** pg_restore into an empty database, all or nothing (one transaction, stop at the first error). */
export async function restorePostgres(url: string, file: string, opts: { withPrivileges: boolean }): Promise<void> {
  const target = libpqTarget(url);
  await runTool(
    'pg_restore',
    [
      '--single-transaction',
      '--exit-on-error',
      '--no-owner',
      ...(opts.withPrivileges ? [] : ['--no-acl']),
      `--dbname=${target.dbname}`,
      file,
    ],
    target.env,
  );
}

/** A throw-away database on the server of `serverUrl` for a restore test; `drop` removes it again. */
export async function createScratchPostgres(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hbts_verify_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
