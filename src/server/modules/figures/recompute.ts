import { type SQL, sql } from 'drizzle-orm';

/**
 * The figures recomputed from the raw rows: the one definition that rebuildFigures stores, checkFigures compares
 * with and the migration copied (0017, hand-written part). applyRecordDelta must move a record by exactly what its
 * row contributes here (record-facts.ts reads those contributions with the same expressions).
 *
 * Scope columns come from the record (copied from its centre at creation); min() keeps the key one row per centre
 * even if a centre's records ever disagreed.
 */
export const MONTH_COLUMNS = `centre_id, month, category, channel, status, city_code, county_code, park_id, records, rated,
  response_ms, responded, completion_ms, completed_timed, lv_very_satisfied, lv_satisfied, lv_basic, lv_dissatisfied,
  lv_very_dissatisfied`;

/** Beijing month of submission (UTC+8 all year: China keeps no daylight saving time). */
export const BEIJING_MONTH_SQL = `to_char(timezone('UTC', r.submitted_at) + interval '8 hours', 'YYYY-MM')`;
/** Response time is the enterprise's wait for acceptance; records staff enter start accepted (SPEC §2). */
export const RESPONDED_SQL = `r.source = 'enterprise' and r.accepted_at is not null`;
export const COMPLETED_TIMED_SQL = `r.status = 'completed' and r.completed_at is not null`;
export const RESPONSE_MS_SQL = `round(extract(epoch from (r.accepted_at - r.submitted_at)) * 1000)::bigint`;
export const COMPLETION_MS_SQL = `round(extract(epoch from (r.completed_at - r.submitted_at)) * 1000)::bigint`;

/**
 * Month rows recomputed from `source` (the records table, or a subquery of it: rows aliased r). Measures in the
 * month table's column order after the key.
 */
export function recomputeMonth(source: SQL = sql.raw('service_records')): SQL {
  return sql`
  select r.centre_id, ${raw(BEIJING_MONTH_SQL)} as month, r.category, r.channel, r.status,
    min(r.city_code) as city_code, min(r.county_code) as county_code, min(r.park_id) as park_id,
    count(*)::int as records, count(g.id)::int as rated,
    coalesce(sum(${raw(RESPONSE_MS_SQL)}) filter (where ${raw(RESPONDED_SQL)}), 0)::bigint as response_ms,
    (count(*) filter (where ${raw(RESPONDED_SQL)}))::int as responded,
    coalesce(sum(${raw(COMPLETION_MS_SQL)}) filter (where ${raw(COMPLETED_TIMED_SQL)}), 0)::bigint as completion_ms,
    (count(*) filter (where ${raw(COMPLETED_TIMED_SQL)}))::int as completed_timed,
    (count(*) filter (where g.level = 'very_satisfied'))::int as lv_very_satisfied,
    (count(*) filter (where g.level = 'satisfied'))::int as lv_satisfied,
    (count(*) filter (where g.level = 'basic'))::int as lv_basic,
    (count(*) filter (where g.level = 'dissatisfied'))::int as lv_dissatisfied,
    (count(*) filter (where g.level = 'very_dissatisfied'))::int as lv_very_dissatisfied
  from ${source} r left join service_ratings g on g.record_id = r.id
  group by r.centre_id, ${raw(BEIJING_MONTH_SQL)}, r.category, r.channel, r.status`;
}

export const STATUS_COLUMNS = `centre_id, month, status, city_code, county_code, park_id, records, rated, response_ms,
  responded, completion_ms, completed_timed, lv_very_satisfied, lv_satisfied, lv_basic, lv_dissatisfied,
  lv_very_dissatisfied`;

const STATUS_SUMS = `min(city_code) as city_code, min(county_code) as county_code, min(park_id) as park_id,
    sum(records)::int as records, sum(rated)::int as rated, sum(response_ms)::bigint as response_ms,
    sum(responded)::int as responded, sum(completion_ms)::bigint as completion_ms,
    sum(completed_timed)::int as completed_timed, sum(lv_very_satisfied)::int as lv_very_satisfied,
    sum(lv_satisfied)::int as lv_satisfied, sum(lv_basic)::int as lv_basic, sum(lv_dissatisfied)::int as lv_dissatisfied,
    sum(lv_very_dissatisfied)::int as lv_very_dissatisfied`;

/** The status table is the month table summed over categories and channels (for the rebuild). */
export const STATUS_FROM_MONTH_SQL = `
  select centre_id, month, status, ${STATUS_SUMS}
  from service_figures_month group by centre_id, month, status`;

/**
 * Status rows recomputed from the raw rows, for the check: the month recomputation (not the stored month table it
 * also checks) summed over categories and channels.
 */
export function recomputeStatus(): SQL {
  return sql`select centre_id, month, status, ${raw(STATUS_SUMS)} from (${recomputeMonth()}) m
  group by centre_id, month, status`;
}

export const CENTRE_COLUMNS = 'centre_id, status, city_code, county_code, park_id, records, rated';

/** The all-time table is the month table summed over months, categories and channels. */
export const CENTRE_FROM_MONTH_SQL = `
  select centre_id, status, min(city_code) as city_code, min(county_code) as county_code, min(park_id) as park_id,
    sum(records)::bigint as records, sum(rated)::bigint as rated
  from service_figures_month group by centre_id, status`;

/** Straight from the raw rows, for the check (which must not trust the month table it also checks). */
export const CENTRE_RECOMPUTE_SQL = `
  select r.centre_id, r.status, min(r.city_code) as city_code, min(r.county_code) as county_code,
    min(r.park_id) as park_id, count(*)::bigint as records, count(g.id)::bigint as rated
  from service_records r left join service_ratings g on g.record_id = r.id
  group by r.centre_id, r.status`;

export const ENTERPRISE_COLUMNS = 'centre_id, year, enterprise_id, city_code, county_code, park_id, records';
/** Beijing year of submission. */
export const BEIJING_YEAR_SQL = `extract(year from timezone('UTC', r.submitted_at) + interval '8 hours')::int`;

/** Per centre, year and enterprise: its records that are not cancelled (issue 14), straight from the raw rows. */
export const ENTERPRISE_RECOMPUTE_SQL = `
  select r.centre_id, ${BEIJING_YEAR_SQL} as year, r.enterprise_id, min(r.city_code) as city_code,
    min(r.county_code) as county_code, min(r.park_id) as park_id,
    (count(*) filter (where r.status <> 'cancelled'))::bigint as records
  from service_records r
  group by r.centre_id, ${BEIJING_YEAR_SQL}, r.enterprise_id
  having count(*) filter (where r.status <> 'cancelled') > 0`;

export const MONTH_KEY = ['centre_id', 'month', 'category', 'channel', 'status'] as const;
export const MONTH_MEASURES = [
  'records',
  'rated',
  'response_ms',
  'responded',
  'completion_ms',
  'completed_timed',
  'lv_very_satisfied',
  'lv_satisfied',
  'lv_basic',
  'lv_dissatisfied',
  'lv_very_dissatisfied',
] as const;
export const STATUS_KEY = ['centre_id', 'month', 'status'] as const;
export const CENTRE_KEY = ['centre_id', 'status'] as const;
export const CENTRE_MEASURES = ['records', 'rated'] as const;
export const ENTERPRISE_KEY = ['centre_id', 'year', 'enterprise_id'] as const;
export const ENTERPRISE_MEASURES = ['records'] as const;

export const raw = (text: string) => sql.raw(text);
