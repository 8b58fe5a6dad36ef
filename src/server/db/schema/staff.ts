import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { centres } from './centre';

/** 派驻人员 of a centre (Art. 7): the roster the staffing verdict is computed from. */
export const centreStaff = pgTable(
  'centre_staff',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    name: text('name').notNull(),
    tradeYears: numeric('trade_years', { precision: 4, scale: 1, mode: 'number' }).notNull(),
    customsDeclarant: boolean('customs_declarant').notNull(),
    foreignLanguage: boolean('foreign_language').notNull(),
    socialInsuranceProof: text('social_insurance_proof').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [index('centre_staff_centre_idx').on(t.centreId)],
);
