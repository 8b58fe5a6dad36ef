import { bigint, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * One row per backup run (等保 2.0 三级: 数据备份与恢复), so that the administrator sees on any instance when the last
 * backup ran and whether a restore of it was proven. The backup itself (manifest, dump, files) lives in BACKUP_DIR or
 * wherever it was copied to; this row is what the platform remembers of it. See docs/decisions/0008-backups.md.
 */
export const backupRuns = pgTable(
  'backup_runs',
  {
    id: serial('id').primaryKey(),
    /** The folder's name, e.g. hbts-backup-20261207T033000Z. */
    name: text('name').notNull(),
    /** Where it was written (an absolute path on the machine that ran it). */
    location: text('location').notNull(),
    trigger: text('trigger', { enum: ['cli', 'admin'] }).notNull(),
    userId: integer('user_id').references(() => users.id),
    databaseKind: text('database_kind', { enum: ['pglite', 'postgres'] }).notNull(),
    status: text('status', { enum: ['succeeded', 'failed'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
    fileCount: integer('file_count').notNull().default(0),
    auditSeq: bigint('audit_seq', { mode: 'number' }),
    manifestSha256: text('manifest_sha256'),
    /** Why the backup failed (null when it succeeded). */
    error: text('error'),
    /** Last restore test: null = never tried, then when and what failed (empty list = verified). */
    verifiedAt: timestamp('verified_at', { withTimezone: true, mode: 'date' }),
    verifyProblems: jsonb('verify_problems').$type<string[]>(),
  },
  (t) => [index('backup_runs_started_idx').on(t.startedAt)],
);
