import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { centres } from './centre';
import { enterprises } from './enterprise';
import { users } from './identity';
import { parks, regions } from './region';

export const ACTIVITY_KINDS = ['training', 'policy_promotion', 'market_expansion', 'exhibition'] as const;

/**
 * 活动 (SPEC §2, Art. 5, Art. 12(一) "培训、市场拓展活动"): trainings, policy promotion, market-expansion trips and
 * exhibitions a centre organised, with the enterprises that took part and evidence files.
 */
export const activities = pgTable(
  'activities',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    cityCode: varchar('city_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    parkId: integer('park_id')
      .notNull()
      .references(() => parks.id),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    /** training: large_training | salon | lecture; market_expansion: overseas_market | inspection;
     *  exhibition: canton_fair | ecsf | overseas | online; policy_promotion: none. */
    subKind: text('sub_kind'),
    title: text('title').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    participantCount: integer('participant_count').notNull(),
    description: text('description'),
    createdBy: integer('created_by').references(() => users.id),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [
    index('activities_centre_idx').on(t.centreId, t.startOn),
    index('activities_county_idx').on(t.countyCode, t.startOn),
    index('activities_city_idx').on(t.cityCode, t.startOn),
  ],
);

/** Enterprises that took part in an activity; with the activity's centre, the distribution key (docs/deployment.md §3). */
export const activityEnterprises = pgTable(
  'activity_enterprises',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.enterpriseId] }),
    index('activity_enterprises_ent_idx').on(t.enterpriseId),
  ],
);
