import { z } from 'zod';
import { ZDay } from './common';
import { TRADE_DIRECTIONS } from './trade-codes';

/*
 * 贸易数据 (SPEC §2, Art. 5(十三)): the customs declaration (报关单) is the unit. These are the shapes every intake
 * (a file, the JSON bulk API, the 单一窗口 and 楚贸通 adapters) turns its input into before the one check and write
 * path (server/modules/trade/ingest-declarations.ts). The schema checks shape and bounds; the domain checks (the
 * declaration number's parts, the commodity code's chapter, the country, the month's exchange rate) give a field and
 * a reason per declaration, so that an import's report can name row, column and reason.
 */

export const ZTradeDirection = z.enum(TRADE_DIRECTIONS);

/** An amount in the declaration's currency, at most 2 decimals: as text up to 10^14, or as a number up to 10^10. */
export const ZTradeAmount = z
  .union([z.string().max(24), z.number().min(0).max(1e10)])
  .describe('amount, up to 2 decimals');
/** A quantity in the line's unit: up to 10^14 with at most 5 decimals. */
export const ZTradeQuantity = z
  .union([z.string().max(24), z.number().min(0).max(1e10)])
  .describe('quantity, up to 5 decimals');

export const ZTradeLineInput = z.object({
  /** 商品编号: 10 digits, the first 6 the HS code. */
  commodityCode: z.string().max(16),
  goodsName: z.string().min(1).max(200),
  quantity: ZTradeQuantity,
  /** 计量单位 as written on the declaration (千克, 台, 件 …). */
  unit: z.string().min(1).max(20),
  amount: ZTradeAmount,
});
export type TTradeLineInput = z.infer<typeof ZTradeLineInput>;

export const ZTradeDeclarationInput = z.object({
  /** 报关单号: 18 digits — customs office (4), year (4), import 1 / export 0 (1), sequence (9). */
  declarationNo: z.string().max(24),
  /** The enterprise by its unified social credit code. */
  enterpriseCreditCode: z.string().max(24),
  direction: ZTradeDirection,
  /** 申报日期 */
  declaredOn: ZDay,
  /** 贸易方式 (customs code, e.g. 0110). */
  tradeMode: z.string().max(8),
  /** 贸易国（地区）: ISO 3166-1 alpha-2 (alpha-3 and numeric are accepted and turned into alpha-2). */
  country: z.string().max(8),
  /** ISO 4217, e.g. CNY, USD, EUR. */
  currency: z.string().max(8),
  /** The declaration's total in its currency; must equal the sum of its lines. */
  amount: ZTradeAmount,
  orderNo: z.string().max(64).nullish(),
  foreignCustomer: z.string().max(200).nullish(),
  lines: z.array(ZTradeLineInput).min(1).max(500),
});
export type TTradeDeclarationInput = z.infer<typeof ZTradeDeclarationInput>;

/** Where a declaration came from (provenance kept on the row and its intake). */
export const TRADE_SOURCES = ['enterprise', 'centre', 'county', 'api', 'single_window', 'chumaotong', 'demo'] as const;
export const ZTradeSource = z.enum(TRADE_SOURCES);
export type TTradeSource = z.infer<typeof ZTradeSource>;

/** One problem with one declaration (index in the batch) or one of its lines. */
export const ZTradeIssue = z.object({
  /** 0-based position of the declaration in the batch. */
  index: z.number().int(),
  /** 1-based line number within the declaration, when the problem is a line's. */
  line: z.number().int().optional(),
  field: z.string(),
  reason: z.string(),
  /** For a file: the spreadsheet row (1 = the header) and the column's header as the file has it. */
  row: z.number().int().optional(),
  column: z.string().optional(),
});
export type TTradeIssue = z.infer<typeof ZTradeIssue>;

/** What an intake did: declarations written, those already on the platform (same number, same content), issues. */
export const ZTradeIntakeResult = z.object({
  intakeId: z.number().int().nullable(),
  status: z.enum(['succeeded', 'failed']),
  declarations: z.number().int(),
  lines: z.number().int(),
  /** Declarations already on the platform under the same number with the same content: not counted twice. */
  duplicates: z.number().int(),
  issues: z.array(ZTradeIssue),
});
export type TTradeIntakeResult = z.infer<typeof ZTradeIntakeResult>;
