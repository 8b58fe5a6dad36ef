import { and, type Column, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { TServiceRecordListQuery, TServiceStatus } from '../../../contracts/service-record';
import { type Db, rowsOf } from '../../db/client';
import {
  serviceFiguresCentre,
  serviceFiguresMonth,
  serviceFiguresStatus,
  serviceRatings,
  serviceRecords,
} from '../../db/schema';
import { centreRecordScope, ratingScope, serviceRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { beijingDay } from '../../policy/policy';
import { emptySums, GOOD_LEVELS, OPEN_STATUSES, type Sums } from './definitions';
import { raw, recomputeMonth } from './recompute';
import { addDays, beijingDayStart, isWholeMonths, splitWindow } from './window';

/** The caller's scope narrowed (never widened) by a city, a county, a centre. */
export interface FigureFilter {
  cityCode?: string;
  countyCode?: string;
  centreId?: number;
}

type ScopeCols = { cityCode: Column; countyCode: Column; centreId: Column; parkId?: Column };

function scoped(user: SessionUser, f: FigureFilter, cols: ScopeCols): SQL[] {
  const conds: SQL[] = [centreRecordScope(user, cols)];
  if (f.cityCode) conds.push(eq(cols.cityCode, f.cityCode));
  if (f.countyCode) conds.push(eq(cols.countyCode, f.countyCode));
  if (f.centreId) conds.push(eq(cols.centreId, f.centreId));
  return conds;
}

const M = serviceFiguresMonth;
const S = serviceFiguresStatus;
const C = serviceFiguresCentre;
const monthCols: ScopeCols = { cityCode: M.cityCode, countyCode: M.countyCode, centreId: M.centreId, parkId: M.parkId };
const statusCols: ScopeCols = {
  cityCode: S.cityCode,
  countyCode: S.countyCode,
  centreId: S.centreId,
  parkId: S.parkId,
};
const centreCols: ScopeCols = {
  cityCode: C.cityCode,
  countyCode: C.countyCode,
  centreId: C.centreId,
  parkId: C.parkId,
};
const recordCols: ScopeCols = {
  cityCode: serviceRecords.cityCode,
  countyCode: serviceRecords.countyCode,
  centreId: serviceRecords.centreId,
};

const MEASURE_COLS = `records, rated, response_ms, responded, completion_ms, completed_timed, lv_very_satisfied,
  lv_satisfied, lv_basic, lv_dissatisfied, lv_very_dissatisfied`;
const SOURCE_COLS = `centre_id, month, category, channel, status, ${MEASURE_COLS}`;
const STATUS_SOURCE_COLS = `centre_id, month, status, ${MEASURE_COLS}`;

/**
 * Month-shaped rows for the records in scope submitted in [from, to] (Beijing days): the month table for the whole
 * months (or the status table, without category and channel, when the caller needs neither: ~1/30 of the rows), a
 * recomputation of the raw rows (only those days) for a cut edge. Union of the two; callers group it.
 */
function windowSource(
  user: SessionUser,
  f: FigureFilter,
  from: string | null,
  to: string | null,
  today: string,
  byStatusOnly = false,
): SQL {
  const split = splitWindow(from, to, today);
  const parts: SQL[] = [];
  const cols = byStatusOnly ? STATUS_SOURCE_COLS : SOURCE_COLS;
  const T = byStatusOnly ? S : M;
  if (split.months) {
    const conds = scoped(user, f, byStatusOnly ? statusCols : monthCols);
    if (split.months.from) conds.push(gte(T.month, split.months.from));
    if (split.months.to) conds.push(lte(T.month, split.months.to));
    parts.push(sql`select ${raw(cols)} from ${T} where ${and(...conds)}`);
  }
  for (const edge of split.edges) {
    const conds = scoped(user, f, recordCols);
    conds.push(gte(serviceRecords.submittedAt, beijingDayStart(edge.from)));
    conds.push(lt(serviceRecords.submittedAt, beijingDayStart(addDays(edge.to, 1))));
    const records = sql`(select * from ${serviceRecords} where ${and(...conds)})`;
    parts.push(sql`select ${raw(cols)} from (${recomputeMonth(records)}) edge`);
  }
  if (parts.length === 0) return sql`select ${raw(cols)} from ${T} where false`;
  return sql.join(parts, sql` union all `);
}

const n = (v: unknown) => Number(v ?? 0);
const sumIf = (expr: string, cond: string) => `coalesce(sum(${expr}) filter (where ${cond}), 0)`;
const OPEN_SQL = `status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const GOOD_SQL = GOOD_LEVELS.map((l) => `lv_${l}`).join(' + ');

/**
 * 服务统计 (Art. 8) from the figures: per centre the sums the statistics are made of, and volume per category and
 * month, for the records in scope submitted in [from, to] (Beijing days, validated by the caller).
 */
export async function serviceWindowFigures(
  db: Db,
  user: SessionUser,
  f: FigureFilter,
  window: { from: string | null; to: string | null; today: string },
): Promise<{
  byCentre: Map<number, Sums>;
  byCategoryMonth: { category: string; month: string; total: number; completed: number }[];
}> {
  const src = windowSource(user, f, window.from, window.to, window.today);
  // The per-centre sums need no category or channel: the status table's rows.
  const byStatus = windowSource(user, f, window.from, window.to, window.today, true);
  const [centreRows, categoryRows] = await Promise.all([
    db.execute(sql`select centre_id, sum(records)::bigint as total,
        ${raw(sumIf('records', OPEN_SQL))}::bigint as open,
        ${raw(sumIf('records', "status = 'completed'"))}::bigint as completed,
        ${raw(sumIf('records', "status = 'cancelled'"))}::bigint as cancelled,
        sum(response_ms)::bigint as response_ms, sum(responded)::bigint as responded,
        sum(completion_ms)::bigint as completion_ms, sum(completed_timed)::bigint as completed_timed,
        ${raw(sumIf('rated', "status = 'completed'"))}::bigint as rated_completed,
        sum(lv_very_satisfied)::bigint as very_satisfied, sum(lv_satisfied)::bigint as satisfied,
        sum(lv_basic)::bigint as basic, sum(lv_dissatisfied)::bigint as dissatisfied,
        sum(lv_very_dissatisfied)::bigint as very_dissatisfied
      from (${byStatus}) s group by centre_id`),
    db.execute(sql`select category, month::text as month, sum(records)::bigint as total,
        ${raw(sumIf('records', "status = 'completed'"))}::bigint as completed
      from (${src}) s group by category, month`),
  ]);
  const byCentre = new Map<number, Sums>();
  for (const r of rowsOf<Record<string, unknown>>(centreRows)) {
    byCentre.set(Number(r.centre_id), {
      ...emptySums(),
      total: n(r.total),
      open: n(r.open),
      completed: n(r.completed),
      cancelled: n(r.cancelled),
      responseMs: n(r.response_ms),
      responded: n(r.responded),
      completionMs: n(r.completion_ms),
      completedTimed: n(r.completed_timed),
      ratedCompleted: n(r.rated_completed),
      levels: {
        very_satisfied: n(r.very_satisfied),
        satisfied: n(r.satisfied),
        basic: n(r.basic),
        dissatisfied: n(r.dissatisfied),
        very_dissatisfied: n(r.very_dissatisfied),
      },
    });
  }
  return {
    byCentre,
    byCategoryMonth: rowsOf<Record<string, unknown>>(categoryRows).map((r) => ({
      category: String(r.category),
      month: String(r.month),
      total: n(r.total),
      completed: n(r.completed),
    })),
  };
}

/**
 * A year's service records per city (or per county of one city) for the homes' overview: records, completed, the
 * completed ones rated and rated 好评 (GOOD_LEVELS, the statistics' definition). Whole months: the month table only.
 */
export async function regionServiceFigures(
  db: Db,
  user: SessionUser,
  year: number,
  by: { by: 'city' } | { by: 'county'; cityCode: string },
): Promise<{ code: string; services: number; completed: number; rated: number; good: number }[]> {
  // The status table (per centre, month and status): ~60 rows a centre a year, where the month table has ~1,700.
  const group = by.by === 'city' ? S.cityCode : S.countyCode;
  const conds = scoped(user, by.by === 'county' ? { cityCode: by.cityCode } : {}, statusCols);
  conds.push(gte(S.month, `${year}-01`), lte(S.month, `${year}-12`));
  const rows = await db
    .select({
      code: group,
      services: sql`sum(${S.records})`.mapWith(Number),
      completed: sql`${raw(sumIf('records', "status = 'completed'"))}`.mapWith(Number),
      rated: sql`${raw(sumIf('rated', "status = 'completed'"))}`.mapWith(Number),
      good: sql`${raw(sumIf(GOOD_SQL, "status = 'completed'"))}`.mapWith(Number),
    })
    .from(S)
    .where(and(...conds))
    .groupBy(group);
  return rows;
}

/**
 * Service records in the caller's scope in the given statuses, all time. The centre table answers for officials and
 * centres; an enterprise's own few records are counted on their index (the figures have no enterprise dimension).
 */
export async function serviceRecordCount(
  db: Db,
  user: SessionUser,
  statuses: readonly TServiceStatus[],
): Promise<number> {
  if (user.role === 'enterprise') {
    const [row] = await db
      .select({ n: sql`count(*)`.mapWith(Number) })
      .from(serviceRecords)
      .where(and(serviceRecordScope(user), inArray(serviceRecords.status, [...statuses])));
    return row?.n ?? 0;
  }
  const [row] = await db
    .select({ n: sql`coalesce(sum(${C.records}), 0)`.mapWith(Number) })
    .from(C)
    .where(and(...scoped(user, {}, centreCols), inArray(C.status, [...statuses])));
  return row?.n ?? 0;
}

/**
 * Completed and not rated (Art. 8: the centre may remind the enterprise): completed records minus the rated ones — a
 * completed record never changes status again and only a completed one is rated.
 */
export async function unratedCount(db: Db, user: SessionUser): Promise<number> {
  if (user.role === 'enterprise') {
    const [completed, rated] = await Promise.all([
      serviceRecordCount(db, user, ['completed']),
      db
        .select({ n: sql`count(*)`.mapWith(Number) })
        .from(serviceRatings)
        .where(ratingScope(user))
        .then(([r]) => r?.n ?? 0),
    ]);
    return Math.max(0, completed - rated);
  }
  const [row] = await db
    .select({ n: sql`coalesce(sum(${C.records} - ${C.rated}), 0)`.mapWith(Number) })
    .from(C)
    .where(and(...scoped(user, {}, centreCols), eq(C.status, 'completed')));
  return row?.n ?? 0;
}

/** SQL for a select from `centres`: the centre's open records (待受理, 已受理, 办理中), from the centre table. */
export function openRecordsOfCentre(centreId: Column): SQL<number> {
  return sql<number>`(select coalesce(sum(${C.records}), 0) from ${C}
    where ${C.centreId} = ${centreId} and ${inArray(C.status, [...OPEN_STATUSES])})::int`.mapWith(Number);
}

export type RecordTotalFilters = Pick<
  TServiceRecordListQuery,
  | 'centreId'
  | 'enterpriseId'
  | 'cityCode'
  | 'countyCode'
  | 'category'
  | 'status'
  | 'channel'
  | 'from'
  | 'to'
  | 'unrated'
  | 'q'
>;

/**
 * The exact total of the service records list (list-service-records) for filters the figures answer: the caller's
 * scope with any of status, category, channel, centre, city, county, unrated, and from/to when they are whole months
 * (`today`: a `to` on or after it counts as its month's end). Null when they cannot (free text, an enterprise, a
 * window that cuts a month, an enterprise's own list): the list then counts itself.
 */
export async function serviceRecordTotal(
  db: Db,
  user: SessionUser,
  filters: RecordTotalFilters,
  today: string = beijingDay(new Date()),
): Promise<number | null> {
  if (user.role === 'enterprise' || filters.q || filters.enterpriseId) return null;
  const windowed = !!(filters.from || filters.to);
  if (windowed && !isWholeMonths(filters.from, filters.to, today)) return null;
  const f = { cityCode: filters.cityCode, countyCode: filters.countyCode, centreId: filters.centreId };
  const unrated = filters.unrated === 'true';
  if (!windowed && !filters.category && !filters.channel) {
    const conds = scoped(user, f, centreCols);
    if (filters.status?.length) conds.push(inArray(C.status, filters.status));
    if (unrated) conds.push(eq(C.status, 'completed'));
    const [row] = await db
      .select({ n: sql`coalesce(sum(${unrated ? sql`${C.records} - ${C.rated}` : C.records}), 0)`.mapWith(Number) })
      .from(C)
      .where(and(...conds));
    return row?.n ?? 0;
  }
  // A window of months without category or channel: the status table (per centre, month and status) is enough.
  const T = filters.category || filters.channel ? M : S;
  const conds = scoped(user, f, T === M ? monthCols : statusCols);
  if (filters.status?.length) conds.push(inArray(T.status, filters.status));
  if (unrated) conds.push(eq(T.status, 'completed'));
  if (filters.category) conds.push(eq(M.category, filters.category));
  if (filters.channel) conds.push(eq(M.channel, filters.channel));
  const split = windowed ? splitWindow(filters.from, filters.to, today) : null;
  if (split?.months?.from) conds.push(gte(T.month, split.months.from));
  if (split?.months?.to) conds.push(lte(T.month, split.months.to));
  const [row] = await db
    .select({ n: sql`coalesce(sum(${unrated ? sql`${T.records} - ${T.rated}` : T.records}), 0)`.mapWith(Number) })
    .from(T)
    .where(and(...conds));
  return row?.n ?? 0;
}
