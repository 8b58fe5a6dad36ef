import { eq, sql } from 'drizzle-orm';
import type { TEnterCalendarYearRequest, TEnterCalendarYearResponse } from '../../../contracts/calendar';
import { auditContext, type RequestContext } from '../../context';
import { calendarYears } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { calendarUseOf } from '../../policy/rules/working-calendar';
import { recomputeFilingDeadlines } from '../engagement/recompute-filing-deadlines';
import { type MovedDeadline, recomputeRectificationDeadlines } from '../service/recompute-rectification-deadlines';
import { arrangementDays } from './arrangement';
import {
  daysTakenByOtherYears,
  loadWorkingCalendar,
  replaceDays,
  selectYearRow,
  yearDetail,
} from './calendar.repository';

/**
 * Issue 10: the administrator enters a year's holiday arrangement from the State Council's notice (国务院办公厅关于
 * YYYY年部分节假日安排的通知). It takes precedence over the arrangement built into the system. A year already entered
 * is replaced only with a reason. In the same transaction, the deadlines still running whose count reached into the
 * arrangement's days are counted again on it, each audited on its own record.
 */
export async function enterCalendarYear(
  ctx: RequestContext,
  year: number,
  input: TEnterCalendarYearRequest,
): Promise<TEnterCalendarYearResponse> {
  const user = requireAction(ctx.user, 'calendar.manage');
  const days = arrangementDays(year, input.holidays, input.workdays);
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  let moved: MovedDeadline[] = [];
  try {
    moved = await db.transaction(async (tx) => {
      // Entries of the calendar queue here: two administrators cannot both enter the same year.
      await tx.execute(sql`lock table calendar_years in exclusive mode`);
      const existing = await selectYearRow(tx, year);
      if (existing && !input.replaceReason)
        throw new AppError('CALENDAR_YEAR_ENTERED', { year, title: existing.noticeTitle, field: 'replaceReason' });
      const taken = await daysTakenByOtherYears(
        tx,
        year,
        days.map((d) => d.day),
      );
      const [clash] = taken;
      if (clash)
        throw new AppError('CALENDAR_INVALID', {
          field: 'holidays',
          'reason_zh-CN': `${clash.day} 已列入 ${clash.year} 年的节假日安排`,
          reason_en: `${clash.day} is already in the arrangement of ${clash.year}`,
        });
      const before = existing ? await yearDetail(tx, year) : null;
      const values = {
        noticeTitle: input.notice.title,
        noticeNumber: input.notice.number,
        noticeIssuedOn: input.notice.issuedOn,
        importedFrom: input.importedFrom ?? null,
        replaceReason: existing ? (input.replaceReason ?? null) : null,
        enteredBy: user.id || null,
        enteredAt: now,
      };
      if (existing)
        await tx
          .update(calendarYears)
          .set({ ...values, version: existing.version + 1 })
          .where(eq(calendarYears.year, year));
      else await tx.insert(calendarYears).values({ year, ...values });
      await replaceDays(tx, year, days);

      // The deadline rules read the in-memory calendar: load the new arrangement (still uncommitted) before counting
      // again. Should the transaction fail, the catch below loads the committed state back.
      await loadWorkingCalendar(tx);
      const calendar = calendarUseOf(year);
      const firstDay = days[0]?.day ?? `${year}-01-01`;
      const window = { since: firstDay < `${year}-01-01` ? firstDay : `${year}-01-01`, until: `${year}-12-31` };
      const recomputed = [
        ...(await recomputeRectificationDeadlines(tx, ctx, window, calendar, now)),
        ...(await recomputeFilingDeadlines(tx, ctx, window, calendar, now)),
      ];
      const after = { year, notice: input.notice, ...arrangementSummary(input), importedFrom: values.importedFrom };
      await writeAudit(tx, auditContext(ctx, now), {
        action: existing ? 'calendar.year.replaced' : 'calendar.year.entered',
        objectType: 'calendar_year',
        objectId: year,
        before,
        after: existing
          ? { ...after, replaceReason: input.replaceReason, version: existing.version + 1, recomputed }
          : { ...after, version: 1, recomputed },
      });
      return recomputed;
    });
  } finally {
    // Committed or not, the in-memory calendar is what the database now holds.
    await loadWorkingCalendar(db);
  }
  const detail = await yearDetail(db, year);
  if (!detail) throw new Error(`calendar year ${year} vanished after its entry`);
  return { ...detail, recomputed: moved };
}

function arrangementSummary(input: TEnterCalendarYearRequest) {
  return { holidays: input.holidays, workdays: input.workdays };
}
