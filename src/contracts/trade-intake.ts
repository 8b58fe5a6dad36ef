import { z } from 'zod';
import { ZDay, ZIdText, ZPageQuery } from './common';
import { ZTradeDeclarationInput, ZTradeDirection, ZTradeIntakeResult, ZTradeIssue, ZTradeSource } from './trade';

/*
 * 贸易数据的报送 (issue 13, Art. 5(十三)): the declaration file's template, the JSON bulk API, the monthly exchange
 * rates and the declarations list. The file's columns are named by their Chinese header (English aliases accepted):
 * one row per commodity line, the declaration's head columns repeated on each of its rows.
 */

/** The declaration file's columns: the header written in the template, the English alias, the input's field. */
export const TRADE_FILE_COLUMNS = [
  { header: '报关单号', alias: 'declarationNo', field: 'declarationNo', head: true },
  { header: '统一社会信用代码', alias: 'creditCode', field: 'enterpriseCreditCode', head: true },
  { header: '进出口', alias: 'direction', field: 'direction', head: true },
  { header: '申报日期', alias: 'declaredOn', field: 'declaredOn', head: true },
  { header: '贸易方式', alias: 'tradeMode', field: 'tradeMode', head: true },
  { header: '贸易国（地区）', alias: 'country', field: 'country', head: true },
  { header: '币制', alias: 'currency', field: 'currency', head: true },
  { header: '总价', alias: 'total', field: 'amount', head: true },
  { header: '订单号', alias: 'orderNo', field: 'orderNo', head: true },
  { header: '境外客户', alias: 'foreignCustomer', field: 'foreignCustomer', head: true },
  { header: '项号', alias: 'lineNo', field: 'lineNo', head: false },
  { header: '商品编号', alias: 'commodityCode', field: 'commodityCode', head: false },
  { header: '商品名称', alias: 'goodsName', field: 'goodsName', head: false },
  { header: '数量', alias: 'quantity', field: 'quantity', head: false },
  { header: '计量单位', alias: 'unit', field: 'unit', head: false },
  { header: '金额', alias: 'amount', field: 'lineAmount', head: false },
] as const;
/** Columns that may be left out of a file altogether. */
export const TRADE_FILE_OPTIONAL = ['orderNo', 'foreignCustomer', 'lineNo'] as const;
/** Data rows (commodity lines) one file may hold. */
export const TRADE_FILE_MAX_ROWS = 1_000_000;
/** Declarations one JSON bulk call may carry. */
export const TRADE_BULK_MAX = 5000;

export const ZTradeBulkRequest = z.object({
  declarations: z.array(ZTradeDeclarationInput).min(1).max(TRADE_BULK_MAX),
});
export type TTradeBulkRequest = z.infer<typeof ZTradeBulkRequest>;

/** A file import running in the background: progress, and its intake's outcome once done. */
export const ZTradeImportJob = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  phase: z.enum(['checking', 'writing', 'done']),
  /** Data rows found in the file, and how many are checked so far. */
  total: z.number().int(),
  processed: z.number().int(),
  /** Declarations written (a succeeded job). */
  imported: z.number().int(),
  intake: ZTradeIntakeResult.nullable(),
  /** The row-by-row report of a failed job (row, column, reason). */
  issues: z.array(ZTradeIssue),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TTradeImportJob = z.infer<typeof ZTradeImportJob>;

const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** The agreed filters of the declarations list (shared with the monitoring's drill-down links). */
export const ZTradeDeclarationFilters = z.object({
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** Enterprises served by that centre. */
  centreId: ZIdText.optional(),
  enterpriseId: ZIdText.optional(),
  year: z.coerce.number().int().min(1900).max(2099).optional(),
  month: ZMonth.optional(),
  direction: ZTradeDirection.optional(),
  tradeMode: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
  hsChapter: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  declarationNo: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});
export type TTradeDeclarationFilters = z.infer<typeof ZTradeDeclarationFilters>;
export const ZTradeDeclarationListQuery = ZPageQuery.extend(ZTradeDeclarationFilters.shape);
export type TTradeDeclarationListQuery = z.infer<typeof ZTradeDeclarationListQuery>;

export const ZTradeDeclaration = z.object({
  id: z.number().int(),
  declarationNo: z.string(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  direction: ZTradeDirection,
  declaredOn: ZDay,
  tradeMode: z.string(),
  country: z.string(),
  currency: z.string(),
  /** In the declaration's currency, 2 decimals. */
  amount: z.string(),
  /** 元 and US dollars, 2 decimals, at the month's rates. */
  amountCny: z.string(),
  amountUsd: z.string(),
  lineCount: z.number().int(),
  orderNo: z.string().nullable(),
  foreignCustomer: z.string().nullable(),
  source: ZTradeSource,
  createdAt: z.string(),
});
export type TTradeDeclaration = z.infer<typeof ZTradeDeclaration>;

export const ZTradeDeclarationLine = z.object({
  lineNo: z.number().int(),
  commodityCode: z.string(),
  hsChapter: z.string(),
  goodsName: z.string(),
  quantity: z.string(),
  unit: z.string(),
  amount: z.string(),
  amountCny: z.string(),
  amountUsd: z.string(),
});
export const ZTradeDeclarationDetail = ZTradeDeclaration.extend({ lines: z.array(ZTradeDeclarationLine) });
export type TTradeDeclarationDetail = z.infer<typeof ZTradeDeclarationDetail>;

export const ZTradeIntake = z.object({
  id: z.number().int(),
  source: ZTradeSource,
  channel: z.enum(['file', 'api', 'exchange', 'demo']),
  userName: z.string().nullable(),
  fileName: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'failed']),
  declarations: z.number().int(),
  lines: z.number().int(),
  duplicates: z.number().int(),
  /** A failed intake's report (at most the first 1,000 issues). */
  issues: z.array(ZTradeIssue),
  createdAt: z.string(),
});
export type TTradeIntake = z.infer<typeof ZTradeIntake>;
export const ZTradeIntakeListQuery = ZPageQuery.extend({ status: z.enum(['succeeded', 'failed']).optional() });

/** 汇率 (the province's monthly table). */
export const ZExchangeRate = z.object({
  month: z.string(),
  currency: z.string(),
  /** CNY per one unit, 6 decimals. */
  cnyPerUnit: z.string(),
  setAt: z.string(),
});
export type TExchangeRate = z.infer<typeof ZExchangeRate>;
export const ZExchangeRateListQuery = ZPageQuery.extend({
  year: z.coerce.number().int().min(1900).max(2099).optional(),
  month: ZMonth.optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .optional(),
});
export const ZRateImportResult = z.object({
  /** Rows in the file, rows that set a new rate, rows that changed an existing one. */
  rows: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
});
export type TRateImportResult = z.infer<typeof ZRateImportResult>;
export const RATE_FILE_COLUMNS = [
  { header: '月份', alias: 'month' },
  { header: '币制', alias: 'currency' },
  { header: '人民币折算率', alias: 'cnyPerUnit' },
] as const;
