import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { parks, regions } from './region';

export const ENTERPRISE_STATUS = ['pending', 'approved', 'rejected'] as const;
export const ENTERPRISE_SOURCE = ['self', 'import', 'centre'] as const;

/**
 * 外贸企业 (SPEC §2): the enterprises centres serve. A self-registration waits as `pending` until the centre or the
 * county approves it; only then does its sign-in account (enterprise.<credit code>) exist — the password chosen at
 * registration waits here, hashed, until then. Imported and walk-in enterprises are `approved` at once (an officer
 * vouches for them) and have no account until they register. city_code is copied from the county for scope filters.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: serial('id').primaryKey(),
    creditCode: varchar('credit_code', { length: 18 }).notNull().unique(),
    name: text('name').notNull(),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    cityCode: varchar('city_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    parkId: integer('park_id').references(() => parks.id),
    address: text('address'),
    contactPerson: text('contact_person').notNull(),
    contactPhone: text('contact_phone').notNull(),
    contactEmail: text('contact_email'),
    /** 有进出口实绩 */
    hasTradeRecord: boolean('has_trade_record').notNull().default(false),
    /** First import/export: counts the 新开口企业 a centre helped (Art. 12(一)). */
    firstTradeOn: date('first_trade_on', { mode: 'string' }),
    status: text('status', { enum: ENTERPRISE_STATUS }).notNull(),
    source: text('source', { enum: ENTERPRISE_SOURCE }).notNull(),
    pendingPasswordHash: text('pending_password_hash'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    reviewComment: text('review_comment'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [
    index('enterprises_county_idx').on(t.countyCode, t.status),
    index('enterprises_city_idx').on(t.cityCode, t.status),
    index('enterprises_park_idx').on(t.parkId, t.status),
  ],
);
