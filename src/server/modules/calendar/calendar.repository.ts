import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { TCalendarYearDetail } from '../../../contracts/calendar';
import type { Db } from '../../db/client';
import { calendarDays, calendarYears, users } from '../../db/schema';
import { type EnteredCalendarYear, setEnteredCalendar } from '../../policy/rules/working-calendar';
import { type ArrangementDay, arrangementOf } from './arrangement';

export type CalendarYearRow = typeof calendarYears.$inferSelect;

export async function selectEnteredYears(db: Db): Promise<CalendarYearRow[]> {
  return db.select().from(calendarYears).orderBy(asc(calendarYears.year));
}

export async function selectYearRow(db: Db, year: number): Promise<CalendarYearRow | undefined> {
  const [row] = await db.select().from(calendarYears).where(eq(calendarYears.year, year)).limit(1);
  return row;
}

export async function selectDays(db: Db, year?: number): Promise<(ArrangementDay & { year: number })[]> {
  const q = db
    .select({ day: calendarDays.day, year: calendarDays.year, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays);
  return (year === undefined ? q : q.where(eq(calendarDays.year, year))).orderBy(asc(calendarDays.day));
}

/** Days that another year's arrangement already names (a notice may reach into December of the year before). */
export async function daysTakenByOtherYears(
  db: Db,
  year: number,
  days: string[],
): Promise<{ day: string; year: number }[]> {
  if (days.length === 0) return [];
  return db
    .select({ day: calendarDays.day, year: calendarDays.year })
    .from(calendarDays)
    .where(and(ne(calendarDays.year, year), inArray(calendarDays.day, days)));
}

export async function replaceDays(db: Db, year: number, days: ArrangementDay[]): Promise<void> {
  await db.delete(calendarDays).where(eq(calendarDays.year, year));
  if (days.length > 0)
    await db.insert(calendarDays).values(days.map((d) => ({ day: d.day, year, kind: d.kind, name: d.name })));
}

export async function yearDetail(db: Db, year: number): Promise<TCalendarYearDetail | null> {
  const [row] = await db
    .select({ y: calendarYears, enteredBy: users.displayName })
    .from(calendarYears)
    .leftJoin(users, eq(users.id, calendarYears.enteredBy))
    .where(eq(calendarYears.year, year))
    .limit(1);
  if (!row) return null;
  const { holidays, workdays } = arrangementOf(await selectDays(db, year));
  return {
    year: row.y.year,
    source: 'entered',
    notice: { title: row.y.noticeTitle, number: row.y.noticeNumber, issuedOn: row.y.noticeIssuedOn },
    holidays,
    workdays,
    importedFrom: row.y.importedFrom,
    enteredBy: row.enteredBy,
    enteredAt: row.y.enteredAt.toISOString(),
    replaceReason: row.y.replaceReason,
    version: row.y.version,
  };
}

/**
 * Loads every entered year into the in-memory calendar the deadline rules read (working-calendar.ts). Called at
 * start-up, after each change on this instance (also inside the change's transaction, so recomputed deadlines use
 * the new arrangement), and by the housekeeping sweep for changes made on other instances.
 */
export async function loadWorkingCalendar(db: Db): Promise<void> {
  const years = await selectEnteredYears(db);
  const days = await selectDays(db);
  const entered: EnteredCalendarYear[] = years.map((y) => ({
    year: y.year,
    notice: { title: y.noticeTitle, number: y.noticeNumber, issuedOn: y.noticeIssuedOn },
    days: days.filter((d) => d.year === y.year).map((d) => ({ day: d.day, kind: d.kind })),
  }));
  setEnteredCalendar(entered);
}
