import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import type { SessionUser } from '../../lib/access/session-user';

/*
 * Readers of the trade figures (decision 0026). Officials of the province, a city or a county read the region tables
 * (per county and month for totals, per county and year for breakdowns: a year of the province is a few thousand and
 * a few tens of thousands of rows); a park, a centre (its served enterprises),
 * an enterprise, or anyone narrowing to a centre or an enterprise read the per-enterprise tables. The caller's scope
 * always applies; the filters only narrow it.
 */

/** The caller and the narrowing filters of the monitoring route. */
export interface TradeFigureScope {
  user: SessionUser;
  cityCode?: string;
  countyCode?: string;
  centreId?: number;
  enterpriseId?: number;
  direction?: 'import' | 'export';
}

/** Whether the region table can answer: an official by region, not narrowed to enterprises. */
export function readsRegionTable(s: TradeFigureScope): boolean {
  return ['province', 'city', 'county'].includes(s.user.role) && !s.centreId && !s.enterpriseId;
}

const servedBy = (alias: string, centreId: number) =>
  sql`${sql.raw(alias)}.enterprise_id in (select enterprise_id from trade_served where centre_id = ${centreId})`;

/** Scope + filters on a per-enterprise row (alias a: enterprise_id, city_code, county_code, park_id, direction). */
export function enterpriseRowScope(s: TradeFigureScope, alias: string): SQL {
  const conds = enterpriseRowConds(s, alias);
  return conds.length ? sql.join(conds, sql` and `) : sql`true`;
}

/** The conditions of enterpriseRowScope; none for the whole province unfiltered. */
function enterpriseRowConds(s: TradeFigureScope, alias: string, drivenBy?: number): SQL[] {
  const a = (c: string) => sql.raw(`${alias}.${c}`);
  const u = s.user;
  const conds: SQL[] = [];
  switch (u.role) {
    case 'province':
      break;
    case 'city':
      conds.push(u.regionCode ? sql`${a('city_code')} = ${u.regionCode}` : sql`false`);
      break;
    case 'county':
      conds.push(u.regionCode ? sql`${a('county_code')} = ${u.regionCode}` : sql`false`);
      break;
    case 'park':
      conds.push(u.parkId ? sql`${a('park_id')} = ${u.parkId}` : sql`false`);
      break;
    case 'operator':
      // Rows read per served enterprise of this very centre (perEnterprise) need not be checked again.
      if (!u.centreId || u.centreId !== drivenBy) conds.push(u.centreId ? servedBy(alias, u.centreId) : sql`false`);
      break;
    case 'enterprise':
      conds.push(u.enterpriseId ? sql`${a('enterprise_id')} = ${u.enterpriseId}` : sql`false`);
      break;
    default:
      conds.push(sql`false`);
  }
  if (s.cityCode) conds.push(sql`${a('city_code')} = ${s.cityCode}`);
  if (s.countyCode) conds.push(sql`${a('county_code')} = ${s.countyCode}`);
  if (s.centreId && s.centreId !== drivenBy) conds.push(servedBy(alias, s.centreId));
  if (s.enterpriseId) conds.push(sql`${a('enterprise_id')} = ${s.enterpriseId}`);
  if (s.direction) conds.push(sql`${a('direction')} = ${s.direction}`);
  return conds;
}

/** Scope + filters on a region row (alias: county_code, city_code, direction); officials only. */
function regionRowScope(s: TradeFigureScope, alias: string): SQL {
  const a = (c: string) => sql.raw(`${alias}.${c}`);
  const u = s.user;
  const conds: SQL[] = [];
  if (u.role === 'city') conds.push(u.regionCode ? sql`${a('city_code')} = ${u.regionCode}` : sql`false`);
  else if (u.role === 'county') conds.push(u.regionCode ? sql`${a('county_code')} = ${u.regionCode}` : sql`false`);
  else if (u.role !== 'province') conds.push(sql`false`);
  if (s.cityCode) conds.push(sql`${a('city_code')} = ${s.cityCode}`);
  if (s.countyCode) conds.push(sql`${a('county_code')} = ${s.countyCode}`);
  if (s.direction) conds.push(sql`${a('direction')} = ${s.direction}`);
  return conds.length ? sql.join(conds, sql` and `) : sql`true`;
}

