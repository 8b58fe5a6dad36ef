import type { TCalendarHoliday, TCalendarWorkday } from '../../../contracts/calendar';
import { AppError } from '../../lib/errors';

/**
 * A year's arrangement as the State Council's notice gives it (国务院办公厅关于YYYY年部分节假日安排的通知): named
 * holidays as ranges of days off, and 调休 make-up working days. Pure checks and conversions; no database.
 */

export interface ArrangementDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

const DAY_MS = 86_400_000;

function dayAt(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
function timeOf(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = timeOf(from); t <= timeOf(to); t += DAY_MS) out.push(dayAt(t));
  return out;
}

function isWeekend(day: string): boolean {
  const w = new Date(timeOf(day)).getUTCDay();
  return w === 0 || w === 6;
}

/**
 * The days an arrangement for `year` may name: the year itself, and December of the year before — a notice's 元旦
 * break or its make-up working day can fall there (e.g. 2018-12-29 was a working day for 元旦 2019).
 */
export function arrangementWindow(year: number): { from: string; to: string } {
  return { from: `${year - 1}-12-01`, to: `${year}-12-31` };
}

function refuse(field: string, zh: string, en: string): AppError {
  return new AppError('CALENDAR_INVALID', { field, 'reason_zh-CN': zh, reason_en: en });
}

/**
 * Every day of the arrangement, or a refusal naming the field: a range ending before it starts, a day outside the
 * year, two holidays overlapping, a day both off and working, a make-up working day that is not a weekend day.
 */
export function arrangementDays(
  year: number,
  holidays: TCalendarHoliday[],
  workdays: TCalendarWorkday[],
): ArrangementDay[] {
  const window = arrangementWindow(year);
  const byDay = new Map<string, { field: string; label: string; kind: 'holiday' | 'workday' }>();
  const out: ArrangementDay[] = [];
  const inWindow = (day: string) => day >= window.from && day <= window.to;
  holidays.forEach((h, i) => {
    const field = `holidays[${i}]`;
    if (h.to < h.from) throw refuse(field, `“${h.name}”的结束日早于开始日`, `"${h.name}" ends before it starts`);
    if (!inWindow(h.from) || !inWindow(h.to))
      throw refuse(
        field,
        `“${h.name}”（${h.from} 至 ${h.to}）不在 ${year} 年内（元旦假期可始于上一年 12 月）`,
        `"${h.name}" (${h.from} to ${h.to}) is not in ${year} (a New Year break may start in December before)`,
      );
    for (const day of daysBetween(h.from, h.to)) {
      const seen = byDay.get(day);
      if (seen)
        throw refuse(
          field,
          `“${h.name}”与“${seen.label}”在 ${day} 重叠`,
          `"${h.name}" overlaps "${seen.label}" on ${day}`,
        );
      byDay.set(day, { field, label: h.name, kind: 'holiday' });
      out.push({ day, kind: 'holiday', name: h.name });
    }
  });
  workdays.forEach((w, i) => {
    const field = `workdays[${i}]`;
    if (!inWindow(w.day))
      throw refuse(field, `调休上班日 ${w.day} 不在 ${year} 年内`, `make-up working day ${w.day} is not in ${year}`);
    const seen = byDay.get(w.day);
    if (seen?.kind === 'holiday')
      throw refuse(
        field,
        `${w.day} 既是“${seen.label}”的放假日，又是调休上班日`,
        `${w.day} is both a day off of "${seen.label}" and a make-up working day`,
      );
    if (seen) throw refuse(field, `调休上班日 ${w.day} 重复`, `make-up working day ${w.day} is listed twice`);
    // 调休 moves a weekend day into the working week; a weekday is a working day already.
    if (!isWeekend(w.day))
      throw refuse(
        field,
        `调休上班日 ${w.day} 不是周六或周日`,
        `make-up working day ${w.day} is not a Saturday or Sunday`,
      );
    byDay.set(w.day, { field, label: w.day, kind: 'workday' });
    out.push({ day: w.day, kind: 'workday', name: w.name?.trim() || null });
  });
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Stored days back into the notice's shape: consecutive days off of one name become one range. */
export function arrangementOf(days: ArrangementDay[]): { holidays: TCalendarHoliday[]; workdays: TCalendarWorkday[] } {
  const holidays: TCalendarHoliday[] = [];
  const workdays: TCalendarWorkday[] = [];
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const d of sorted) {
    if (d.kind === 'workday') {
      workdays.push({ day: d.day, name: d.name });
      continue;
    }
    const last = holidays[holidays.length - 1];
    const name = d.name ?? '';
    if (last && last.name === name && timeOf(d.day) - timeOf(last.to) === DAY_MS) last.to = d.day;
    else holidays.push({ name, from: d.day, to: d.day });
  }
  return { holidays, workdays };
}
