import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  varchar,
} from 'drizzle-orm/pg-core';
import { CYCLE_STATUSES, GRADES, SUBMISSION_STATUSES, SYSTEM_STATUSES } from '../../../contracts/assessment';
import { centres } from './centre';
import { users } from './identity';
import { operators } from './operator';

/*
 * 年度考核评估 (Art. 12, issue 14, decision 0029). One cycle per year, opened by the province with an indicator system
 * that freezes at opening; one submission per centre and cycle, moved only through the submission machine
 * (modules/assessment/submission.machine.ts); the published grade of a centre and year in assessment_results, which
 * the funding (Art. 11, 12(三)) and the consequences read.
 */

/** 第三方评估机构 (Art. 12(二)(3)): an agency the province commissions; its evaluator accounts carry users.evaluator_id. */
export const evaluationAgencies = pgTable('evaluation_agencies', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** 统一社会信用代码 of the agency, when known. */
  creditCode: varchar('credit_code', { length: 18 }),
  contact: text('contact'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
});

/** 考核评价指标体系: the body (TIndicatorSystemBody) is data; a frozen system is never edited again. */
export const indicatorSystems = pgTable('indicator_systems', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  /** The year it was drafted for (a cycle of another year may still use it). */
  year: smallint('year').notNull(),
  status: text('status', { enum: SYSTEM_STATUSES }).notNull().default('draft'),
  /** The system it was copied from (the shipped default has none). */
  basedOn: integer('based_on'),
  body: jsonb('body').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  frozenAt: timestamp('frozen_at', { withTimezone: true, mode: 'date' }),
  version: integer('version').notNull().default(1),
});

/** 年度考核: notice, deadlines (Beijing days, inclusive) and the frozen system. */
export const assessmentCycles = pgTable('assessment_cycles', {
  id: serial('id').primaryKey(),
  /** The year assessed (the records of that calendar year). */
  year: smallint('year').notNull().unique(),
  title: text('title').notNull(),
  /** 考核评估工作通知 (Art. 12(二)(1)). */
  notice: text('notice').notNull(),
  systemId: integer('system_id')
    .notNull()
    .references(() => indicatorSystems.id),
  submissionDue: date('submission_due', { mode: 'string' }).notNull(),
  prereviewDue: date('prereview_due', { mode: 'string' }).notNull(),
  evaluationDue: date('evaluation_due', { mode: 'string' }).notNull(),
  status: text('status', { enum: CYCLE_STATUSES }).notNull().default('open'),
  /** The policy parameter version in force when it opened (Art. 16: a past decision shows under its version). */
  policyVersion: integer('policy_version').notNull(),
  openedBy: integer('opened_by').references(() => users.id),
  openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  publishedBy: integer('published_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  version: integer('version').notNull().default(1),
});

/**
 * One centre's submission in a cycle. city/county/park copied from the centre so scope filters need no join; the
 * operator is the one running the centre when the cycle opened. `metrics` is the snapshot of the computed figures
 * (TMetricValues plus how each was computed) taken when the operator submits; `total`/`grade` are the platform's
 * computation from the frozen system once scored.
 */
export const assessmentSubmissions = pgTable(
  'assessment_submissions',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => assessmentCycles.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    parkId: integer('park_id').notNull(),
    operatorId: integer('operator_id').references(() => operators.id),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('draft'),
    metrics: jsonb('metrics'),
    metricsComputedAt: timestamp('metrics_computed_at', { withTimezone: true, mode: 'date' }),
    /** The operator's own account of its year (自评报告). */
    statement: text('statement'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedBy: integer('submitted_by').references(() => users.id),
    /** The province reopened submission for this centre until this day (inclusive), past the cycle's deadline. */
    reopenedUntil: date('reopened_until', { mode: 'string' }),
    /** 初审 (Art. 12(二)(2)): the city answers for what it passes, so who, when and why are kept. */
    prereviewDecision: text('prereview_decision', { enum: ['passed', 'returned'] }),
    prereviewReason: text('prereview_reason'),
    prereviewedBy: integer('prereviewed_by').references(() => users.id),
    prereviewedAt: timestamp('prereviewed_at', { withTimezone: true, mode: 'date' }),
    agencyId: integer('agency_id').references(() => evaluationAgencies.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }),
    scoredBy: integer('scored_by').references(() => users.id),
    scoredAt: timestamp('scored_at', { withTimezone: true, mode: 'date' }),
    total: numeric('total', { precision: 6, scale: 2 }),
    grade: text('grade', { enum: GRADES }),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('assessment_submissions_cycle_centre').on(t.cycleId, t.centreId),
    index('assessment_submissions_centre_idx').on(t.centreId),
    index('assessment_submissions_city_idx').on(t.cityCode, t.cycleId),
    index('assessment_submissions_agency_idx').on(t.agencyId, t.cycleId),
  ],
);

/** Each step of a submission, who took it and why: the submission's timeline. */
export const assessmentSubmissionEvents = pgTable(
  'assessment_submission_events',
  {
    id: serial('id').primaryKey(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => assessmentSubmissions.id),
    /** A TSubmissionAction, or 'reopen' / 'rescore' style notes that move no status. */
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    actorId: integer('actor_id').references(() => users.id),
    actorRole: text('actor_role'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [index('assessment_submission_events_submission_idx').on(t.submissionId)],
);

/** The evaluator's score of one indicator it scores (scoring rule 'evaluator'), with its remark. */
export const assessmentScores = pgTable(
  'assessment_scores',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => assessmentSubmissions.id),
    indicatorKey: text('indicator_key').notNull(),
    score: numeric('score', { precision: 6, scale: 2 }).notNull(),
    remark: text('remark').notNull(),
    scoredBy: integer('scored_by').references(() => users.id),
    scoredAt: timestamp('scored_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.indicatorKey] })],
);

/** 实地考察 (Art. 12(二)(3)): the date, the people met and the findings; photos are attachments of the inspection. */
export const assessmentInspections = pgTable(
  'assessment_inspections',
  {
    id: serial('id').primaryKey(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => assessmentSubmissions.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    peopleMet: text('people_met').notNull(),
    findings: text('findings').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [index('assessment_inspections_submission_idx').on(t.submissionId)],
);

/**
 * The published grade of a centre for a year (Art. 12(三)): what the centre page, the overview, the public directory,
 * the funding (no funds for 较差) and the consequences (two 较差 years running; 优秀 through a contract) read.
 */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    year: smallint('year').notNull(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => assessmentCycles.id),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => assessmentSubmissions.id),
    operatorId: integer('operator_id').references(() => operators.id),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    total: numeric('total', { precision: 6, scale: 2 }).notNull(),
    grade: text('grade', { enum: GRADES }).notNull(),
    policyVersion: integer('policy_version').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.year] }),
    index('assessment_results_operator_idx').on(t.operatorId, t.year),
  ],
);