/** enterpriseRowScope for rows read by perEnterprise: the driving centre's own condition is its join already. */
function drivenScope(s: TradeFigureScope, alias: string): SQL {
  const conds = enterpriseRowConds(s, alias, centreOfScope(s));
  return conds.length ? sql.join(conds, sql` and `) : sql`true`;
}

/** The centre whose served enterprises the scope is narrowed to: a centre filter, else an operator's own centre. */
const centreOfScope = (s: TradeFigureScope): number | undefined =>
  s.centreId ?? (s.user.role === 'operator' ? (s.user.centreId ?? undefined) : undefined);

/**
 * `from` and `where` for the rows of a per-enterprise table matching `where` (on `alias`); the caller goes on with `and`. Narrowed to a centre, the rows are
 * read per served enterprise (a probe of the table's key, which starts with the enterprise): at 10,000,000 lines the
 * planner otherwise scanned two years of trade_figures_month (870,000 rows, 9,000 pages) for a centre's 521
 * enterprises (150 ms → a few ms). The caller applies the rest of the scope on top (drivenScope).
 */
function perEnterprise(s: TradeFigureScope, table: string, alias: string, where: SQL): SQL {
  const centre = centreOfScope(s);
  const t = sql.raw(`${table} ${alias}`);
  const a = sql.raw(alias);
  return centre === undefined
    ? sql`${t} where ${where}`
    : sql`trade_served v cross join lateral (select ${a}.* from ${t}
        where ${a}.enterprise_id = v.enterprise_id and ${where} offset 0) ${a}
        where v.centre_id = ${centre}`;
}

/** One figure: declarations (or lines, for HS chapters), CNY fen, USD cents. */
export interface TradeSums {
  items: number;
  cnyFen: number;
  usdCent: number;
}

export interface TradeMonthRow extends TradeSums {
  month: string;
  direction: 'import' | 'export';
}
export interface TradeDimRow extends TradeSums {
  dim: 'mode' | 'country' | 'chapter';
  value: string;
  direction: 'import' | 'export';
}
export interface TradeRegionRow extends TradeSums {
  code: string;
  year: number;
  direction: 'import' | 'export';
}
export interface TradeCentreRow extends TradeSums {
  centreId: number;
  enterprises: number;
  direction: 'import' | 'export';
}

const sums = (r: Record<string, unknown>): TradeSums => ({
  items: Number(r.items ?? 0),
  cnyFen: Number(r.cny_fen ?? 0),
  usdCent: Number(r.usd_cent ?? 0),
});

/**
 * A year's trade in the caller's scope: per month and direction for the year and the one before (growth), per
 * dimension value of the year, per city or county (`regionLevel`, officials) for both years, and per centre (its served
 * enterprises' trade in the scope; an enterprise served by two centres counts in each).
 */
