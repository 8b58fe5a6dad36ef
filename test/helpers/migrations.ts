import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from '../../src/server/db/client';

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
