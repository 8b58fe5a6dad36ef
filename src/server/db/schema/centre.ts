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
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './identity';
import { parks, regions } from './region';

const CENTRE_STATUS = [
  'draft',
  'submitted',
  'returned',
  'forwarded',
  'rejected',
  'approved',
  'operating',
  'adjusted',
  'revoked',
] as const;

/**
 * 外综服中心 (SPEC §2), from the county's first draft to revocation: one row, its status moved only through the
 * transition table (modules/centre/centre.machine.ts). city_code and county_code are copied from the park so that
 * scope filters need no join; `version` is the optimistic lock every transition checks.
 */
export const centres = pgTable(
  'centres',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    status: text('status', { enum: CENTRE_STATUS }).notNull(),
    parkId: integer('park_id')
      .notNull()
      .references(() => parks.id),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    cityCode: varchar('city_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    venueAddress: text('venue_address').notNull(),
    venueArea: numeric('venue_area', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    venueProvision: text('venue_provision', { enum: ['integration', 'new_build', 'replacement', 'lease'] }).notNull(),
    venueFree: boolean('venue_free').notNull(),
    reasons: text('reasons').notNull(),
    services: jsonb('services').$type<string[]>().notNull(),
    contactPerson: text('contact_person').notNull(),
    contactPhone: text('contact_phone').notNull(),
    tradingEnterpriseCount: integer('trading_enterprise_count'),
    supportStatement: text('support_statement'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    recognisedAt: timestamp('recognised_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** The policy parameter version the approval was decided under. */
    approvalPolicyVersion: integer('approval_policy_version'),
    createdBy: integer('created_by').references(() => users.id),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [
    index('centres_city_idx').on(t.cityCode, t.status),
    index('centres_county_idx').on(t.countyCode, t.status),
    index('centres_park_idx').on(t.parkId, t.status),
  ],
);

/** The workflow history of a centre: every step, who took it, and the comment (shown as a timeline). */
export const centreEvents = pgTable(
  'centre_events',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    action: text('action').notNull(),
    fromStatus: text('from_status', { enum: CENTRE_STATUS }),
    toStatus: text('to_status', { enum: CENTRE_STATUS }).notNull(),
    comment: text('comment'),
    actorId: integer('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('centre_events_centre_idx').on(t.centreId, t.at)],
);

/** Adjustment or revocation of a recognised centre (Art. 9(四)), requested by the city or decided by the province. */
export const centreChanges = pgTable(
  'centre_changes',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    kind: text('kind', { enum: ['adjustment', 'revocation'] }).notNull(),
    origin: text('origin', { enum: ['city', 'province'] }).notNull(),
    status: text('status', { enum: ['submitted', 'approved', 'rejected'] }).notNull(),
    reason: text('reason').notNull(),
    adjustment: jsonb('adjustment'),
    decisionComment: text('decision_comment'),
    decisionLetterId: integer('decision_letter_id'),
    requestedBy: integer('requested_by').references(() => users.id),
    requestedByName: text('requested_by_name'),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('centre_changes_centre_idx').on(t.centreId)],
);

/** 决定书 issued by the province: numbered per year (鄂商务外综〔2026〕N号). */
export const decisionLetters = pgTable(
  'decision_letters',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    serial: integer('serial').notNull(),
    number: text('number').notNull().unique(),
    kind: text('kind', { enum: ['approval', 'adjustment', 'revocation'] }).notNull(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    changeId: integer('change_id'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    legalBasis: text('legal_basis').notNull(),
    issuedBy: text('issued_by').notNull(),
    content: jsonb('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [unique('decision_letters_year_serial').on(t.year, t.serial)],
);