export async function tradeYearFigures(
  db: Db,
  s: TradeFigureScope,
  year: number,
  regionLevel: 'city' | 'county' | null,
): Promise<{ months: TradeMonthRow[]; dims: TradeDimRow[]; regions: TradeRegionRow[]; centres: TradeCentreRow[] }> {
  const from = `${year - 1}-01`;
  const to = `${year}-12`;
  const region = readsRegionTable(s);
  const monthSql = region
    ? sql`select month, direction, sum(declarations)::bigint as items, sum(cny_fen)::bigint as cny_fen,
          sum(usd_cent)::bigint as usd_cent from trade_figures_region r
        where r.month between ${from} and ${to} and ${regionRowScope(s, 'r')}
        group by month, direction`
    : sql`select month, direction, sum(declarations)::bigint as items, sum(cny_fen)::bigint as cny_fen,
          sum(usd_cent)::bigint as usd_cent from ${perEnterprise(
            s,
            'trade_figures_month',
            't',
            sql`t.month between ${from} and ${to}`,
          )}
          and ${drivenScope(s, 't')}
        group by month, direction`;
  const dimSql = region
    ? sql`select dim, value, direction, sum(items)::bigint as items, sum(cny_fen)::bigint as cny_fen,
          sum(usd_cent)::bigint as usd_cent from trade_figures_region_year r
        where r.year = ${year} and ${regionRowScope(s, 'r')}
        group by dim, value, direction`
    : sql`select dim, value, direction, sum(items)::bigint as items, sum(cny_fen)::bigint as cny_fen,
          sum(usd_cent)::bigint as usd_cent from ${perEnterprise(
            s,
            'trade_figures_enterprise_year',
            'y',
            sql`y.year = ${year}`,
          )}
          and ${drivenScope(s, 'y')}
        group by dim, value, direction`;
  const regionCol = regionLevel === 'city' ? 'city_code' : 'county_code';
  const regionSql =
    region && regionLevel
      ? sql`select ${sql.raw(regionCol)} as code, left(month, 4)::int as year, direction,
            sum(declarations)::bigint as items, sum(cny_fen)::bigint as cny_fen, sum(usd_cent)::bigint as usd_cent
          from trade_figures_region r
          where r.month between ${from} and ${to} and ${regionRowScope(s, 'r')}
          group by 1, 2, 3`
      : null;
  // count(*) counts enterprises: the table's key is (enterprise, year, direction) and trade_served's (enterprise,
  // centre), so a (centre, direction) group holds one row per enterprise — a hash aggregate, not count(distinct)'s
  // sort of the province's ~35,000 rows.
  const centreSql = sql`select v.centre_id, y.direction, count(*)::int as enterprises,
        sum(y.declarations)::bigint as items, sum(y.cny_fen)::bigint as cny_fen, sum(y.usd_cent)::bigint as usd_cent
      from trade_figures_enterprise_total y join trade_served v on v.enterprise_id = y.enterprise_id
      where y.year = ${year} and ${enterpriseRowScope(s, 'y')}
        ${s.centreId ? sql`and v.centre_id = ${s.centreId}` : sql``}
        ${s.user.role === 'operator' ? sql`and v.centre_id = ${s.user.centreId ?? 0}` : sql``}
      group by v.centre_id, y.direction`;
  // In turn, not in parallel: the monitoring reads them in one snapshot, on one connection (decision 0031).
  const months = await db.execute(monthSql);
  const dims = await db.execute(dimSql);
  const regions = regionSql ? await db.execute(regionSql) : null;
  const centres = await db.execute(centreSql);
  return {
    months: rowsOf<Record<string, unknown>>(months).map((r) => ({
      month: String(r.month),
      direction: r.direction as 'import' | 'export',
      ...sums(r),
    })),
    dims: rowsOf<Record<string, unknown>>(dims).map((r) => ({
      dim: r.dim as TradeDimRow['dim'],
      value: String(r.value).trim(),
      direction: r.direction as 'import' | 'export',
      ...sums(r),
    })),
    regions: regions
      ? rowsOf<Record<string, unknown>>(regions).map((r) => ({
          code: String(r.code),
          year: Number(r.year),
          direction: r.direction as 'import' | 'export',
          ...sums(r),
        }))
      : [],
    centres: rowsOf<Record<string, unknown>>(centres).map((r) => ({
      centreId: Number(r.centre_id),
      enterprises: Number(r.enterprises),
      direction: r.direction as 'import' | 'export',
      ...sums(r),
    })),
  };
}

