import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  varchar,
} from 'drizzle-orm/pg-core';
import { CONSEQUENCE_KINDS, CONSEQUENCE_STATUSES } from '../../../contracts/assessment-results';
import { assessmentCycles } from './assessment';
import { centres } from './centre';
import { users } from './identity';
import { operators } from './operator';

/**
 * 结果运用 (Art. 12(三), issue 14, decision 0029 "Consequences"): what a published grade sets off, one row per kind,
 * centre and year, written in the publication's transaction — so a retried publication finds the row and writes
 * nothing twice (the unique key). `no_funds` is what the funding (issue 15) reads; `cancellation_due` waits for the
 * province's confirmation; `tender_priority` is the mark the county sees on the operator at its next tender.
 */
export const assessmentConsequences = pgTable(
  'assessment_consequences',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: CONSEQUENCE_KINDS }).notNull(),
    /** in_force (no_funds, tender_priority); due → confirmed (cancellation_due). */
    status: text('status', { enum: CONSEQUENCE_STATUSES }).notNull(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    /** The operator the published result names (null when the centre had none that year). */
    operatorId: integer('operator_id').references(() => operators.id),
    /** The assessment year whose publication set it off. */
    year: smallint('year').notNull(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => assessmentCycles.id),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    article: text('article').notNull(),
    /** What it rests on: the years and grades read, the engagement of the contract period (TConsequenceBasis). */
    basis: jsonb('basis').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    confirmComment: text('confirm_comment'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('assessment_consequences_kind_centre_year').on(t.kind, t.centreId, t.year),
    index('assessment_consequences_operator_idx').on(t.operatorId, t.kind, t.year),
    index('assessment_consequences_city_idx').on(t.cityCode, t.year),
  ],
);
