import { type SQL, sql } from 'drizzle-orm';
import { raw } from './recompute';

/*
 * The trade figures recomputed from the raw declarations and lines (decision 0026): one definition that the delta of
 * an intake (addTradeFigures), the rebuild and the check all use, each with its own `source` — the declarations of
 * one intake, or all of them. Rows of one key are merged by the group by, so one statement never touches a row twice.
 */

export type TradeTable =
  | 'trade_figures_month'
  | 'trade_figures_enterprise_year'
  | 'trade_figures_enterprise_total'
  | 'trade_figures_region'
  | 'trade_figures_region_year'
  | 'trade_served';

export const TRADE_MONTH_COLUMNS =
  'enterprise_id, month, direction, city_code, county_code, park_id, declarations, cny_fen, usd_cent';
export const TRADE_MONTH_KEY = ['enterprise_id', 'month', 'direction'] as const;
export const TRADE_MONTH_MEASURES = ['declarations', 'cny_fen', 'usd_cent'] as const;

export const TRADE_YEAR_COLUMNS =
  'enterprise_id, year, direction, dim, value, city_code, county_code, park_id, items, cny_fen, usd_cent, first_on';
export const TRADE_YEAR_KEY = ['enterprise_id', 'year', 'direction', 'dim', 'value'] as const;
export const TRADE_YEAR_MEASURES = ['items', 'cny_fen', 'usd_cent', 'first_on'] as const;

export const TRADE_TOTAL_COLUMNS =
  'enterprise_id, year, direction, city_code, county_code, park_id, declarations, cny_fen, usd_cent, first_on';
export const TRADE_TOTAL_KEY = ['enterprise_id', 'year', 'direction'] as const;
export const TRADE_TOTAL_MEASURES = ['declarations', 'cny_fen', 'usd_cent', 'first_on'] as const;

export const TRADE_REGION_COLUMNS = 'county_code, month, direction, city_code, declarations, cny_fen, usd_cent';
export const TRADE_REGION_KEY = ['county_code', 'month', 'direction'] as const;
export const TRADE_REGION_MEASURES = ['declarations', 'cny_fen', 'usd_cent'] as const;

export const TRADE_REGION_YEAR_COLUMNS =
  'county_code, year, direction, dim, value, city_code, items, cny_fen, usd_cent';
export const TRADE_REGION_YEAR_KEY = ['county_code', 'year', 'direction', 'dim', 'value'] as const;
export const TRADE_REGION_YEAR_MEASURES = ['items', 'cny_fen', 'usd_cent'] as const;

export const TRADE_SERVED_COLUMNS = 'enterprise_id, centre_id, first_served_at';
export const TRADE_SERVED_KEY = ['enterprise_id', 'centre_id'] as const;
export const TRADE_SERVED_MEASURES = ['first_served_at'] as const;

/** `d` = the declarations counted (a subquery of trade_declarations). */
export function recomputeTradeMonth(d: SQL = raw('trade_declarations')): SQL {
  return sql`select d.enterprise_id, d.month, d.direction, min(d.city_code) as city_code,
      min(d.county_code) as county_code, min(d.park_id) as park_id, count(*)::int as declarations,
      sum(d.amount_cny_fen)::bigint as cny_fen, sum(d.amount_usd_cent)::bigint as usd_cent
    from ${d} d group by d.enterprise_id, d.month, d.direction`;
}

/**
 * The three dimensions as one row set per declaration ('mode', 'country') or line ('chapter'), with the key columns
 * of `level`: the enterprise and year, or the county and year.
 */
function dimensionRows(d: SQL, level: 'enterprise' | 'region'): SQL {
  const cols =
    level === 'enterprise'
      ? 'd.enterprise_id, left(d.month, 4)::smallint as year, d.direction, d.city_code, d.county_code, d.park_id, d.declared_on'
      : 'd.county_code, left(d.month, 4)::smallint as year, d.direction, d.city_code';
  return sql`
    select ${raw(cols)}, 'mode' as dim, d.trade_mode::varchar as value, d.amount_cny_fen as cny, d.amount_usd_cent as usd
      from ${d} d
    union all
    select ${raw(cols)}, 'country', d.country::varchar, d.amount_cny_fen, d.amount_usd_cent from ${d} d
    union all
    select ${raw(cols)}, 'chapter', l.hs_chapter::varchar, l.amount_cny_fen, l.amount_usd_cent
      from ${d} d join trade_declaration_lines l on l.declaration_id = d.id
`;
}