export interface NewlyTradingEnterprise {
  enterpriseId: number;
  name: string;
  cityCode: string;
  countyCode: string;
  /** The enterprise's first declaration day of the year. */
  firstOn: string;
  /** The centre credited (Art. 12(一)): the one of its latest service record submitted on or before firstOn. */
  centreId: number | null;
  centreName: string | null;
}

/**
 * 新开口企业 of `year` (Art. 12(一)): enterprises in scope with a declaration in the year and none in the three calendar
 * years before it (an enterprise that last traded four years earlier is new again). Each is credited to the centre
 * that served it last before its first declaration of the year: the centre of its latest service record submitted
 * (Beijing time) on or before that day — the service closest to the decision to trade — or to none. `attributedTo`
 * keeps only those credited to that centre (the assessment's count, issue 14).
 */
export async function newlyTradingEnterprises(
  db: Db,
  s: TradeFigureScope,
  year: number,
  opts: { attributedTo?: number } = {},
): Promise<NewlyTradingEnterprise[]> {
  const inScope = enterpriseRowConds({ ...s, direction: undefined }, 'y');
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with cand as (
        -- The enterprises with a row of the year in scope (a centre: a key probe per served enterprise) and none in
        -- the three years before, wherever those were declared (an anti join on the key's prefix); the first day is
        -- the enterprise's earliest of the year in either direction.
        select t.enterprise_id, min(t.first_on) as first_on
        from trade_figures_enterprise_total t
        where t.year = ${year}
          ${
            inScope.length
              ? sql`and t.enterprise_id in (select y.enterprise_id from trade_figures_enterprise_total y
                  where y.year = ${year} and ${sql.join(inScope, sql` and `)})`
              : sql``
          }
          and not exists (select 1 from trade_figures_enterprise_total p
            where p.enterprise_id = t.enterprise_id and p.year between ${year - 3} and ${year - 1})
        group by t.enterprise_id
      )
      select c.enterprise_id, c.first_on::text as first_on, e.name, e.city_code, e.county_code, a.centre_id,
        ce.name as centre_name
      from cand c join enterprises e on e.id = c.enterprise_id
      left join lateral (
        select r.centre_id from service_records r
        where r.enterprise_id = c.enterprise_id
          and r.submitted_at < ((c.first_on + 1)::timestamp - interval '8 hours') at time zone 'UTC'
        order by r.submitted_at desc, r.id desc limit 1
      ) a on true
      left join centres ce on ce.id = a.centre_id
      ${opts.attributedTo ? sql`where a.centre_id = ${opts.attributedTo}` : sql``}
      order by c.first_on, c.enterprise_id`),
  );
  return rows.map((r) => ({
    enterpriseId: Number(r.enterprise_id),
    name: String(r.name),
    cityCode: String(r.city_code),
    countyCode: String(r.county_code),
    firstOn: String(r.first_on),
    centreId: r.centre_id === null || r.centre_id === undefined ? null : Number(r.centre_id),
    centreName: (r.centre_name as string | null) ?? null,
  }));
}

export interface ServedBeforeAfter {
  enterpriseId: number;
  name: string;
  /** Beijing month of the enterprise's first service record at the centre, 'YYYY-MM'. */
  firstServedMonth: string;
  /** The 12 whole months before that month. */
  before: { cnyFen: number; usdCent: number };
  /** The months after it, up to 12, that have ended by `today`. */
  after: { cnyFen: number; usdCent: number };
  afterMonths: number;
}

/**
 * A centre's served enterprises' trade before and after (Art. 12: the centre's effect on its enterprises). The cohort
 * is the enterprises first served at the centre (any service record there, as its trade scope counts them) in
 * `year`, Beijing time. For each: "before" is the 12 calendar months before the month of that first service, "after"
 * the calendar months after it, up to 12, that have ended by `today`; the month of the first service itself is in
 * neither (part of it is before, part after). Imports and exports together, CNY and USD.
 */
export async function servedTradeBeforeAfter(
  db: Db,
  opts: { centreId: number; year: number; today: string },
): Promise<ServedBeforeAfter[]> {
  const thisMonth = opts.today.slice(0, 7);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with cohort as (
        select s.enterprise_id, to_char(timezone('UTC', s.first_served_at) + interval '8 hours', 'YYYY-MM') as m0
        from trade_served s where s.centre_id = ${opts.centreId}
      ), b as materialized (
        -- Bounds computed once per enterprise and typed as the month column (char(7)), so that they bound the
        -- key's range scan instead of being recomputed and compared as text on every month row (73 → ms at 521
        -- served enterprises, 10,000,000 lines).
        select c.enterprise_id, c.m0::char(7) as m0,
          to_char(to_date(c.m0, 'YYYY-MM') - interval '12 months', 'YYYY-MM')::char(7) as b0,
          to_char(to_date(c.m0, 'YYYY-MM') + interval '12 months', 'YYYY-MM')::char(7) as a12
        from cohort c where left(c.m0, 4) = ${String(opts.year)}
      )
      select b.enterprise_id, e.name, b.m0,
        coalesce(sum(t.cny_fen) filter (where t.month < b.m0), 0)::bigint as before_cny,
        coalesce(sum(t.usd_cent) filter (where t.month < b.m0), 0)::bigint as before_usd,
        coalesce(sum(t.cny_fen) filter (where t.month > b.m0), 0)::bigint as after_cny,
        coalesce(sum(t.usd_cent) filter (where t.month > b.m0), 0)::bigint as after_usd,
        greatest(0, least(12, (extract(year from to_date(${thisMonth}, 'YYYY-MM')) * 12
          + extract(month from to_date(${thisMonth}, 'YYYY-MM'))
          - extract(year from to_date(b.m0, 'YYYY-MM')) * 12 - extract(month from to_date(b.m0, 'YYYY-MM')) - 1)))::int
          as after_months
      from b join enterprises e on e.id = b.enterprise_id
      left join trade_figures_month t on t.enterprise_id = b.enterprise_id and t.month >= b.b0 and t.month <= b.a12
        and t.month <> b.m0 and t.month < ${thisMonth}
      group by b.enterprise_id, e.name, b.m0
      order by b.m0, b.enterprise_id`),
  );
  return rows.map((r) => ({
    enterpriseId: Number(r.enterprise_id),
    name: String(r.name),
    firstServedMonth: String(r.m0),
    before: { cnyFen: Number(r.before_cny), usdCent: Number(r.before_usd) },
    after: { cnyFen: Number(r.after_cny), usdCent: Number(r.after_usd) },
    afterMonths: Number(r.after_months),
  }));
}

/** The whole province, for the platform's own readers (the assessment, issue 14) that act for no user. */
const WHOLE_PROVINCE: SessionUser = {
  id: 0,
  username: 'system',
  displayName: '系统',
  role: 'province',
  regionCode: '420000',
  parkId: null,
  centreId: null,
  enterpriseId: null,
  evaluatorId: null,
  locale: 'zh-CN',
  isDemo: false,
  sessionTokenHash: '',
};

/** 新开口企业 of `year` credited to a centre (Art. 12(一)): what the centre's assessment counts. */
export function newlyTradingCreditedTo(db: Db, centreId: number, year: number): Promise<NewlyTradingEnterprise[]> {
  return newlyTradingEnterprises(db, { user: WHOLE_PROVINCE }, year, { attributedTo: centreId });
}

/**
 * Every 新开口企业 of `year` in the province with the centre credited (or none), in one statement: the assessment's
 * count for all centres at once (issue 14), grouped by the caller.
 */
export function newlyTradingOfProvince(db: Db, year: number): Promise<NewlyTradingEnterprise[]> {
  return newlyTradingEnterprises(db, { user: WHOLE_PROVINCE }, year);
}
