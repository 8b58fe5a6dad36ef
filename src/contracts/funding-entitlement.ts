import { z } from 'zod';
import { ZDay, ZIdText, ZPageQuery } from './common';
import { MATCHING_SOURCES, ZFen } from './funding';

/*
 * 资金支持 (Art. 11, 12(三), 10(六); issue 15, decision 0033): computing the year's entitlements, the funding
 * figures by city or centre, and the city's and county's matching funds (配套资金).
 */

export const ZFundingYear = z.number().int().min(2000).max(2100);

export const ZComputeEntitlementsRequest = z.object({ year: ZFundingYear });
export type TComputeEntitlementsRequest = z.infer<typeof ZComputeEntitlementsRequest>;

/** What one computation did: rows written or changed, rows already right, and rows now below what was paid. */
export const ZComputeEntitlementsResponse = z.object({
  year: z.number().int(),
  policyVersion: z.number().int(),
  centres: z.number().int(),
  created: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  /** Entitlements lowered below what was confirmed paid against them (left for recovery, Art. 14). */
  overpaid: z.array(z.object({ entitlementId: z.number().int(), centreId: z.number().int(), overpaidFen: ZFen })),
  totals: z.object({ dueFen: ZFen, withheldFen: ZFen }),
});
export type TComputeEntitlementsResponse = z.infer<typeof ZComputeEntitlementsResponse>;

export const FUNDING_GROUP_BY = ['city', 'centre'] as const;
export const ZFundingFiguresQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  groupBy: z.enum(FUNDING_GROUP_BY).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type TFundingFiguresQuery = z.infer<typeof ZFundingFiguresQuery>;

/** One line of the funding overview: a city or a centre with its five sums (fen), from the funding figures. */
export const ZFundingFiguresLine = z.object({
  key: z.string(),
  name: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  centreId: z.number().int().nullable(),
  dueFen: ZFen,
  paidFen: ZFen,
  withheldFen: ZFen,
  toRecoverFen: ZFen,
  recoveredFen: ZFen,
});
export type TFundingFiguresLine = z.infer<typeof ZFundingFiguresLine>;

export const ZFundingFiguresAnswer = z.object({
  /** The year shown (the latest with figures when none was asked), null when there are none yet. */
  year: z.number().int().nullable(),
  /** Years that have figures in the caller's scope, newest first (the year picker). */
  years: z.array(z.number().int()),
  groupBy: z.enum(FUNDING_GROUP_BY),
  lines: z.array(ZFundingFiguresLine),
  total: z.object({
    dueFen: ZFen,
    paidFen: ZFen,
    withheldFen: ZFen,
    toRecoverFen: ZFen,
    recoveredFen: ZFen,
  }),
});
export type TFundingFiguresAnswer = z.infer<typeof ZFundingFiguresAnswer>;

export const ZMatchingFund = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  cityCode: z.string(),
  countyCode: z.string(),
  year: z.number().int(),
  source: z.enum(MATCHING_SOURCES),
  amountFen: ZFen,
  documentNumber: z.string(),
  grantedOn: ZDay,
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type TMatchingFund = z.infer<typeof ZMatchingFund>;

export const ZMatchingFundQuery = ZPageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  centreId: ZIdText.optional(),
});
export type TMatchingFundQuery = z.infer<typeof ZMatchingFundQuery>;
