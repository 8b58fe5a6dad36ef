import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  varchar,
} from 'drizzle-orm/pg-core';
import type { TEntitlementComputation, TFundUseLine } from '../../../contracts/funding';
import {
  ENTITLEMENT_STATUSES,
  MATCHING_SOURCES,
  PAYMENT_STATUSES,
  RECOVERY_STATUSES,
} from '../../../contracts/funding';
import { centres } from './centre';
import { users } from './identity';
import { operators } from './operator';
import { sanctions } from './sanction';

/*
 * 资金支持 (Art. 11, 14; issue 15; decision 0033). Every sum is whole fen in a bigint: never a float.
 */

/**
 * Entitlement per (centre, year, operator): one row per operator that served the centre in the year (two when the
 * operator changed, split by served days, Art. 10(六)). Recomputed by the funding module whenever its inputs move
 * (filing, the year's published grade, a change, a new policy version in force for the year) — the computation
 * column says how, with the parameter version.
 */
export const fundingEntitlements = pgTable(
  'funding_entitlements',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    year: smallint('year').notNull(),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    status: text('status', { enum: ENTITLEMENT_STATUSES }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    withheldFen: bigint('withheld_fen', { mode: 'number' }).notNull().default(0),
    policyVersion: integer('policy_version').notNull(),
    computation: jsonb('computation').$type<TEntitlementComputation>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('funding_entitlements_centre_year_operator').on(t.centreId, t.year, t.operatorId),
    index('funding_entitlements_city_year_idx').on(t.cityCode, t.year),
    index('funding_entitlements_operator_idx').on(t.operatorId, t.year),
    check('funding_entitlements_amounts', sql`amount_fen >= 0 and withheld_fen >= 0`),
  ],
);

/** 配套资金 (Art. 11): the city's or the county's own support for a centre in a year, as the official recorded it. */
export const matchingFunds = pgTable(
  'matching_funds',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    year: smallint('year').notNull(),
    source: text('source', { enum: MATCHING_SOURCES }).notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    documentNumber: text('document_number').notNull(),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
    note: text('note'),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('matching_funds_centre_year_idx').on(t.centreId, t.year),
    check('matching_funds_positive', sql`amount_fen > 0`),
  ],
);

/**
 * 拨付: the city records a payment against an entitlement; a second official confirms it with the finance bureau's
 * voucher (the recorder cannot). Only confirmed payments count as paid.
 */
export const fundPayments = pgTable(
  'fund_payments',
  {
    id: serial('id').primaryKey(),
    entitlementId: integer('entitlement_id')
      .notNull()
      .references(() => fundingEntitlements.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id),
    year: smallint('year').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    note: text('note'),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    confirmedByName: text('confirmed_by_name'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    voucherNumber: text('voucher_number'),
    voucherDate: date('voucher_date', { mode: 'string' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('fund_payments_entitlement_idx').on(t.entitlementId),
    index('fund_payments_operator_idx').on(t.operatorId, t.status),
    index('fund_payments_city_year_idx').on(t.cityCode, t.year),
    check('fund_payments_positive', sql`amount_fen > 0`),
    check('fund_payments_four_eyes', sql`confirmed_by is null or recorded_by is null or confirmed_by <> recorded_by`),
  ],
);

/** The operator's fund-use report for an entitlement (Art. 11 专款专用): lines against the agreement's fund-use lines. */
export const fundUseReports = pgTable(
  'fund_use_reports',
  {
    id: serial('id').primaryKey(),
    entitlementId: integer('entitlement_id')
      .notNull()
      .references(() => fundingEntitlements.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id),
    year: smallint('year').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    lines: jsonb('lines').$type<TFundUseLine[]>().notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    /** The sum of lines outside the agreement's fund-use lines (flagged). */
    outsideScopeFen: bigint('outside_scope_fen', { mode: 'number' }).notNull(),
    note: text('note'),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedByName: text('submitted_by_name'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('fund_use_reports_entitlement_idx').on(t.entitlementId)],
);

/** 追回 (Art. 14): a confirmed payment to a sanctioned operator, listed for recovery by the sanction's decision. */
export const fundRecoveries = pgTable(
  'fund_recoveries',
  {
    id: serial('id').primaryKey(),
    paymentId: integer('payment_id')
      .notNull()
      .references(() => fundPayments.id),
    sanctionId: integer('sanction_id')
      .notNull()
      .references(() => sanctions.id),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    year: smallint('year').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    dueFen: bigint('due_fen', { mode: 'number' }).notNull(),
    recoveredFen: bigint('recovered_fen', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: RECOVERY_STATUSES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('fund_recoveries_payment').on(t.paymentId),
    index('fund_recoveries_operator_idx').on(t.operatorId),
    check('fund_recoveries_amounts', sql`recovered_fen >= 0 and recovered_fen <= due_fen`),
  ],
);

/** Each sum received back against a recovery, with its voucher. */
export const fundRecoveryReceipts = pgTable('fund_recovery_receipts', {
  id: serial('id').primaryKey(),
  recoveryId: integer('recovery_id')
    .notNull()
    .references(() => fundRecoveries.id),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  voucherNumber: text('voucher_number').notNull(),
  recordedBy: integer('recorded_by').references(() => users.id),
  recordedByName: text('recorded_by_name'),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * The funding figures (figures layer, issue 15): per (centre, year) the five sums the screens show, kept current in
 * the transaction of each change (modules/figures/funding-figures.ts) and checked against a recomputation.
 */
export const fundingFigures = pgTable(
  'funding_figures',
  {
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    year: smallint('year').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    dueFen: bigint('due_fen', { mode: 'number' }).notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
    withheldFen: bigint('withheld_fen', { mode: 'number' }).notNull().default(0),
    toRecoverFen: bigint('to_recover_fen', { mode: 'number' }).notNull().default(0),
    recoveredFen: bigint('recovered_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.year] }), index('funding_figures_city_year_idx').on(t.cityCode, t.year)],
);
