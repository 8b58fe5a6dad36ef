import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { centres } from './centre';
import { enterprises } from './enterprise';
import { users } from './identity';
import { parks, regions } from './region';
import { centreStaff } from './staff';

export const SERVICE_STATUS = ['submitted', 'accepted', 'in_progress', 'completed', 'cancelled'] as const;
export const SERVICE_CHANNEL = ['window', 'online', 'onsite'] as const;
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;

/**
 * 服务记录 (SPEC §2, Art. 5, 8): one service a centre gives one enterprise. An enterprise's request starts as
 * `submitted` (待受理) and the centre accepts it; a record the centre's staff enter (窗口/上门/线上) starts accepted.
 * The assessment counts these rows (Art. 8), so they are never deleted: a mistaken one is cancelled with a reason.
 * Region and park columns are copied from the centre so that scope filters and the statistics need no join.
 */
export const serviceRecords = pgTable(
  'service_records',
  {
    id: serial('id').primaryKey(),
    /** FW + year + sequence, e.g. FW2026000123: what the enterprise quotes on the phone. */
    number: text('number').notNull().unique(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    cityCode: varchar('city_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    parkId: integer('park_id')
      .notNull()
      .references(() => parks.id),
    category: text('category').notNull(),
    subItem: text('sub_item').notNull(),
    channel: text('channel', { enum: SERVICE_CHANNEL }).notNull(),
    source: text('source', { enum: ['enterprise', 'staff'] }).notNull(),
    requestText: text('request_text').notNull(),
    status: text('status', { enum: SERVICE_STATUS }).notNull(),
    assigneeId: integer('assignee_id').references(() => centreStaff.id),
    resultText: text('result_text'),
    cancelReason: text('cancel_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    /** Rating reminders sent to the enterprise after completion (Art. 8: the served enterprise rates). */
    /**
     * The level of the record's rating, copied from service_ratings in the rating's transaction so that a list shows
     * it and finds the unrated without a join (decision 0017); the rating row stays the source of its detail.
     */
    ratingLevel: text('rating_level', { enum: RATING_LEVELS }),
    reminderCount: smallint('reminder_count').notNull().default(0),
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true, mode: 'date' }),
    createdBy: integer('created_by').references(() => users.id),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [
    // Each role's list, newest first (submitted_at desc, id desc), read backwards from one of these and stopped after
    // the page (decision 0017): the province's, a city's, a county's, a park's, a centre's, an enterprise's. The id
    // makes the order total, so the page's ids come from the index alone.
    index('service_records_submitted_idx').on(t.submittedAt, t.id),
    index('service_records_city_idx').on(t.cityCode, t.submittedAt, t.id),
    index('service_records_county_idx').on(t.countyCode, t.submittedAt, t.id),
    index('service_records_park_idx').on(t.parkId, t.submittedAt, t.id),
    index('service_records_centre_list_idx').on(t.centreId, t.submittedAt, t.id),
    index('service_records_enterprise_idx').on(t.enterpriseId, t.submittedAt, t.id),
    // A centre's records in one status (待受理, 办理中) and the status counts of its home page.
    index('service_records_centre_idx').on(t.centreId, t.status, t.submittedAt),
    // 已办结未评价 of a centre (Art. 8: the rating reminders and the operator's list): only those rows are indexed.
    index('service_records_unrated_idx')
      .on(t.centreId, t.submittedAt, t.id)
      .where(sql`${t.status} = 'completed' and ${t.ratingLevel} is null`),
  ],
);

/**
 * 进度可查: the record's timestamped log, append-only; the enterprise sees every entry. It carries its record's centre
 * (the distribution key of the service tables on a distributed PostgreSQL, docs/deployment.md §3): the largest table,
 * ~3.6 rows a record, keeps its key from the start rather than being backfilled at tens of millions of rows.
 */
export const serviceProgress = pgTable(
  'service_progress',
  {
    id: serial('id').primaryKey(),
    recordId: integer('record_id')
      .notNull()
      .references(() => serviceRecords.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    kind: text('kind', {
      enum: ['submitted', 'accepted', 'progress', 'assigned', 'completed', 'cancelled', 'attachment', 'rated'],
    }).notNull(),
    note: text('note'),
    statusAfter: text('status_after', { enum: SERVICE_STATUS }).notNull(),
    actorId: integer('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('service_progress_record_idx').on(t.recordId, t.at)],
);

/**
 * 服务评价 (Art. 8; 政务服务"好差评" five levels): one per record (unique), only by the served enterprise, only after
 * completion. There is no update or delete path: the centre can neither edit nor remove a rating. Centre, region
 * and level are copied so that satisfaction figures are a single grouped scan of this table.
 */
export const serviceRatings = pgTable(
  'service_ratings',
  {
    id: serial('id').primaryKey(),
    recordId: integer('record_id')
      .notNull()
      .unique()
      .references(() => serviceRecords.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    level: text('level', { enum: RATING_LEVELS }).notNull(),
    efficiency: smallint('efficiency'),
    attitude: smallint('attitude'),
    professionalism: smallint('professionalism'),
    comment: text('comment'),
    ratedBy: integer('rated_by').references(() => users.id),
    ratedAt: timestamp('rated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('service_ratings_centre_idx').on(t.centreId, t.ratedAt),
    // Scope counts (dashboards: completed minus rated) for an enterprise, a county, a city.
    index('service_ratings_enterprise_idx').on(t.enterpriseId),
    index('service_ratings_county_idx').on(t.countyCode),
    index('service_ratings_city_idx').on(t.cityCode),
  ],
);

export const RECTIFICATION_STATUS = ['open', 'answered', 'closed'] as const;

/**
 * 差评整改: a 不满意/非常不满意 rating opens one. The centre answers within the parameter's working days (SPEC §4
 * default 15, 好差评 scheme); the county follows up — accepts the answer (closed) or sends it back (open again, same
 * deadline). Overdue = still open after the due day.
 */
export const rectifications = pgTable(
  'rectifications',
  {
    id: serial('id').primaryKey(),
    ratingId: integer('rating_id')
      .notNull()
      .unique()
      .references(() => serviceRatings.id),
    recordId: integer('record_id')
      .notNull()
      .references(() => serviceRecords.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    status: text('status', { enum: RECTIFICATION_STATUS }).notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    answer: text('answer'),
    answeredOn: date('answered_on', { mode: 'string' }),
    answeredBy: integer('answered_by').references(() => users.id),
    followUp: text('follow_up'),
    followedUpOn: date('followed_up_on', { mode: 'string' }),
    followedUpBy: integer('followed_up_by').references(() => users.id),
    /** Due-soon warning sent to the centre (once). */
    warnedAt: timestamp('warned_at', { withTimezone: true, mode: 'date' }),
    policyVersion: integer('policy_version').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('rectifications_centre_idx').on(t.centreId, t.status),
    index('rectifications_county_idx').on(t.countyCode, t.status),
    index('rectifications_city_idx').on(t.cityCode, t.status),
  ],
);
