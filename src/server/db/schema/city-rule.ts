import { sql } from 'drizzle-orm';
import {
  date,
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
import type { TVerdict } from '../../../contracts/centre';
import { CENTRE_CONDITIONS, type TConditionHistoryEntry } from '../../../contracts/city-rule';
import { centres } from './centre';
import { users } from './identity';
import { regions } from './region';

/**
 * 配套实施细则 (Art. 15; decision 0033): a city's stricter values of some policy numbers, published once and never
 * edited. The latest one whose effective date has come replaces the city's earlier ones (policy/city-rules.ts).
 * `parameters` holds only the overridden keys, by path (`staffOther.total`).
 */
export const cityPolicyRules = pgTable(
  'city_policy_rules',
  {
    id: serial('id').primaryKey(),
    cityCode: varchar('city_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    title: text('title').notNull(),
    documentNumber: text('document_number').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    parameters: jsonb('parameters').$type<Record<string, number>>().notNull(),
    /** The province's parameter version the values were checked against when published. */
    checkedAgainstVersion: integer('checked_against_version').notNull(),
    publishedBy: integer('published_by').references(() => users.id),
    publishedByName: text('published_by_name'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [index('city_policy_rules_city_idx').on(t.cityCode, t.effectiveFrom)],
);

/**
 * Art. 9(四): a recognised centre's venue (Art. 6) or staffing (Art. 7) condition while it fails. One open row per
 * centre and condition (resolved_on null); resolving closes it and a later failure opens a new one. `history` keeps
 * every change of the verdicts seen, the evidence the province decides on.
 */
export const centreConditionStatus = pgTable(
  'centre_condition_status',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    condition: text('condition', { enum: CENTRE_CONDITIONS }).notNull(),
    failingSince: date('failing_since', { mode: 'string' }).notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    lastVerdict: jsonb('last_verdict').$type<TVerdict[]>().notNull(),
    history: jsonb('history').$type<TConditionHistoryEntry[]>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('centre_condition_status_open_uq').on(t.centreId, t.condition).where(sql`${t.resolvedOn} is null`),
    index('centre_condition_status_since_idx').on(t.failingSince),
  ],
);
