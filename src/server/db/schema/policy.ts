import { sql } from 'drizzle-orm';
import { date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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

/** System settings kept by the administrator (audit retention …). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
});
