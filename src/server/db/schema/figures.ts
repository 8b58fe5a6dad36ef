import { bigint, char, index, integer, pgTable, primaryKey, text, varchar } from 'drizzle-orm/pg-core';

/**
 * The figures layer (issue 12, decision 0019): rollups of the service records that every screen and export reads
 * instead of scanning the records. Maintained in the same transaction as the change that moves them
 * (modules/figures applyRecordDelta), rebuilt and checked from the raw rows by `npm run figures:check`.
 * Every row carries centre_id — the distribution key on the path to a sharded PostgreSQL — and the scope columns
 * copied from the centre, so that scope filters need no join.
 */
export const serviceFiguresMonth = pgTable(
  'service_figures_month',
  {
    centreId: integer('centre_id').notNull(),
    /** Beijing month of submitted_at, 'YYYY-MM'. */
    month: char('month', { length: 7 }).notNull(),
    category: text('category').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    parkId: integer('park_id').notNull(),
    records: integer('records').notNull().default(0),
    /** Records with a rating (only completed records are rated, Art. 8). */
    rated: integer('rated').notNull().default(0),
    /**
     * Enterprise-sourced records accepted: Σ(accepted_at − submitted_at) and how many. In whole milliseconds, so that
     * moving a record out of a row and into another is exact integer arithmetic (a float sum would drift by ulps).
     */
    responseMs: bigint('response_ms', { mode: 'number' }).notNull().default(0),
    responded: integer('responded').notNull().default(0),
    /** Completed records with completed_at: Σ(completed_at − submitted_at) in milliseconds, and how many. */
    completionMs: bigint('completion_ms', { mode: 'number' }).notNull().default(0),
    completedTimed: integer('completed_timed').notNull().default(0),
    lvVerySatisfied: integer('lv_very_satisfied').notNull().default(0),
    lvSatisfied: integer('lv_satisfied').notNull().default(0),
    lvBasic: integer('lv_basic').notNull().default(0),
    lvDissatisfied: integer('lv_dissatisfied').notNull().default(0),
    lvVeryDissatisfied: integer('lv_very_dissatisfied').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.month, t.category, t.channel, t.status] }),
    // A city's or a county's window of months; the province's reads the months alone.
    index('service_figures_month_city_idx').on(t.cityCode, t.month),
    index('service_figures_month_county_idx').on(t.countyCode, t.month),
    index('service_figures_month_month_idx').on(t.month),
  ],
);

/**
 * Per centre, month and status — the month table without category and channel (issue 12, target 3): the homes'
 * overview and the statistics' per-centre sums read a year here from ~60 rows per centre instead of the month
 * table's ~1,700 (a province-wide year was 27,161 month rows at 16 centres). Same measures as the month table,
 * moved by the same delta in the same statement (applyRecordDelta), rebuilt and checked with it.
 */
export const serviceFiguresStatus = pgTable(
  'service_figures_status',
  {
    centreId: integer('centre_id').notNull(),
    /** Beijing month of submitted_at, 'YYYY-MM'. */
    month: char('month', { length: 7 }).notNull(),
    status: text('status').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    parkId: integer('park_id').notNull(),
    records: integer('records').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    responseMs: bigint('response_ms', { mode: 'number' }).notNull().default(0),
    responded: integer('responded').notNull().default(0),
    completionMs: bigint('completion_ms', { mode: 'number' }).notNull().default(0),
    completedTimed: integer('completed_timed').notNull().default(0),
    lvVerySatisfied: integer('lv_very_satisfied').notNull().default(0),
    lvSatisfied: integer('lv_satisfied').notNull().default(0),
    lvBasic: integer('lv_basic').notNull().default(0),
    lvDissatisfied: integer('lv_dissatisfied').notNull().default(0),
    lvVeryDissatisfied: integer('lv_very_dissatisfied').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.month, t.status] }),
    index('service_figures_status_city_idx').on(t.cityCode, t.month),
    index('service_figures_status_county_idx').on(t.countyCode, t.month),
    index('service_figures_status_month_idx').on(t.month),
  ],
);

/** Per centre and status, all time: list totals and the homes' queues ("to accept", "completed unrated"). */
export const serviceFiguresCentre = pgTable(
  'service_figures_centre',
  {
    centreId: integer('centre_id').notNull(),
    status: text('status').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    parkId: integer('park_id').notNull(),
    records: bigint('records', { mode: 'number' }).notNull().default(0),
    rated: bigint('rated', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.status] })],
);

/**
 * Distinct enterprises a centre served in a year (issue 14, Art. 12(一)): one row per centre, Beijing year of
 * submission and enterprise, `records` = its records there that are not cancelled. The assessment counts the rows
 * with records > 0 per centre; the service rollups above have no enterprise dimension, and counting distinct
 * enterprises over a year of service_records took 3–5 s for 150 centres at 1,000,000 records. Moved by the same
 * delta as the other figures (a cancellation takes the record out), rebuilt and checked with them.
 */
export const serviceFiguresEnterprise = pgTable(
  'service_figures_enterprise',
  {
    centreId: integer('centre_id').notNull(),
    year: integer('year').notNull(),
    enterpriseId: integer('enterprise_id').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    parkId: integer('park_id').notNull(),
    records: bigint('records', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.year, t.enterpriseId] })],
);
