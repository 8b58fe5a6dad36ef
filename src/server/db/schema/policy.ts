import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './identity';

/** 政策参数 (SPEC §2, §4): every number of the policy, versioned; the version in force is the latest effective one. */
export const policyVersions = pgTable('policy_versions', {
  version: integer('version').primaryKey(),
  title: text('title').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  publishedBy: text('published_by'),
  basis: text('basis').notNull(),
  parameters: jsonb('parameters').notNull(),
});

/**
 * A parameter version the province is preparing (Art. 16): copied from a published version, edited, previewed against
 * today's data and published as the next policy_versions row. A published version is never edited (the trigger of
 * migration 0032 refuses UPDATE and DELETE on policy_versions); a draft is where changes happen.
 */
export const policyDrafts = pgTable(
  'policy_drafts',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    basis: text('basis').notNull(),
    parameters: jsonb('parameters').notNull(),
    /** The published version it was copied from (the preview compares with the version in force, not this one). */
    basedOnVersion: integer('based_on_version')
      .notNull()
      .references(() => policyVersions.version),
    /** Set when published: the day the new version takes effect. */
    effectiveFrom: date('effective_from', { mode: 'string' }),
    status: text('status', { enum: ['draft', 'published', 'discarded'] })
      .notNull()
      .default('draft'),
    /** The policy_versions row it became. */
    publishedVersion: integer('published_version').references(() => policyVersions.version),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [index('policy_drafts_status_idx').on(t.status)],
);

/** System settings kept by the administrator (audit retention …). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
});
