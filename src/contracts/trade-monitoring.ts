import { z } from 'zod';
import { ZIdText, ZPage, zListOf, zPageSize } from './common';
import { ZTradeDirection } from './trade';

/*
 * 贸易监测 (issue 13, Art. 5(十三), Art. 12): a year's imports and exports in the caller's scope, from the figures layer.
 * Amounts are integers: CNY in fen, USD in cents (the page shows 万元 / 万美元). Growth is a ratio (0.125 = +12.5 %),
 * null when the year before had nothing to compare with.
 */

export const ZTradeMonitoringQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  centreId: ZIdText.optional(),
  enterpriseId: ZIdText.optional(),
  direction: ZTradeDirection.optional(),
});
export type TTradeMonitoringQuery = z.infer<typeof ZTradeMonitoringQuery>;

const ZMoney = z.object({ cnyFen: z.number().int(), usdCent: z.number().int() });

export const ZTradeTotals = z.object({
  import: ZMoney,
  export: ZMoney,
  total: ZMoney,
  declarations: z.number().int(),
});
export type TTradeTotals = z.infer<typeof ZTradeTotals>;

export const ZTradeMonth = z.object({
  /** 'YYYY-MM' of the year shown */
  month: z.string(),
  importCnyFen: z.number().int(),
  exportCnyFen: z.number().int(),
  totalCnyFen: z.number().int(),
  totalUsdCent: z.number().int(),
  /** The same month of the year before. */
  previousCnyFen: z.number().int(),
  growth: z.number().nullable(),
});

/** One value of a breakdown; code 'other' gathers what is past the top 15. */
export const ZTradeBreakdownRow = z.object({
  code: z.string(),
  label: z.string(),
  importCnyFen: z.number().int(),
  exportCnyFen: z.number().int(),
  totalCnyFen: z.number().int(),
  totalUsdCent: z.number().int(),
  /** Share of the scope's total (CNY). */
  share: z.number(),
});
export type TTradeBreakdownRow = z.infer<typeof ZTradeBreakdownRow>;

export const ZTradeRegionRow = ZTradeBreakdownRow.extend({
  previousCnyFen: z.number().int(),
  growth: z.number().nullable(),
});

export const ZTradeCentreRow = z.object({
  centreId: z.number().int(),
  name: z.string(),
  /** Served enterprises (any service record at the centre) that traded in the year. */
  enterprises: z.number().int(),
  totalCnyFen: z.number().int(),
  totalUsdCent: z.number().int(),
  /** 新开口企业 of the year credited to this centre. */
  newlyTrading: z.number().int(),
});

export const ZNewlyTrading = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  firstOn: z.string(),
  centreId: z.number().int().nullable(),
  centreName: z.string().nullable(),
});

export type TNewlyTrading = z.infer<typeof ZNewlyTrading>;

/** Rows of 新开口企业 the monitoring answer carries, and the page size of the page's table. */
export const NEWLY_TRADING_PAGE_SIZE = 10;

/**
 * A page of the year's 新开口企业, with the monitoring page's filters. `direction` is accepted so the page can send
 * its query as it is, but does not narrow the list: an enterprise's first trade of the year counts in either
 * direction (as in the monitoring answer).
 */
export const ZNewlyTradingQuery = ZTradeMonitoringQuery.extend({
  page: ZPage,
  pageSize: zPageSize(NEWLY_TRADING_PAGE_SIZE, 100),
});
export type TNewlyTradingQuery = z.infer<typeof ZNewlyTradingQuery>;

export const ZNewlyTradingPage = zListOf(ZNewlyTrading);
export type TNewlyTradingPage = z.infer<typeof ZNewlyTradingPage>;

export const ZServedBeforeAfter = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  firstServedMonth: z.string(),
  beforeCnyFen: z.number().int(),
  afterCnyFen: z.number().int(),
  afterMonths: z.number().int(),
});

export const ZTradeMonitoring = z.object({
  year: z.number().int(),
  /** What the page shows per region: cities (province), counties (a city, or the province narrowed to a city). */
  regionLevel: z.enum(['city', 'county']).nullable(),
  /** The region the page is narrowed to (a county filter, else a city filter), for its heading. */
  regionName: z.string().nullable(),
  /** The centre whose served enterprises are shown (an operator, or a centre filter), else null. */
  centre: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  totals: ZTradeTotals,
  previousTotals: ZTradeTotals,
  growth: z.object({ import: z.number().nullable(), export: z.number().nullable(), total: z.number().nullable() }),
  months: z.array(ZTradeMonth),
  byCountry: z.array(ZTradeBreakdownRow),
  byTradeMode: z.array(ZTradeBreakdownRow),
  byHsChapter: z.array(ZTradeBreakdownRow),
  byRegion: z.array(ZTradeRegionRow),
  byCentre: z.array(ZTradeCentreRow),
  /**
   * The first page (NEWLY_TRADING_PAGE_SIZE rows, by first day then enterprise id) of the year's 新开口企业; the rest
   * from GET /api/trade/monitoring/newly-trading. The whole list made most of the province's answer (1,864 rows of
   * 327 KB at 10,000,000 lines) for a table that shows ten rows at a time (issue 13).
   */
  newlyTrading: z.array(ZNewlyTrading),
  /** How many 新开口企业 the year has in the scope (exact): the table's total. */
  newlyTradingTotal: z.number().int(),
  /** A centre's enterprises first served in the year: their trade in the 12 months before and the months after. */
  beforeAfter: z.array(ZServedBeforeAfter).nullable(),
});
export type TTradeMonitoring = z.infer<typeof ZTradeMonitoring>;
