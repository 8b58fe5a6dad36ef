import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * 节假日安排 entered by the administrator from the State Council's yearly notice (issue 10). They take precedence
 * over the arrangement built into the chinese-days package. A year is entered once; replacing it needs a reason.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  noticeTitle: text('notice_title').notNull(),
  noticeNumber: text('notice_number').notNull(),
  noticeIssuedOn: date('notice_issued_on', { mode: 'string' }).notNull(),
  /** The .ics file the days were imported from, when they were. */
  importedFrom: text('imported_from'),
  replaceReason: text('replace_reason'),
  enteredBy: integer('entered_by').references(() => users.id),
  enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  version: integer('version').notNull().default(1),
});

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;

/**
 * One row per day of an arrangement: a day off of a named holiday, or a 调休 make-up working day (named after the
 * holiday it makes up for). A day belongs to one arrangement with one kind: the primary key refuses a day that would be
 * both a holiday and a working day, or named by two years' notices.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    day: date('day', { mode: 'string' }).primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => calendarYears.year, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CALENDAR_DAY_KINDS }).notNull(),
    /** The holiday's name (春节); for a make-up working day, the holiday it makes up for. Consecutive days off of
     * one name are shown as one range. */
    name: text('name'),
  },
  (t) => [index('calendar_days_year_idx').on(t.year)],
);
