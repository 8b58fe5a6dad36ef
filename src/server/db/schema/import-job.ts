import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * A bulk import running in the background (large enterprise files): the client polls it for progress. The rows
 * are checked first and written in one transaction, so a failed job has written nothing; `errors` is the
 * row-by-row report. The process running a job touches `heartbeatAt` every few seconds: a running job whose
 * heartbeat has gone stale lost its process (a crash, a kill) and is failed by the housekeeping of any instance.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['enterprises'] }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    phase: text('phase', { enum: ['checking', 'writing', 'done'] }).notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    errors: jsonb('errors').$type<{ row: number; field: string; reason: string }[]>().notNull(),
    /** The starter's language when the job began: reasons written later (by the platform) are in it too. */
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('import_jobs_user_idx').on(t.userId, t.createdAt),
    // The sweep for abandoned jobs looks at running ones only.
    index('import_jobs_running_idx').on(t.heartbeatAt).where(sql`status = 'running'`),
  ],
);
