import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * A bulk import running in the background (large enterprise files): the client polls it for progress. The rows
 * are checked first, staged in enterprise_import_rows in short batches, and made visible in one statement in the
 * transaction that records the job's success, so a failed job has written nothing visible; `errors` is the
 * row-by-row report. The process running a job touches `heartbeatAt` every few seconds: a running job whose
 * heartbeat has gone stale lost its process (a crash, a kill) and is failed by the housekeeping of any instance.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    /** 'trade': a declaration file (issue 13), taken in through the one intake path; its outcome is its intake. */
    kind: text('kind', { enum: ['enterprises', 'trade'] }).notNull(),
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
    /** A trade job's intake (trade_intakes.id), once it has one: the outcome with its counts and report. */
    intakeId: integer('intake_id'),
  },
  (t) => [
    index('import_jobs_user_idx').on(t.userId, t.createdAt),
    // The sweep for abandoned jobs looks at running ones only.
    index('import_jobs_running_idx').on(t.heartbeatAt).where(sql`status = 'running'`),
  ],
);

/**
 * The checked rows of a running enterprise import, staged in short batches so that no long transaction holds the
 * database (PGlite runs one query at a time: a 20,000-row transaction stalled every other request for seconds).
 * No reader looks here: the rows become enterprises in one insert … select, in the transaction that records the
 * job's success, and are deleted right after it, or when the job fails (docs/decisions/0020).
 */
export const enterpriseImportRows = pgTable(
  'enterprise_import_rows',
  {
    jobId: integer('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    /** The row number in the file, as the report names it. */
    row: integer('row').notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    name: text('name').notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    parkId: integer('park_id'),
    contactPerson: text('contact_person').notNull(),
    contactPhone: text('contact_phone').notNull(),
    contactEmail: text('contact_email'),
    hasTradeRecord: boolean('has_trade_record').notNull(),
    firstTradeOn: date('first_trade_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.row] })],
);
