import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { EXCHANGE_DIRECTIONS, EXCHANGE_KINDS, EXCHANGE_SYSTEMS } from '../../../contracts/exchange';
import { centres } from './centre';
import { users } from './identity';
import { serviceRecords } from './service';
import { tradeIntakes } from './trade';

/**
 * The bytes of an exchange (a file taken in, a file produced, a callback's body), kept in the file store
 * (DATA_DIR/uploads or S3) under a key the platform made. Listed in FILE_OWNERS so the orphan sweep keeps them.
 */
export const exchangeFiles = pgTable('exchange_files', {
  id: serial('id').primaryKey(),
  storageKey: text('storage_key').notNull().unique(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  sha256: char('sha256', { length: 64 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * 数据对接记录 (issue 13): one exchange with 单一窗口, 数智通 or 楚贸通 — who, when, which format version, the input and
 * output kept, what it did, and the problems of a refused one. Written in the same transaction as what the run
 * changed (or, for a refused run, instead of it). The centre and region columns decide who sees the run.
 */
export const exchangeRuns = pgTable(
  'exchange_runs',
  {
    id: serial('id').primaryKey(),
    system: text('system', { enum: EXCHANGE_SYSTEMS }).notNull(),
    direction: text('direction', { enum: EXCHANGE_DIRECTIONS }).notNull(),
    kind: text('kind', { enum: EXCHANGE_KINDS }).notNull(),
    formatVersion: text('format_version').notNull(),
    status: text('status', { enum: ['succeeded', 'failed'] }).notNull(),
    /** null for the platform itself (a callback from a system). */
    userId: integer('user_id').references(() => users.id),
    actorName: text('actor_name'),
    centreId: integer('centre_id').references(() => centres.id),
    countyCode: varchar('county_code', { length: 6 }),
    cityCode: varchar('city_code', { length: 6 }),
    /** The outbound request (record, centre, month, invoices …), so a re-run produces the same set again. */
    params: jsonb('params'),
    inputFileId: integer('input_file_id').references(() => exchangeFiles.id),
    outputFileId: integer('output_file_id').references(() => exchangeFiles.id),
    /** The message id of a system's message (callback or file head): a callback's id is taken once. */
    messageId: text('message_id'),
    summary: jsonb('summary').notNull(),
    issues: jsonb('issues').notNull(),
    intakeId: integer('intake_id').references(() => tradeIntakes.id),
    recordId: integer('record_id').references(() => serviceRecords.id),
    rerunOf: integer('rerun_of'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('exchange_runs_created_idx').on(t.createdAt, t.id),
    index('exchange_runs_centre_idx').on(t.centreId, t.createdAt),
    index('exchange_runs_county_idx').on(t.countyCode, t.createdAt),
    // A signed callback is applied once: the same message id again is a replay (single window's filing status).
    uniqueIndex('exchange_runs_message_idx')
      .on(t.system, t.kind, t.messageId)
      .where(sql`message_id is not null and status = 'succeeded'`),
  ],
);

/**
 * A status a system reported for a service record, applied once: a re-run of the same status file (or the same
 * status in a later message) finds it here and adds no second progress entry.
 */
export const exchangeStatusEvents = pgTable(
  'exchange_status_events',
  {
    id: serial('id').primaryKey(),
    system: text('system', { enum: EXCHANGE_SYSTEMS }).notNull(),
    recordId: integer('record_id')
      .notNull()
      .references(() => serviceRecords.id),
    statusCode: text('status_code').notNull(),
    statusAt: timestamp('status_at', { withTimezone: true, mode: 'date' }).notNull(),
    runId: integer('run_id').notNull(),
  },
  (t) => [uniqueIndex('exchange_status_events_key').on(t.system, t.recordId, t.statusCode, t.statusAt)],
);
