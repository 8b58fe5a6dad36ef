import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SQL, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type Database, openPglite } from '../../src/server/db/client';
import { createTestDatabase, usingPostgres } from './db';

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/server/db/migrations');

/**
 * Migrates `database` as it stood after migration `last` (a copy of the migrations folder whose journal ends there),
 * with the same migrators the platform runs, so that a test can put rows in the old shape and then migrate on.
 */
export async function migrateUpTo(database: Database, last: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  try {
    fs.cpSync(MIGRATIONS, dir, { recursive: true });
    const journalFile = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
    const end = journal.entries.findIndex((e) => e.tag === last);
    if (end < 0) throw new Error(`no migration ${last}`);
    journal.entries = journal.entries.slice(0, end + 1);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    if (database.kind === 'pglite')
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: dir });
    else await migrateNodePg(database.db as unknown as NodePgDatabase, { migrationsFolder: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows every migration test starts from: 宜昌高新区 (西陵区) with its centre 3, and an approved enterprise 5 there. */
export const YICHANG_CENTRE_ROWS: SQL[] = [
  sql`insert into regions (code, name, level) values ('420000', '湖北省', 'province'), ('420500', '宜昌市', 'city'),
    ('420502', '西陵区', 'county')`,
  sql`insert into parks (id, name, kind, level, county_code, city_code)
    values (1, '宜昌高新技术产业开发区', 'high_tech', 'national', '420502', '420500')`,
  sql`insert into centres (id, name, status, park_id, county_code, city_code, venue_address, venue_area,
    venue_provision, venue_free, reasons, services, contact_person, contact_phone)
    values (3, '宜昌高新区外综服中心', 'operating', 1, '420502', '420500', '发展大道 1 号', 300, 'park', true, '设立理由',
    '[]', '李主任', '0717-0000000')`,
  sql`insert into enterprises (id, credit_code, name, county_code, city_code, contact_person, contact_phone, status,
    source) values (5, '91420500MA4F000001', '宜昌三峡机电有限公司', '420502', '420500', '周经理', '13800000000',
    'approved', 'self')`,
];

/**
 * An empty database (a new one on TEST_DATABASE_URL's server, else an in-memory PGlite) migrated up to `before`,
 * given `rows` in that old shape, then migrated to the latest as the platform would.
 */
export async function migratedWith(before: string, rows: SQL[]): Promise<Database> {
  const database = usingPostgres ? await createTestDatabase() : await openPglite(undefined);
  await migrateUpTo(database, before);
  for (const statement of rows) await database.db.execute(statement);
  await database.migrate();
  return database;
}
