import { and, asc, type Column, eq, inArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { centreIsServing, SERVING_STATUSES } from '../../../contracts/centre';
import type { TServiceCategory } from '../../../contracts/service-category';
import type { TCentreServiceFigures, TServiceStats, TServiceStatsQuery } from '../../../contracts/service-record';
import type { RequestContext } from '../../context';
import { readDb } from '../../db/read-db';
import { centres, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { invalidField } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { centreHasOperated } from '../centre';
import { addInto, emptySums, figuresOf, rectificationBacklog, type Sums, serviceWindowFigures } from '../figures';

const DAY_MS = 86_400_000;
const county = alias(regions, 'county');
const city = alias(regions, 'city');

/**
 * 服务统计 (Art. 8: the platform's records are the basis of assessment). Volume, response and completion times,
 * satisfaction and rating rate per centre and for the caller's whole scope, for the records submitted in [from, to]
 * (Beijing days), read from the figures layer (modules/figures): a year is a few hundred rollup rows, not a year's
 * records. Whole months are the fast path; a window cutting a month adds its edge days from the raw rows.
 * Satisfaction comes from stored ratings only; nobody enters it.
 */
export async function getServiceStats(ctx: RequestContext, q: TServiceStatsQuery): Promise<TServiceStats> {
  const user = requireAction(ctx.user, 'serviceStats.read');
  const db = readDb(ctx.deps);
  const today = beijingDay(ctx.deps.clock());
  checkWindow(q);
  const filter = { cityCode: q.cityCode, countyCode: q.countyCode, centreId: q.centreId };

  const [window, rectificationRows] = await Promise.all([
    // The figures layer: whole months from its month table, a cut edge's days from the raw rows (issue 12). A rating
    // counts in the window of its record, so that rating rate = rated completed records / completed records.
    serviceWindowFigures(db, user, filter, { from: q.from ?? null, to: q.to ?? null, today }),
    // The rectification backlog is today's, whatever the window: what is still waiting for the centre or county.
    rectificationBacklog(db, user, filter, today),
  ]);

  const sums = new Map<number, Sums>();
  const sumsOf = (centreId: number) => {
    let s = sums.get(centreId);
    if (!s) {
      s = emptySums();
      sums.set(centreId, s);
    }
    return s;
  };
  for (const [centreId, figures] of window.byCentre) Object.assign(sumsOf(centreId), figures);
  for (const r of rectificationRows) {
    const s = sumsOf(r.centreId);
    s.openRectifications = r.open;
    s.overdueRectifications = r.overdue;
  }

  // Centres with records in the window or a rectification outstanding, and every serving centre even if idle.
  const active = [...sums.keys()];
  const candidates = await db
    .select({
      id: centres.id,
      name: centres.name,
      cityName: city.name,
      countyName: county.name,
      status: centres.status,
      hasOperated: centreHasOperated,
    })
    .from(centres)
    .innerJoin(city, eq(city.code, centres.cityCode))
    .innerJoin(county, eq(county.code, centres.countyCode))
    .where(
      and(
        inScope(user, q, {
          cityCode: centres.cityCode,
          countyCode: centres.countyCode,
          centreId: centres.id,
          parkId: centres.parkId,
        }),
        active.length
          ? or(inArray(centres.status, [...SERVING_STATUSES]), inArray(centres.id, active))
          : inArray(centres.status, [...SERVING_STATUSES]),
      ),
    )
    .orderBy(asc(centres.cityCode), asc(centres.countyCode), asc(centres.id));
  const centreRows = candidates.filter((c) => sums.has(c.id) || centreIsServing(c));

  const totals = emptySums();
  for (const s of sums.values()) addInto(totals, s);
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    totals: figuresOf(totals),
    byCentre: centreRows.map(
      (c): TCentreServiceFigures => ({
        centreId: c.id,
        centreName: c.name,
        cityName: c.cityName,
        countyName: c.countyName,
        ...figuresOf(sums.get(c.id) ?? emptySums()),
      }),
    ),
    ...seriesOf(window.byCategoryMonth),
  };
}

/** Volume per category, most first (ties in key order), and per month, oldest first. */
function seriesOf(rows: { category: string; month: string; total: number; completed: number }[]) {
  const byCategory = new Map<string, number>();
  const byMonth = new Map<string, { month: string; total: number; completed: number }>();
  for (const r of rows) {
    byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.total);
    const m = byMonth.get(r.month) ?? { month: r.month, total: 0, completed: 0 };
    m.total += r.total;
    m.completed += r.completed;
    byMonth.set(r.month, m);
  }
  return {
    byCategory: [...byCategory]
      .map(([category, total]) => ({ category: category as TServiceCategory, total }))
      .sort((a, b) => b.total - a.total || (a.category < b.category ? -1 : 1)),
    byMonth: [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
  };
}

/** The window's days must be real Beijing days, the end not before the start. */
function checkWindow(q: TServiceStatsQuery): void {
  const dayStart = (field: 'from' | 'to', day: string) => {
    const at = new Date(`${day}T00:00:00+08:00`);
    if (Number.isNaN(at.getTime()) || beijingDay(at) !== day) {
      throw invalidField(field, { 'zh-CN': '不是有效日期', en: 'is not a valid date' });
    }
    return at;
  };
  const start = q.from ? dayStart('from', q.from) : null;
  const end = q.to ? new Date(dayStart('to', q.to).getTime() + DAY_MS) : null;
  if (start && end && start >= end) {
    throw invalidField('to', { 'zh-CN': '结束日期不能早于开始日期', en: 'must not be before the start date' });
  }
}

/**
 * The caller's scope, narrowed (never widened) by the query's city, county and centre. Without a park column the
 * scope helper reaches a park's records through their centres, so its query runs on the centre index.
 */
function inScope(
  user: SessionUser,
  q: TServiceStatsQuery,
  cols: { cityCode: Column; countyCode: Column; centreId: Column; parkId?: Column },
): SQL {
  const conds: SQL[] = [centreRecordScope(user, cols)];
  if (q.cityCode) conds.push(eq(cols.cityCode, q.cityCode));
  if (q.countyCode) conds.push(eq(cols.countyCode, q.countyCode));
  if (q.centreId) conds.push(eq(cols.centreId, q.centreId));
  return and(...conds) as SQL;
}
