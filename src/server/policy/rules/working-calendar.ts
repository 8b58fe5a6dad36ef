import chineseDays from 'chinese-days';
import type { TCalendarNotice, TCalendarSource, TCalendarUse } from '../../../contracts/calendar';

/**
 * Where a day's "working or not" comes from, in this order (issue 10):
 * 1. an arrangement the administrator entered from the State Council's notice (国务院办公厅关于YYYY年部分节假日安排的通知);
 * 2. the arrangement built into the system (the chinese-days package, which holds years up to its release);
 * 3. neither: Saturdays and Sundays are the only days off, and a deadline may come out too early.
 * Entered years live in the database; this in-memory copy is what the synchronous deadline rules read. The calendar
 * module loads it at start-up and after every change on this instance, and the housekeeping sweep reloads it for
 * changes made on other instances.
 */

export interface EnteredCalendarYear {
  year: number;
  notice: TCalendarNotice;
  /** Days off and make-up working days of the arrangement; a notice for year Y may include late December of Y-1. */
  days: { day: string; kind: 'holiday' | 'workday' }[];
}

interface Overlay {
  years: Map<number, TCalendarNotice>;
  days: Map<string, 'holiday' | 'workday'>;
}

let overlay: Overlay = { years: new Map(), days: new Map() };

/** Replaces the in-memory copy of the entered years (all of them at once). */
export function setEnteredCalendar(years: EnteredCalendarYear[]): void {
  const next: Overlay = { years: new Map(), days: new Map() };
  // Older years first, so that a later notice's days win where two notices name the same December day.
  for (const y of [...years].sort((a, b) => a.year - b.year)) {
    next.years.set(y.year, y.notice);
    for (const d of y.days) next.days.set(d.day, d.kind);
  }
  overlay = next;
}

const builtInYears = new Map<number, boolean>();
/** Whether the chinese-days package knows the official arrangement of `year`. */
export function builtInCalendarCovers(year: number): boolean {
  let covered = builtInYears.get(year);
  if (covered === undefined) {
    covered = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    builtInYears.set(year, covered);
  }
  return covered;
}

export function calendarSourceOf(year: number): TCalendarSource {
  if (overlay.years.has(year)) return 'entered';
  if (builtInCalendarCovers(year)) return 'builtIn';
  return 'weekendsOnly';
}

export function calendarUseOf(year: number): TCalendarUse {
  return { year, source: calendarSourceOf(year), notice: overlay.years.get(year) ?? null };
}

function isWeekday(day: string): boolean {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w !== 0 && w !== 6;
}

/** `day` is a valid YYYY-MM-DD (the caller has checked). */
export function workingDayOn(day: string): boolean {
  const entered = overlay.days.get(day);
  if (entered) return entered === 'workday';
  const year = Number(day.slice(0, 4));
  if (overlay.years.has(year)) return isWeekday(day);
  if (builtInCalendarCovers(year)) return chineseDays.isWorkday(day);
  return isWeekday(day);
}

/** The sources of every year from `from` to `to` (both YYYY-MM-DD). */
export function calendarsUsed(from: string, to: string): TCalendarUse[] {
  const out: TCalendarUse[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(calendarUseOf(y));
  return out;
}

/** How a count from `from` to `to` took its working days, in words, e.g. for a verdict or a due date. */
export function describeCalendars(uses: TCalendarUse[]): { 'zh-CN': string; en: string } {
  const zh = uses.map((u) => {
    if (u.source === 'entered' && u.notice) return `${u.year}年按《${u.notice.title}》（${u.notice.number}）`;
    if (u.source === 'builtIn') return `${u.year}年按系统内置的国务院节假日安排`;
    return `${u.year}年节假日安排尚未录入，仅按周末推算`;
  });
  const en = uses.map((u) => {
    if (u.source === 'entered' && u.notice)
      return `${u.year} on the State Council notice 《${u.notice.title}》 (${u.notice.number})`;
    if (u.source === 'builtIn') return `${u.year} on the State Council's arrangement built into the system`;
    return `${u.year}: official holidays not yet entered, weekends only`;
  });
  return { 'zh-CN': `工作日计算：${zh.join('；')}`, en: `working days: ${en.join('; ')}` };
}
