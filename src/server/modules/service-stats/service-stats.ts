import { and, asc, type Column, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { centreIsServing, SERVING_STATUSES } from '../../../contracts/centre';
import type { TServiceCategory } from '../../../contracts/service-category';
import {
  BAD_RATING_LEVELS,
  RATING_LEVELS,
  RATING_SCORE,
  type TCentreServiceFigures,
  type TRatingLevel,
  type TServiceStats,
  type TServiceStatsQuery,
} from '../../../contracts/service-record';
import type { RequestContext } from '../../context';
import { readDb } from '../../db/read-db';
import { centres, rectifications, regions, serviceRatings, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { invalidField } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { centreHasOperated } from '../centre';

type Figures = TServiceStats['totals'];

/** What the grouped queries add up for one centre (or the whole scope); rates and means come from these. */
interface Sums {
  total: number;
  open: number;
  completed: number;
  cancelled: number;
  responseSeconds: number;
  responded: number;
  completionSeconds: number;
  completedTimed: number;
  ratedCompleted: number;
  levels: Record<TRatingLevel, number>;
  openRectifications: number;
  overdueRectifications: number;
}

const OPEN_STATUSES = ['submitted', 'accepted', 'in_progress'] as const;
const DAY_MS = 86_400_000;
const county = alias(regions, 'county');
const city = alias(regions, 'city');

const int = (expr: SQL) => sql<number>`(${expr})::int`.mapWith(Number);
const seconds = (expr: SQL) => sql<number>`coalesce(${expr}, 0)::float8`.mapWith(Number);
/** Month of submission on the Beijing calendar (UTC+8 all year: China keeps no daylight saving time). */
const beijingMonth = sql<string>`to_char(timezone('UTC', ${serviceRecords.submittedAt}) + interval '8 hours', 'YYYY-MM')`;

/** Ratings per level, in RATING_LEVELS order (a record without a rating counts in none). */
const LEVEL_COUNTS = Object.fromEntries(
  RATING_LEVELS.map((level) => [level, int(sql`count(*) filter (where ${serviceRatings.level} = ${level})`)]),
) as Record<TRatingLevel, ReturnType<typeof int>>;

/** Response time is the enterprise's wait for acceptance; records staff enter start accepted (SPEC §2). */
const responded = sql`${serviceRecords.source} = 'enterprise' and ${serviceRecords.acceptedAt} is not null`;
const completedTimed = sql`${serviceRecords.status} = 'completed' and ${serviceRecords.completedAt} is not null`;

/**
 * 服务统计 (Art. 8: the platform's records are the basis of assessment). Volume, response and completion times,
 * satisfaction and rating rate per centre and for the caller's whole scope, computed by a few grouped queries over
 * the records submitted in [from, to] (Beijing days) — never by loading rows, so it stays fast at 1M records a year.
 * Satisfaction comes from stored ratings only; nobody enters it.
 */
export async function getServiceStats(ctx: RequestContext, q: TServiceStatsQuery): Promise<TServiceStats> {
  const user = requireAction(ctx.user, 'serviceStats.read');
  const db = readDb(ctx.deps);
  const today = beijingDay(ctx.deps.clock());
  const records = recordFilter(user, q, windowOf(q));

  const [byCentreRows, rectificationRows, categoryMonthRows] = await Promise.all([
    // One pass over the window's records and their ratings (at most one each): a rating counts in the window of its
    // record, so that rating rate = rated completed records / completed records.
    db
      .select({
        centreId: serviceRecords.centreId,
        total: int(sql`count(*)`),
        open: int(sql`count(*) filter (where ${inArray(serviceRecords.status, [...OPEN_STATUSES])})`),
        completed: int(sql`count(*) filter (where ${serviceRecords.status} = 'completed')`),
        cancelled: int(sql`count(*) filter (where ${serviceRecords.status} = 'cancelled')`),
        responseSeconds: seconds(
          sql`sum(extract(epoch from (${serviceRecords.acceptedAt} - ${serviceRecords.submittedAt}))) filter (where ${responded})`,
        ),
        responded: int(sql`count(*) filter (where ${responded})`),
        completionSeconds: seconds(
          sql`sum(extract(epoch from (${serviceRecords.completedAt} - ${serviceRecords.submittedAt}))) filter (where ${completedTimed})`,
        ),
        completedTimed: int(sql`count(*) filter (where ${completedTimed})`),
        ratedCompleted: int(sql`count(${serviceRatings.id}) filter (where ${serviceRecords.status} = 'completed')`),
        levels: LEVEL_COUNTS,
      })
      .from(serviceRecords)
      .leftJoin(serviceRatings, eq(serviceRatings.recordId, serviceRecords.id))
      .where(records)
      .groupBy(serviceRecords.centreId),
    // The rectification backlog is today's, whatever the window: what is still waiting for the centre or county.
    db
      .select({
        centreId: rectifications.centreId,
        open: int(sql`count(*)`),
        overdue: int(
          sql`count(*) filter (where ${rectifications.status} = 'open' and ${rectifications.dueOn} < ${today})`,
        ),
      })
      .from(rectifications)
      .where(
        and(
          inScope(user, q, {
            cityCode: rectifications.cityCode,
            countyCode: rectifications.countyCode,
            centreId: rectifications.centreId,
          }),
          inArray(rectifications.status, ['open', 'answered']),
        ),
      )
      .groupBy(rectifications.centreId),
    // Category by month: one more pass gives both the category ranking and the monthly series (22 × 12 rows a year).
    db
      .select({
        category: serviceRecords.category,
        month: beijingMonth,
        total: int(sql`count(*)`),
        completed: int(sql`count(*) filter (where ${serviceRecords.status} = 'completed')`),
      })
      .from(serviceRecords)
      .where(records)
      .groupBy(serviceRecords.category, beijingMonth),
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
  for (const { centreId, ...figures } of byCentreRows) Object.assign(sumsOf(centreId), figures);
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
    ...seriesOf(categoryMonthRows),
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

/** [start, end) instants of the Beijing days from … to, either end open. */
function windowOf(q: TServiceStatsQuery): { start: Date | null; end: Date | null } {
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
  return { start, end };
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

/**
 * Records in scope submitted in the window. The conditions fit the indexes: city or county code with submitted_at
 * (service_records_city_idx, _county_idx), centre_id first (_centre_idx) for an operator or a park, submitted_at
 * alone (_submitted_idx) for the province.
 */
function recordFilter(user: SessionUser, q: TServiceStatsQuery, w: { start: Date | null; end: Date | null }): SQL {
  const conds: SQL[] = [
    inScope(user, q, {
      cityCode: serviceRecords.cityCode,
      countyCode: serviceRecords.countyCode,
      centreId: serviceRecords.centreId,
    }),
  ];
  if (w.start) conds.push(gte(serviceRecords.submittedAt, w.start));
  if (w.end) conds.push(lt(serviceRecords.submittedAt, w.end));
  return and(...conds) as SQL;
}

function emptySums(): Sums {
  return {
    total: 0,
    open: 0,
    completed: 0,
    cancelled: 0,
    responseSeconds: 0,
    responded: 0,
    completionSeconds: 0,
    completedTimed: 0,
    ratedCompleted: 0,
    levels: { very_satisfied: 0, satisfied: 0, basic: 0, dissatisfied: 0, very_dissatisfied: 0 },
    openRectifications: 0,
    overdueRectifications: 0,
  };
}

function addInto(into: Sums, s: Sums): void {
  for (const key of Object.keys(into) as (keyof Sums)[]) {
    if (key !== 'levels') into[key] += s[key];
  }
  for (const level of RATING_LEVELS) into.levels[level] += s.levels[level];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number, digits: number) => (whole > 0 ? round(part / whole, digits) : null);

/** Means in hours (one decimal), rates 0–1 (four decimals), the five-point mean score (two decimals). */
function figuresOf(s: Sums): Figures {
  const rated = RATING_LEVELS.reduce((n, level) => n + s.levels[level], 0);
  const bad = BAD_RATING_LEVELS.reduce((n, level) => n + s.levels[level], 0);
  const points = RATING_LEVELS.reduce((n, level) => n + RATING_SCORE[level] * s.levels[level], 0);
  return {
    total: s.total,
    open: s.open,
    completed: s.completed,
    cancelled: s.cancelled,
    avgResponseHours: ratio(s.responseSeconds / 3600, s.responded, 1),
    avgCompletionHours: ratio(s.completionSeconds / 3600, s.completedTimed, 1),
    ratingRate: ratio(s.ratedCompleted, s.completed, 4),
    satisfaction: {
      rated,
      distribution: { ...s.levels },
      // 好评 = 非常满意, 满意, 基本满意 (政务服务"好差评"): everything but the two levels that open a rectification.
      goodRate: ratio(rated - bad, rated, 4),
      averageScore: ratio(points, rated, 2),
    },
    openRectifications: s.openRectifications,
    overdueRectifications: s.overdueRectifications,
  };
}
