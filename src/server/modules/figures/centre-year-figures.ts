import { type SQL, sql } from 'drizzle-orm';
import { RATING_LEVELS, type TRatingLevel } from '../../../contracts/service-record';
import { type Db, rowsOf } from '../../db/client';
import { GOOD_LEVELS } from './definitions';
import { raw } from './recompute';

/*
 * A calendar year's figures per centre for many centres at once (issue 14, Art. 12(一)): what the annual assessment
 * computes its indicators from. Each reader is ONE statement whatever the number of centres, so that a cycle of 150
 * centres costs a fixed number of queries (target: ≤ 2 s at SPEC §6 size, bench T14_1). The year is Beijing time
 * throughout: service records by the Beijing month of submission (the month tables' key), days as stored (date
 * columns are Beijing days).
 */

/** `centre_id in (…)` on a column; the caller returns early for an empty list. */
const inCentres = (col: string, centreIds: readonly number[]): SQL =>
  sql`${raw(col)} in (${sql.join(
    centreIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;

const n = (v: unknown) => Number(v ?? 0);

/** A centre's service records of the year (cancelled ones left out), as the month table sums them. */
export interface CentreServiceYear {
  /** Records submitted in the year, not cancelled. */
  records: number;
  /** Of those, per service category (Art. 5's 22); only categories with a record. */
  byCategory: Map<string, number>;
  completed: number;
  /** Completed and rated. */
  ratedCompleted: number;
  levels: Record<TRatingLevel, number>;
  /** Rated 好评 (GOOD_LEVELS: 非常满意, 满意, 基本满意 — the one definition, decision 0019). */
  good: number;
  /** An enterprise's request accepted: accepted_at − submitted_at, summed (ms) and counted. */
  responseMs: number;
  responded: number;
  /** Completed with a completion time: completed_at − submitted_at, summed (ms) and counted. */
  completionMs: number;
  completedTimed: number;
}

export function emptyServiceYear(): CentreServiceYear {
  return {
    records: 0,
    byCategory: new Map(),
    completed: 0,
    ratedCompleted: 0,
    levels: { very_satisfied: 0, satisfied: 0, basic: 0, dissatisfied: 0, very_dissatisfied: 0 },
    good: 0,
    responseMs: 0,
    responded: 0,
    completionMs: 0,
    completedTimed: 0,
  };
}

/**
 * The year's service records per centre and category from service_figures_month (decision 0019), cancelled rows
 * left out (a cancelled record served nothing; its response time, if it had been accepted, is left out with it).
 * One grouped read of the centres' twelve months (the key starts with centre_id, month).
 */
export async function serviceYearByCentre(
  db: Db,
  year: number,
  centreIds: readonly number[],
): Promise<Map<number, CentreServiceYear>> {
  const out = new Map<number, CentreServiceYear>();
  if (centreIds.length === 0) return out;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select centre_id, category, sum(records)::bigint as records,
        coalesce(sum(records) filter (where status = 'completed'), 0)::bigint as completed,
        coalesce(sum(rated) filter (where status = 'completed'), 0)::bigint as rated_completed,
        sum(response_ms)::bigint as response_ms, sum(responded)::bigint as responded,
        sum(completion_ms)::bigint as completion_ms, sum(completed_timed)::bigint as completed_timed,
        ${raw(RATING_LEVELS.map((l) => `sum(lv_${l})::bigint as lv_${l}`).join(', '))}
      from service_figures_month
      where ${inCentres('centre_id', centreIds)} and month between ${`${year}-01`} and ${`${year}-12`}
        and status <> 'cancelled'
      group by centre_id, category`),
  );
  for (const r of rows) {
    const id = Number(r.centre_id);
    const c = out.get(id) ?? emptyServiceYear();
    const records = n(r.records);
    if (records > 0) c.byCategory.set(String(r.category), (c.byCategory.get(String(r.category)) ?? 0) + records);
    c.records += records;
    c.completed += n(r.completed);
    c.ratedCompleted += n(r.rated_completed);
    c.responseMs += n(r.response_ms);
    c.responded += n(r.responded);
    c.completionMs += n(r.completion_ms);
    c.completedTimed += n(r.completed_timed);
    for (const l of RATING_LEVELS) c.levels[l] += n(r[`lv_${l}`]);
    out.set(id, c);
  }
  for (const c of out.values()) c.good = GOOD_LEVELS.reduce((s, l) => s + c.levels[l], 0);
  return out;
}

/** The instant a Beijing calendar year starts. */
const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);

/**
 * Distinct enterprises with a service record at the centre submitted in the year (Beijing), cancelled ones left out:
 * the rows of service_figures_enterprise (centre, year, enterprise) that hold a record. The other rollups have no
 * enterprise dimension; counting distinct enterprises over a year of service_records instead took 3–5 s for 150
 * centres at 1,000,000 records (docs/performance.md, "Issue 14").
 */