export function recomputeTradeEnterpriseYear(d: SQL = raw('trade_declarations')): SQL {
  return sql`select x.enterprise_id, x.year, x.direction, x.dim, x.value, min(x.city_code) as city_code,
      min(x.county_code) as county_code, min(x.park_id) as park_id, count(*)::int as items,
      sum(x.cny)::bigint as cny_fen, sum(x.usd)::bigint as usd_cent, min(x.declared_on) as first_on
    from (${dimensionRows(d, 'enterprise')}) x group by x.enterprise_id, x.year, x.direction, x.dim, x.value`;
}

export function recomputeTradeEnterpriseTotal(d: SQL = raw('trade_declarations')): SQL {
  return sql`select d.enterprise_id, left(d.month, 4)::smallint as year, d.direction, min(d.city_code) as city_code,
      min(d.county_code) as county_code, min(d.park_id) as park_id, count(*)::int as declarations,
      sum(d.amount_cny_fen)::bigint as cny_fen, sum(d.amount_usd_cent)::bigint as usd_cent, min(d.declared_on) as first_on
    from ${d} d group by d.enterprise_id, left(d.month, 4)::smallint, d.direction`;
}

export function recomputeTradeRegion(d: SQL = raw('trade_declarations')): SQL {
  return sql`select d.county_code, d.month, d.direction, min(d.city_code) as city_code, count(*)::int as declarations,
      sum(d.amount_cny_fen)::bigint as cny_fen, sum(d.amount_usd_cent)::bigint as usd_cent
    from ${d} d group by d.county_code, d.month, d.direction`;
}

export function recomputeTradeRegionYear(d: SQL = raw('trade_declarations')): SQL {
  return sql`select x.county_code, x.year, x.direction, x.dim, x.value, min(x.city_code) as city_code,
      count(*)::int as items, sum(x.cny)::bigint as cny_fen, sum(x.usd)::bigint as usd_cent
    from (${dimensionRows(d, 'region')}) x group by x.county_code, x.year, x.direction, x.dim, x.value`;
}

/** `r` = the service records counted. */
export function recomputeTradeServed(r: SQL = raw('service_records')): SQL {
  return sql`select r.enterprise_id, r.centre_id, min(r.submitted_at) as first_served_at
    from ${r} r group by r.enterprise_id, r.centre_id`;
}

/** Every trade table: its columns, key, measures, recomputation from all raw rows. */
export const TRADE_TABLES: {
  table: TradeTable;
  columns: string;
  key: readonly string[];
  measures: readonly string[];
  scope: readonly string[];
  recompute: () => SQL;
}[] = [
  {
    table: 'trade_figures_month',
    columns: TRADE_MONTH_COLUMNS,
    key: TRADE_MONTH_KEY,
    measures: TRADE_MONTH_MEASURES,
    scope: ['city_code', 'county_code', 'park_id'],
    recompute: () => recomputeTradeMonth(),
  },
  {
    table: 'trade_figures_enterprise_year',
    columns: TRADE_YEAR_COLUMNS,
    key: TRADE_YEAR_KEY,
    measures: TRADE_YEAR_MEASURES,
    scope: ['city_code', 'county_code', 'park_id'],
    recompute: () => recomputeTradeEnterpriseYear(),
  },
  {
    table: 'trade_figures_enterprise_total',
    columns: TRADE_TOTAL_COLUMNS,
    key: TRADE_TOTAL_KEY,
    measures: TRADE_TOTAL_MEASURES,
    scope: ['city_code', 'county_code', 'park_id'],
    recompute: () => recomputeTradeEnterpriseTotal(),
  },
  {
    table: 'trade_figures_region',
    columns: TRADE_REGION_COLUMNS,
    key: TRADE_REGION_KEY,
    measures: TRADE_REGION_MEASURES,
    scope: ['city_code'],
    recompute: () => recomputeTradeRegion(),
  },
  {
    table: 'trade_figures_region_year',
    columns: TRADE_REGION_YEAR_COLUMNS,
    key: TRADE_REGION_YEAR_KEY,
    measures: TRADE_REGION_YEAR_MEASURES,
    scope: ['city_code'],
    recompute: () => recomputeTradeRegionYear(),
  },
  {
    table: 'trade_served',
    columns: TRADE_SERVED_COLUMNS,
    key: TRADE_SERVED_KEY,
    measures: TRADE_SERVED_MEASURES,
    scope: [],
    recompute: () => recomputeTradeServed(),
  },
];
