import chineseDays from 'chinese-days';
import type { TCalendarOverview, TCalendarYearDetail, TCalendarYearSummary } from '../../../contracts/calendar';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { beijingDay } from '../../policy/policy';
import { builtInCalendarCovers, calendarSourceOf } from '../../policy/rules/working-calendar';
import { type ArrangementDay, arrangementOf, daysBetween } from './arrangement';
import { selectDays, selectEnteredYears, yearDetail } from './calendar.repository';

/** The arrangement chinese-days holds for a year it covers, in the notice's shape (days off on weekdays and weekends). */
function builtInDays(year: number): ArrangementDay[] {
  const out: ArrangementDay[] = [];
  for (const day of daysBetween(`${year}-01-01`, `${year}-12-31`)) {
    const d = chineseDays.getDayDetail(day);
    // Holiday-related days are named "English,中文,days"; ordinary days by their weekday.
    const parts = d.name.split(',');
    if (parts.length < 2) continue;
    out.push({ day, kind: d.work ? 'workday' : 'holiday', name: parts[1] ?? null });
  }
  return out;
}

/**
 * Years the administrator should enter now (issue 10): the current year, and from December the next, when neither
 * an entered arrangement nor the built-in one covers them.
 */
export function missingCalendarYears(today: string): number[] {
  const year = Number(today.slice(0, 4));
  const wanted = today.slice(5, 7) === '12' ? [year, year + 1] : [year];
  return wanted.filter((y) => calendarSourceOf(y) === 'weekendsOnly');
}

/** Last year to next year, and every year entered: where each takes its working days from. */
export async function getCalendarOverview(ctx: RequestContext): Promise<TCalendarOverview> {
  requireAction(ctx.user, 'calendar.read');
  const today = beijingDay(ctx.deps.clock());
  const current = Number(today.slice(0, 4));
  const entered = await selectEnteredYears(ctx.deps.db);
  const days = await selectDays(ctx.deps.db);
  const years = new Set([current - 1, current, current + 1, ...entered.map((e) => e.year)]);
  const items: TCalendarYearSummary[] = [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const row = entered.find((e) => e.year === year);
      if (row) {
        const own = days.filter((d) => d.year === year);
        return {
          year,
          source: 'entered',
          notice: { title: row.noticeTitle, number: row.noticeNumber, issuedOn: row.noticeIssuedOn },
          holidayDays: own.filter((d) => d.kind === 'holiday').length,
          workdays: own.filter((d) => d.kind === 'workday').length,
          enteredAt: row.enteredAt.toISOString(),
        };
      }
      const builtIn = builtInCalendarCovers(year) ? builtInDays(year) : [];
      return {
        year,
        source: builtInCalendarCovers(year) ? 'builtIn' : 'weekendsOnly',
        notice: null,
        holidayDays: builtIn.filter((d) => d.kind === 'holiday').length,
        workdays: builtIn.filter((d) => d.kind === 'workday').length,
        enteredAt: null,
      };
    });
  return { items, missing: missingCalendarYears(today) };
}

/** One year: the entered arrangement, else the built-in one, else empty (weekends only). */
export async function getCalendarYear(ctx: RequestContext, year: number): Promise<TCalendarYearDetail> {
  requireAction(ctx.user, 'calendar.read');
  const entered = await yearDetail(ctx.deps.db, year);
  if (entered) return entered;
  const source = builtInCalendarCovers(year) ? 'builtIn' : 'weekendsOnly';
  const { holidays, workdays } =
    source === 'builtIn' ? arrangementOf(builtInDays(year)) : { holidays: [], workdays: [] };
  return {
    year,
    source,
    notice: null,
    holidays,
    workdays,
    importedFrom: null,
    enteredBy: null,
    enteredAt: null,
    replaceReason: null,
    version: null,
  };
}
