import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app';
import type { Deps } from '../src/server/context';
import { type Database, openPostgres, rowsOf } from '../src/server/db/client';
import { runHousekeeping } from '../src/server/housekeeping';
import { as, buildTestApp, depsFor, loginAs, type TestApp } from './helpers/app';
import { usingPostgres } from './helpers/db';

const DAY = 86_400_000;

/** The database's own message of a refused statement (Drizzle wraps it as the cause of "Failed query: …"). */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
  return 'no error';
}
const ROLE_SQL = path.resolve(import.meta.dirname, '../docs/sql/app-role.sql');

/**
 * docs/sql/app-role.sql, run as the owner in this test's database, makes the role the application runs as in
 * production; the application then runs on it. Roles belong to the whole server, so the test's role gets a name
 * of its own. PGlite has one superuser role and nothing to restrict.
 */
describe.skipIf(!usingPostgres)('the restricted database role of docs/sql/app-role.sql (PostgreSQL)', () => {
  let t: TestApp;
  let role: string;
  let ownerUrl: string;
  let appUrl: string;
  let restricted: Database;
  let deps: Deps;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await buildTestApp(); // migrated and seeded by the owner
    role = `hbts_app_${randomBytes(4).toString('hex')}`;
    const script = fs.readFileSync(ROLE_SQL, 'utf8').replaceAll('hbts_app', role);
    await t.deps.db.execute(sql.raw(script));
    await t.deps.db.execute(sql.raw(`alter role ${role} password 'role-test-pw'`));
    const [{ db } = { db: '' }] = rowsOf<{ db: string }>(await t.deps.db.execute(sql`select current_database() as db`));
    const url = new URL(process.env.TEST_DATABASE_URL ?? '');
    url.pathname = `/${db}`;
    ownerUrl = url.toString();
    url.username = role;
    url.password = 'role-test-pw';
    appUrl = url.toString();
    restricted = await openPostgres(appUrl, { migrationUrl: ownerUrl });
    deps = depsFor(restricted, t.clock);
    app = await buildApp(deps, { webDir: '/nonexistent' });
  });
  afterAll(async () => {
    await app?.close();
    await restricted?.close();
    if (role) await t?.deps.db.execute(sql.raw(`drop owned by ${role}`));
    await t?.close();
    if (role) {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });

  const count = async () =>
    Number(rowsOf<{ n: string }>(await t.deps.db.execute(sql`select count(*) as n from audit_entries`))[0]?.n);
  const head = async () => rowsOf(await t.deps.db.execute(sql`select seq, hash from audit_head`))[0];

  it('connects as that role, and its audited writes work', async () => {
    const [who] = rowsOf<{ u: string }>(await restricted.db.execute(sql`select current_user as u`));
    expect(who?.u).toBe(role);
    const before = await count();
    const admin = await loginAs(app, 'admin');
    const res = await as(app, admin, { method: 'PATCH', url: '/api/settings', payload: { auditRetentionDays: 400 } });
    expect(res.statusCode).toBe(200);
    expect(await count()).toBe(before + 2); // the sign-in and the change
    const verify = await as(app, admin, { method: 'GET', url: '/api/audit/verify' });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('may not delete, update or truncate entries, use the old purge switch, call the guard off or rewrite it', async () => {
    const before = { count: await count(), head: await head() };
    const refused = async (statement: string) =>
      expect(failureOf(restricted.db.execute(sql.raw(statement)))).resolves.toMatch(/permission denied|must be owner/);
    await refused('delete from audit_entries');
    await refused(`update audit_entries set action = 'forged'`);
    await refused('truncate audit_entries');
    await refused('alter table audit_entries disable trigger user');
    await refused('create or replace function audit_entries_guard() returns trigger language sql as $$ select null $$');
    await expect(
      failureOf(
        restricted.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('app.audit_purge', 'on', true)`);
          await tx.execute(sql`delete from audit_entries`);
        }),
      ),
    ).resolves.toMatch(/permission denied/);
    expect({ count: await count(), head: await head() }).toEqual(before);
  });

  it('purges old entries through audit_purge(), and the chain still verifies', async () => {
    const before = await count();
    t.clock.advance(401 * DAY); // the retention set above is 400 days
    const result = await runHousekeeping(deps);
    expect(result.auditEntries).toBe(before);
    expect(await count()).toBe(1); // the purge's own record
    const admin = await loginAs(app, 'admin');
    const verify = await as(app, admin, { method: 'GET', url: '/api/audit/verify' });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null, anchor: { state: 'held' } });
  });

  it('migrates through MIGRATION_DATABASE_URL; migrating as the restricted role itself is refused', async () => {
    await expect(restricted.migrate()).resolves.toBeUndefined();
    const alone = await openPostgres(appUrl);
    try {
      await expect(failureOf(alone.migrate())).resolves.toMatch(/permission denied/);
    } finally {
      await alone.close();
    }
  });
});
