import type { AppConfig } from './config';
import { type Deps, systemContext } from './context';
import { type Database, openPglite, openPostgres } from './db/client';
import { openReplica } from './db/replica';
import { attachAuditSequencer, flushAudit } from './lib/audit';
import { loadAuditKey } from './lib/audit-key';
import { loadFieldKey } from './lib/field-crypto';
import { createFileStore } from './lib/file-store';
import { loadWorkingCalendar } from './modules/calendar/calendar.repository';
import { ensureRegions } from './modules/region/import-regions';
import { ensurePolicyV1 } from './policy/policy';

/**
 * PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR (SPEC §7); with REPLICA_DATABASE_URL also the
 * read replica that statistics and exports read (db/read-db.ts), closed with the database.
 */
export async function openDatabase(config: AppConfig): Promise<Database> {
  if (!config.databaseUrl) {
    if (config.migrationDatabaseUrl) throw new Error('MIGRATION_DATABASE_URL is set but DATABASE_URL is not');
    return openPglite(config.dataDir);
  }
  const database = await openPostgres(config.databaseUrl, { migrationUrl: config.migrationDatabaseUrl });
  if (!config.replicaDatabaseUrl || !database.pool) return database;
  // Opening a pool connects nothing: a standby that is down at start-up only means reads go to the primary.
  const replica = openReplica(config.replicaDatabaseUrl, database.pool);
  return {
    ...database,
    replica: replica.db,
    close: async () => {
      await replica.close();
      await database.close();
    },
  };
}

export function makeDeps(config: AppConfig, database: Database, overrides: Partial<Deps> = {}): Deps {
  const deps: Deps = {
    db: database.db,
    ...(database.replica ? { replicaDb: database.replica } : {}),
    dbKind: database.kind,
    config,
    clock: () => new Date(),
    ...overrides,
    files: overrides.files ?? createFileStore(config),
    // Keys are read (or made) only when the caller brings none, so tests never write key files.
    auditKey: overrides.auditKey ?? loadAuditKey(config.auditKey, config.dataDir),
    fieldKey: overrides.fieldKey ?? loadFieldKey(config.fieldKey, config.dataDir),
  };
  // Audit entries get their place in the chain after their change commits (docs/decisions/0021).
  attachAuditSequencer(deps.db, deps.auditKey);
  return deps;
}

/**
 * Schema by migrations, then the reference data every database has: Hubei's divisions and policy version 1; then the
 * holiday arrangements the administrator entered, into the calendar the deadline rules read.
 */
export async function prepareDatabase(database: Database, deps: Deps): Promise<void> {
  await database.migrate();
  // Entries an instance committed and did not live to sequence (a crash) get their places now.
  await flushAudit(deps.db, deps.auditKey);
  await ensureRegions(systemContext(deps));
  await ensurePolicyV1(systemContext(deps));
  await loadWorkingCalendar(deps.db);
}
