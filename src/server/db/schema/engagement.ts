import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import type { TBidder, TChecklistEntry, TFundLine, THandoverEntry } from '../../../contracts/engagement';
import { centres } from './centre';
import { users } from './identity';
import { operators } from './operator';
import { regions } from './region';

const ENGAGEMENT_STATUS = ['tendered', 'signed', 'reported', 'filed', 'ended'] as const;

/**
 * 承办 (Art. 10): one operator engaged for one centre for one procurement period. The tender creates it; the
 * tripartite agreement, the city's report and the province's filing move it on. At most one engagement per centre is
 * not yet ended (partial unique index), so "the centre's operator" is never ambiguous. county_code and city_code are
 * copied from the centre so that scope filters need no join.
 */
export const engagements = pgTable(
  'engagements',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    cityCode: varchar('city_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    status: text('status', { enum: ENGAGEMENT_STATUS }).notNull(),
    // Art. 10(三): the procurement
    projectNumber: text('project_number').notNull(),
    method: text('method', { enum: ['public_tender', 'other'] }).notNull(),
    methodNote: text('method_note'),
    announcedOn: date('announced_on', { mode: 'string' }).notNull(),
    awardedOn: date('awarded_on', { mode: 'string' }).notNull(),
    bidders: jsonb('bidders').$type<TBidder[]>().notNull(),
    contractAmount: numeric('contract_amount', { precision: 14, scale: 2, mode: 'number' }),
    serviceStart: date('service_start', { mode: 'string' }).notNull(),
    serviceEnd: date('service_end', { mode: 'string' }).notNull(),
    // Art. 10(一): the county's checklist with evidence
    checklist: jsonb('checklist').$type<TChecklistEntry[]>().notNull().default(sql`'[]'::jsonb`),
    // Art. 10(三), 11: the tripartite agreement
    signedOn: date('signed_on', { mode: 'string' }),
    agreementNumber: text('agreement_number'),
    countyParty: text('county_party'),
    parkParty: text('park_party'),
    fundScope: jsonb('fund_scope').$type<TFundLine[]>().notNull().default(sql`'[]'::jsonb`),
    filingDeadline: date('filing_deadline', { mode: 'string' }),
    reportedOn: date('reported_on', { mode: 'string' }),
    filedOn: date('filed_on', { mode: 'string' }),
    filingNumber: text('filing_number').unique(),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    /** The parameter version the period and deadline were computed under. */
    policyVersion: integer('policy_version').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('engagements_one_current_per_centre').on(t.centreId).where(sql`status <> 'ended'`),
    index('engagements_city_idx').on(t.cityCode, t.status),
    index('engagements_county_idx').on(t.countyCode, t.status),
    index('engagements_operator_idx').on(t.operatorId),
  ],
);

/** The engagement's history: every step, who took it, and the comment. */
export const engagementEvents = pgTable(
  'engagement_events',
  {
    id: serial('id').primaryKey(),
    engagementId: integer('engagement_id')
      .notNull()
      .references(() => engagements.id),
    action: text('action').notNull(),
    fromStatus: text('from_status', { enum: ENGAGEMENT_STATUS }),
    toStatus: text('to_status', { enum: ENGAGEMENT_STATUS }).notNull(),
    comment: text('comment'),
    actorId: integer('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('engagement_events_engagement_idx').on(t.engagementId, t.at)],
);

/** Art. 10(三) 一年一签: one contract per year of the period, with the county's year-end evaluation. */
export const annualContracts = pgTable(
  'annual_contracts',
  {
    id: serial('id').primaryKey(),
    engagementId: integer('engagement_id')
      .notNull()
      .references(() => engagements.id),
    year: integer('year').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    contractNumber: text('contract_number').notNull(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }),
    evaluation: text('evaluation', { enum: ['pending', 'passed', 'failed'] })
      .notNull()
      .default('pending'),
    evaluatedOn: date('evaluated_on', { mode: 'string' }),
    evaluationNote: text('evaluation_note'),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [unique('annual_contracts_engagement_year').on(t.engagementId, t.year)],
);

/** Art. 10(六): a change of operator, applied for by the county, forwarded by the city, decided by the province. */
export const operatorChanges = pgTable(
  'operator_changes',
  {
    id: serial('id').primaryKey(),
    engagementId: integer('engagement_id')
      .notNull()
      .references(() => engagements.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    cityCode: varchar('city_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    incomingOperatorId: integer('incoming_operator_id').references(() => operators.id),
    status: text('status', { enum: ['submitted', 'forwarded', 'approved', 'rejected'] }).notNull(),
    cause: text('cause', { enum: ['operator', 'authority'] }).notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    handover: jsonb('handover').$type<THandoverEntry[]>().notNull(),
    servedFrom: date('served_from', { mode: 'string' }).notNull(),
    servedTo: date('served_to', { mode: 'string' }).notNull(),
    evaluationResult: text('evaluation_result', { enum: ['satisfactory', 'unsatisfactory'] }).notNull(),
    evaluationNote: text('evaluation_note').notNull(),
    forwardComment: text('forward_comment'),
    decisionComment: text('decision_comment'),
    appliedBy: integer('applied_by').references(() => users.id),
    appliedByName: text('applied_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    policyVersion: integer('policy_version').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [
    // One change of an engagement under way at a time.
    uniqueIndex('operator_changes_one_open').on(t.engagementId).where(sql`status in ('submitted', 'forwarded')`),
    index('operator_changes_city_idx').on(t.cityCode, t.status),
    index('operator_changes_county_idx').on(t.countyCode, t.status),
  ],
);
