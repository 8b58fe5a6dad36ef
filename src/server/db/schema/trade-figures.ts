import {
  bigint,
  char,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';

/*
 * Trade figures (issue 13, decision 0026): rollups of the customs declarations that the monitoring page, its export
 * and the assessment (issue 14) read instead of the declarations and their lines. Moved in the transaction that
 * writes the declarations (modules/figures addTradeFigures), rebuilt and checked from the raw rows by
 * `npm run figures:check`. Amounts in integer fen / US cents (bigint), never floating point.
 *
 * "dim" rows: each declaration counts once under 'mode' (its trade mode) and once under 'country'; each of its lines
 * counts once under 'chapter' (HS chapter of the line). So the sum over one dim is the whole: totals read dim 'mode'.
 */

/** Per enterprise, month and direction: series, centres' served enterprises, before/after. Distributed by enterprise. */
export const tradeFiguresMonth = pgTable(
  'trade_figures_month',
  {
    enterpriseId: integer('enterprise_id').notNull(),
    /** 'YYYY-MM' of declared_on */
    month: char('month', { length: 7 }).notNull(),
    direction: text('direction').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    parkId: integer('park_id'),
    declarations: integer('declarations').notNull().default(0),
    cnyFen: bigint('cny_fen', { mode: 'number' }).notNull().default(0),
    usdCent: bigint('usd_cent', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.enterpriseId, t.month, t.direction] }),
    index('trade_figures_month_park_idx').on(t.parkId, t.month),
  ],
);

/**
 * Per enterprise, year, direction and dimension value: the breakdowns of a park, a centre's served enterprises or one
 * enterprise, and the year's first declaration day (新开口企业, Art. 12(一)). Distributed by enterprise.
 */
export const tradeFiguresEnterpriseYear = pgTable(
  'trade_figures_enterprise_year',
  {
    enterpriseId: integer('enterprise_id').notNull(),
    year: smallint('year').notNull(),
    direction: text('direction').notNull(),
    /** 'mode' | 'country' | 'chapter' */
    dim: text('dim').notNull(),
    value: varchar('value', { length: 4 }).notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    parkId: integer('park_id'),
    /** Declarations ('mode', 'country') or lines ('chapter'). */
    items: integer('items').notNull().default(0),
    cnyFen: bigint('cny_fen', { mode: 'number' }).notNull().default(0),
    usdCent: bigint('usd_cent', { mode: 'number' }).notNull().default(0),
    /** Earliest declared_on of the row's declarations (rows only grow, so least() keeps it exact). */
    firstOn: date('first_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.enterpriseId, t.year, t.direction, t.dim, t.value] }),
    // No index on the year alone: with one, the planner scanned the whole year (170,000 rows at 1,000,000 lines) for a
    // centre's 150 enterprises instead of probing the key per enterprise (440 ms → 40–80 ms).
    index('trade_figures_enterprise_year_park_idx').on(t.parkId, t.year),
  ],
);

/**
 * Per enterprise, year and direction: the enterprise's whole year, one small row — 新开口企业 (Art. 12(一): traded this
 * year, not in the three before) and the per-centre totals read these tens of thousands of rows instead of the
 * per-value rows above. Distributed by enterprise.
 */
export const tradeFiguresEnterpriseTotal = pgTable(
  'trade_figures_enterprise_total',
  {
    enterpriseId: integer('enterprise_id').notNull(),
    year: smallint('year').notNull(),
    direction: text('direction').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    parkId: integer('park_id'),
    declarations: integer('declarations').notNull().default(0),
    cnyFen: bigint('cny_fen', { mode: 'number' }).notNull().default(0),
    usdCent: bigint('usd_cent', { mode: 'number' }).notNull().default(0),
    /** The enterprise's first declaration day of the year in that direction. */
    firstOn: date('first_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.enterpriseId, t.year, t.direction] }),
    // A year of a city or a county (新开口's candidates, the per-centre totals in a region): at 10,000,000 lines a
    // county's per-centre totals read 1,206 → 175 pages (15 → 3 ms). The (year, city_code) index also serves the
    // province's year, so the index on the year alone is gone (one index fewer for every intake to keep).
    index('trade_figures_enterprise_total_year_city_idx').on(t.year, t.cityCode),
    index('trade_figures_enterprise_total_year_county_idx').on(t.year, t.countyCode),
  ],
);

/**
 * Per county, month and direction: the province's, a city's and a county's totals, months, cities and counties — a
 * few thousand rows for three years whatever the number of declarations. Distributed by county (or a reference table).
 */
export const tradeFiguresRegion = pgTable(
  'trade_figures_region',
  {
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    month: char('month', { length: 7 }).notNull(),
    direction: text('direction').notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    declarations: integer('declarations').notNull().default(0),
    cnyFen: bigint('cny_fen', { mode: 'number' }).notNull().default(0),
    usdCent: bigint('usd_cent', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.month, t.direction] }),
    index('trade_figures_region_city_idx').on(t.cityCode, t.month),
    index('trade_figures_region_month_idx').on(t.month),
  ],
);

/**
 * Per county, year, direction and dimension value ('mode', 'country', 'chapter'): the officials' breakdowns. A year of
 * the province is some tens of thousands of rows (counties × values), read per year, not per month.
 */
export const tradeFiguresRegionYear = pgTable(
  'trade_figures_region_year',
  {
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    year: smallint('year').notNull(),
    direction: text('direction').notNull(),
    dim: text('dim').notNull(),
    value: varchar('value', { length: 4 }).notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    items: integer('items').notNull().default(0),
    cnyFen: bigint('cny_fen', { mode: 'number' }).notNull().default(0),
    usdCent: bigint('usd_cent', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.year, t.direction, t.dim, t.value] }),
    index('trade_figures_region_year_city_idx').on(t.cityCode, t.year),
    index('trade_figures_region_year_year_idx').on(t.year),
  ],
);

/**
 * Which centre has served which enterprise (any service record there, as tradeEnterpriseScope reads it) and when
 * first: a centre's served enterprises and their trade before and after (Art. 12). Kept by createService; rebuilt and
 * checked from service_records. Distributed by enterprise (colocated with the trade rollups).
 */
export const tradeServed = pgTable(
  'trade_served',
  {
    enterpriseId: integer('enterprise_id').notNull(),
    centreId: integer('centre_id').notNull(),
    firstServedAt: timestamp('first_served_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.centreId] }), index('trade_served_centre_idx').on(t.centreId)],
);

/**
 * The data version of a family of figures (decision 0031): one row per name ('trade'), incremented in the same
 * transaction as every change that can change a monitoring answer — an intake's figures, a centre's first service to
 * an enterprise, a rebuild. An answer cached under version v is exactly what a read at v gives, so a cache keyed by it
 * is never stale, and every app instance agrees on it without talking to the others.
 */
export const figuresVersions = pgTable('figures_versions', {
  name: text('name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
