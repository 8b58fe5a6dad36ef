import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { SANCTION_KINDS, type TSanctionGround } from '../../../contracts/sanction';
import { assessmentConsequences } from './assessment-consequence';
import { users } from './identity';
import { operators } from './operator';

/**
 * 处理决定 (Art. 13, 14, 12(三)(2); issue 15; decision 0033): the province's decision on an operator, with its numbered
 * letter (鄂商务外综处〔year〕N号, a serial per year), grounds, facts, dates and the policy version in force. Its
 * effects are written in the same transaction: the qualification, the engagements ended, the recoveries listed.
 */
export const sanctions = pgTable(
  'sanctions',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: SANCTION_KINDS }).notNull(),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id),
    grounds: jsonb('grounds').$type<TSanctionGround[]>().notNull(),
    facts: text('facts').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    letterYear: integer('letter_year').notNull(),
    letterSerial: integer('letter_serial').notNull(),
    letterNumber: text('letter_number').notNull().unique(),
    /** The assessment consequence it confirms (ground 12.3), when it came from there. */
    consequenceId: integer('consequence_id').references(() => assessmentConsequences.id),
    policyVersion: integer('policy_version').notNull(),
    /** What the decision did, for the letter and the record: engagements ended, recoveries listed (ids and sums). */
    effects: jsonb('effects').notNull().default(sql`'{}'::jsonb`),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedByName: text('decided_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    unique('sanctions_letter_year_serial').on(t.letterYear, t.letterSerial),
    index('sanctions_operator_idx').on(t.operatorId),
  ],
);
