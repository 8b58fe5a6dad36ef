import { z } from 'zod';
import { ZDay, ZId, zPageSize } from './common';

/*
 * 数据对接 (issue 13; Art. 5(一)(六)(十三)): the platform's exchanges with 湖北国际贸易"单一窗口", 数智通 and 楚贸通.
 * No live link exists; each system is an adapter behind one interface (server/modules/exchange/adapter.ts) and every
 * exchange — a file taken in, a file produced, a signed callback — is one logged run. The formats are documented in
 * docs/exchange/.
 */

export const EXCHANGE_SYSTEMS = ['single_window', 'shuzhitong', 'chumaotong'] as const;
export const ZExchangeSystem = z.enum(EXCHANGE_SYSTEMS);
export type TExchangeSystem = z.infer<typeof ZExchangeSystem>;

export const EXCHANGE_KINDS = [
  /** 单一窗口 → platform: customs declarations (XML message). */
  'sw_declarations_xml',
  /** 单一窗口 → platform: customs declarations (spreadsheet export: header sheet + lines sheet). */
  'sw_declarations_xlsx',
  /** 单一窗口 → platform: a filing's progress (status file or signed callback), Art. 5(一). */
  'sw_filing_status',
  /** platform → 数智通: a tax-rebate filing package, Art. 5(六). */
  'szt_rebate_package',
  /** 数智通 → platform: the rebate's acceptance and payment. */
  'szt_rebate_status',
  /** platform → 楚贸通: one centre's month (enterprises served, their trade, services), Art. 5(十三). */
  'cmt_centre_month',
  /** 楚贸通 → platform: enterprises' trade data. */
  'cmt_trade_data',
] as const;
export const ZExchangeKind = z.enum(EXCHANGE_KINDS);
export type TExchangeKind = z.infer<typeof ZExchangeKind>;

export const EXCHANGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type TExchangeDirection = (typeof EXCHANGE_DIRECTIONS)[number];

/** Which system and direction each kind belongs to (the web groups its forms by these). */
export const EXCHANGE_KIND_INFO: Record<TExchangeKind, { system: TExchangeSystem; direction: TExchangeDirection }> = {
  sw_declarations_xml: { system: 'single_window', direction: 'inbound' },
  sw_declarations_xlsx: { system: 'single_window', direction: 'inbound' },
  sw_filing_status: { system: 'single_window', direction: 'inbound' },
  szt_rebate_package: { system: 'shuzhitong', direction: 'outbound' },
  szt_rebate_status: { system: 'shuzhitong', direction: 'inbound' },
  cmt_centre_month: { system: 'chumaotong', direction: 'outbound' },
  cmt_trade_data: { system: 'chumaotong', direction: 'inbound' },
};

export const INBOUND_KINDS = EXCHANGE_KINDS.filter((k) => EXCHANGE_KIND_INFO[k].direction === 'inbound');

/** One problem of a file, named by where it is: an XML element path, a sheet's row and column, a JSON path. */
export const ZExchangeIssue = z.object({
  /** e.g. "Declaration[2]/DecLists/DecList[1]/CodeTS", "报关单表体 第 3 行 C 列", "declarations[0].lines[1].amount". */
  where: z.string(),
  reason: z.string(),
});
export type TExchangeIssue = z.infer<typeof ZExchangeIssue>;

const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** 数智通 filing package of one tax-rebate service record: the export declarations by period or by number. */
export const ZRebatePackageRequest = z.object({
  kind: z.literal('szt_rebate_package'),
  recordId: ZId,
  /** Export declarations of the record's enterprise declared in these months (inclusive)… */
  fromMonth: ZMonth.optional(),
  toMonth: ZMonth.optional(),
  /** …or exactly these (18-digit numbers). */
  declarationNos: z
    .array(z.string().regex(/^\d{18}$/, '18 digits'))
    .max(500)
    .optional(),
  /** 出口发票 entered with the export. */
  invoices: z
    .array(
      z.object({
        number: z.string().trim().min(1).max(40),
        date: ZDay,
        amount: z.string().regex(/^\d{1,14}(\.\d{1,2})?$/, 'amount, up to 2 decimals'),
      }),
    )
    .max(500)
    .default([]),
  /** The package as JSON, or a zip of manifest.json (digests), package.json and declarations.csv. */
  format: z.enum(['json', 'zip']).default('json'),
});
export type TRebatePackageRequest = z.infer<typeof ZRebatePackageRequest>;

/** 楚贸通 monthly data set of one centre. */
export const ZCentreMonthRequest = z.object({
  kind: z.literal('cmt_centre_month'),
  centreId: ZId,
  month: ZMonth,
  format: z.enum(['json', 'csv']).default('json'),
});
export type TCentreMonthRequest = z.infer<typeof ZCentreMonthRequest>;

export const ZOutboundRequest = z.discriminatedUnion('kind', [ZRebatePackageRequest, ZCentreMonthRequest]);
export type TOutboundRequest = z.infer<typeof ZOutboundRequest>;

export const ZInboundQuery = z.object({ kind: z.enum(INBOUND_KINDS as [TExchangeKind, ...TExchangeKind[]]) });

export const ZExchangeRun = z.object({
  id: z.number().int(),
  system: ZExchangeSystem,
  direction: z.enum(EXCHANGE_DIRECTIONS),
  kind: ZExchangeKind,
  formatVersion: z.string(),
  status: z.enum(['succeeded', 'failed']),
  actorName: z.string().nullable(),
  centreId: z.number().int().nullable(),
  centreName: z.string().nullable(),
  inputFileName: z.string().nullable(),
  outputFileName: z.string().nullable(),
  messageId: z.string().nullable(),
  /** What the run did, in numbers: declarations taken in, duplicates, progress entries, rows in the set … */
  summary: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  issues: z.array(ZExchangeIssue),
  rerunOf: z.number().int().nullable(),
  createdAt: z.string(),
});
export type TExchangeRun = z.infer<typeof ZExchangeRun>;

export const ZExchangeRunList = z.object({ items: z.array(ZExchangeRun), total: z.number().int() });

export const ZExchangeRunQuery = z.object({
  system: ZExchangeSystem.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: zPageSize(20, 100),
});
