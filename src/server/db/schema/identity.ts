import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { enterprises } from './enterprise';
import { parks, regions } from './region';

/**
 * Platform accounts. The scope columns say which data a user may see (SPEC §1); which one applies depends on the
 * role. centre/enterprise/evaluator ids get their foreign keys when those tables arrive (issues 4–6).
 */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', {
      enum: ['admin', 'province', 'city', 'county', 'park', 'operator', 'enterprise', 'evaluator'],
    }).notNull(),
    passwordHash: text('password_hash').notNull(),
    regionCode: varchar('region_code', { length: 6 }).references(() => regions.code),
    parkId: integer('park_id').references(() => parks.id),
    centreId: integer('centre_id'),
    enterpriseId: integer('enterprise_id').references((): AnyPgColumn => enterprises.id),
    evaluatorId: integer('evaluator_id'),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    disabled: boolean('disabled').notNull().default(false),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [index('users_role_idx').on(t.role)],
);

/**
 * Server-side sessions (等保 2.0): the cookie carries a random token, the table only its SHA-256, so a leaked
 * database row cannot be replayed. Idle and absolute expiry are checked on every request.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Fixed-window counters (sign-in attempts per IP) kept in the database so that every app instance shares them. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
  count: integer('count').notNull(),
});

/**
 * Failed sign-ins per (name as typed, client address), names that do not exist counted alike so that they cannot be
 * told apart: five in a row from one address lock that name for that address only, so that an attacker elsewhere
 * cannot lock the owner out. A run of failures ends with a success from that address, or 15 minutes without one.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    /** Failures in the current run (back to 0 when it locks). */
    failures: integer('failures').notNull(),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true, mode: 'date' }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.username, t.ip] })],
);
