import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * 承办企业 (SPEC §2, Art. 10). The legal representative's ID number is kept only as an SM4 ciphertext with an
 * HMAC-SM3 integrity tag (lib/field-crypto.ts) and a masked copy for display.
 */
export const operators = pgTable('operators', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  creditCode: text('credit_code').notNull().unique(),
  legalRepName: text('legal_rep_name').notNull(),
  legalRepIdEnc: text('legal_rep_id_enc').notNull(),
  legalRepIdMasked: text('legal_rep_id_masked').notNull(),
  tradeRegistration: text('trade_registration').notNull(),
  capabilities: jsonb('capabilities').$type<string[]>().notNull(),
  premises: text('premises').notNull(),
  contactPhone: text('contact_phone').notNull(),
  qualificationStatus: text('qualification_status', { enum: ['qualified', 'disqualified', 'blacklisted'] })
    .notNull()
    .default('qualified'),
  /**
   * Where the operator was registered (decision 0009): the creating official's region, the province's code when the
   * province registered it. With the regions of its centres it decides who may change it (operatorReach).
   */
  registeredRegionCode: varchar('registered_region_code', { length: 6 }).notNull().default('420000'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
});

/** Art. 10(一)3: violations on record; one within the last 3 years (parameter) makes an operator ineligible. */
export const operatorViolations = pgTable(
  'operator_violations',
  {
    id: serial('id').primaryKey(),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    source: text('source').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('operator_violations_operator_idx').on(t.operatorId, t.occurredOn)],
);