export async function servedEnterpriseCounts(
  db: Db,
  year: number,
  centreIds: readonly number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (centreIds.length === 0) return out;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select centre_id, count(*)::int as enterprises
      from service_figures_enterprise
      where ${inCentres('centre_id', centreIds)} and year = ${year} and records > 0
      group by centre_id`),
  );
  for (const r of rows) out.set(Number(r.centre_id), n(r.enterprises));
  return out;
}

/**
 * 差评整改 of the year per centre (Art. 12(一), feedback): `due` = rectifications whose due day falls in the year and
 * whose outcome is known by `today` (the due day has passed, or it is closed already); `onTime` = of those, closed
 * by the county on an answer the centre gave on or before the due day (a reopened one's earlier answer is cleared, so
 * only the accepted answer counts). Counted from the rectifications table, which is small (one row per 差评), as the
 * other rectification figures are (rectification-figures.ts).
 */
export async function rectificationOnTime(
  db: Db,
  year: number,
  centreIds: readonly number[],
  today: string,
): Promise<Map<number, { due: number; onTime: number }>> {
  const out = new Map<number, { due: number; onTime: number }>();
  if (centreIds.length === 0) return out;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select centre_id, count(*)::int as due,
        (count(*) filter (where status = 'closed' and answered_on <= due_on))::int as on_time
      from rectifications
      where ${inCentres('centre_id', centreIds)} and due_on between ${`${year}-01-01`} and ${`${year}-12-31`}
        and (due_on < ${today} or status = 'closed')
      group by centre_id`),
  );
  for (const r of rows) out.set(Number(r.centre_id), { due: n(r.due), onTime: n(r.on_time) });
  return out;
}

/** A centre's activities held in a window. */
export interface CentreActivities {
  events: number;
  participants: number;
  /** Distinct enterprises taken to exhibitions (kind 'exhibition': 广交会, 跨境电商交易会, overseas and online fairs). */
  fairEnterprises: number;
}

/**
 * Activities per centre held at least partly in [from, to] (Beijing days) — the activity list's own window (start on
 * or before `to`, end on or after `from`), so the list opened with the same window shows exactly these. There is no
 * rollup of activities and none is needed: a centre holds tens a year (the province a few thousand), and this is one
 * grouped statement for all centres on the index (centre_id, start_on), whatever their number.
 */
export async function activityFigures(
  db: Db,
  centreIds: readonly number[],
  window: { from: string; to: string },
): Promise<Map<number, CentreActivities>> {
  const out = new Map<number, CentreActivities>();
  if (centreIds.length === 0) return out;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`with a as (
        select id, centre_id, kind, participant_count from activities
        where ${inCentres('centre_id', centreIds)} and start_on <= ${window.to} and end_on >= ${window.from}
      ), e as (
        select a.centre_id, count(distinct ae.enterprise_id)::int as fair_enterprises
        from a join activity_enterprises ae on ae.activity_id = a.id
        where a.kind = 'exhibition' group by a.centre_id
      )
      select a.centre_id, count(*)::int as events, coalesce(sum(a.participant_count), 0)::bigint as participants,
        coalesce(min(e.fair_enterprises), 0)::int as fair_enterprises
      from a left join e on e.centre_id = a.centre_id
      group by a.centre_id`),
  );
  for (const r of rows)
    out.set(Number(r.centre_id), {
      events: n(r.events),
      participants: n(r.participants),
      fairEnterprises: n(r.fair_enterprises),
    });
  return out;
}

/** Served enterprises' trade of a year and the year before, CNY fen (imports and exports together). */
export interface CentreServedTrade {
  /** Enterprises served by the centre by the end of the year (trade_served), whether they traded or not. */
  enterprises: number;
  thisYearFen: number;
  lastYearFen: number;
}

/**
 * The trade of the enterprises a centre had served by the end of `year` (Beijing) — decision 0026's served set,
 * `trade_served`: an enterprise is the centre's from its first service record there (any record; cancelling does not
 * take it back), the same enterprises the monitoring page and the declarations list show for the centre, cut at the
 * year's end so that services of a later year do not change a closed year's figure. For each centre the set's
 * imports + exports in `year` and in `year − 1` from trade_figures_enterprise_total (one row per enterprise, year and
 * direction): the same enterprises both years, so the growth is theirs and not that of a changing set. One statement.
 */
export async function servedTradeOfYear(
  db: Db,
  year: number,
  centreIds: readonly number[],
): Promise<Map<number, CentreServedTrade>> {
  const out = new Map<number, CentreServedTrade>();
  if (centreIds.length === 0) return out;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`with v as (
        select centre_id, enterprise_id from trade_served
        where ${inCentres('centre_id', centreIds)} and first_served_at < ${yearStart(year + 1)}
      ), t as (
        select v.centre_id,
          coalesce(sum(y.cny_fen) filter (where y.year = ${year}), 0)::bigint as this_fen,
          coalesce(sum(y.cny_fen) filter (where y.year = ${year - 1}), 0)::bigint as last_fen
        from v join trade_figures_enterprise_total y on y.enterprise_id = v.enterprise_id
          and y.year between ${year - 1} and ${year}
        group by v.centre_id
      ), c as (select centre_id, count(*)::int as enterprises from v group by centre_id)
      select c.centre_id, c.enterprises, coalesce(t.this_fen, 0)::text as this_fen,
        coalesce(t.last_fen, 0)::text as last_fen
      from c left join t on t.centre_id = c.centre_id`),
  );
  for (const r of rows)
    out.set(Number(r.centre_id), {
      enterprises: n(r.enterprises),
      thisYearFen: Number(r.this_fen),
      lastYearFen: Number(r.last_fen),
    });
  return out;
}
