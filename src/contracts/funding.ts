import { z } from 'zod';
import { ZGrade } from './assessment';
import { ZDay, ZId, ZPageQuery, ZVersion } from './common';

/*
 * 资金支持 (Art. 11; issue 15; decision 0033): entitlement per centre and year, matching funds, payments confirmed by a
 * second official, fund-use reports against the agreement's fund-use lines, recoveries. Money is whole fen (分) as
 * integers everywhere — in the tables, the API and the rules — and formatted in 元/万元 only on screen.
 */

/** A sum of money in whole fen (1 元 = 100 分); never a float. */
export const ZFen = z.number().int().min(0).max(1_000_000_000_000);
export type TFen = z.infer<typeof ZFen>;

/**
 * An entitlement's state (Art. 11, 12(三)):
 * - ineligible: not filed with the province, or less than the minimum service after filing (Art. 11);
 * - awaiting_grade: eligible, the year's grade not yet published (the share depends on it);
 * - due: the amount is fixed; payments go against it;
 * - withheld: the grade bars funds (较差, Art. 12(三)(2)) — the base is recorded as withheld.
 */
export const ENTITLEMENT_STATUSES = ['ineligible', 'awaiting_grade', 'due', 'withheld'] as const;
export const ZEntitlementStatus = z.enum(ENTITLEMENT_STATUSES);
export type TEntitlementStatus = z.infer<typeof ZEntitlementStatus>;
export const ENTITLEMENT_STATUS_NAMES: Record<TEntitlementStatus, { 'zh-CN': string; en: string }> = {
  ineligible: { 'zh-CN': '不符合条件', en: 'Not eligible' },
  awaiting_grade: { 'zh-CN': '待考核结果', en: 'Awaiting the grade' },
  due: { 'zh-CN': '应拨付', en: 'Due' },
  withheld: { 'zh-CN': '不予支持', en: 'Withheld' },
};

export const PARK_LEVELS_FOR_FUNDING = ['national', 'provincial', 'other'] as const;

/** How an amount was computed: the rule, the article, the parameter version and every input it read. */
export const ZEntitlementComputation = z.object({
  rule: z.string(),
  article: z.string(),
  policyVersion: z.number().int(),
  /** The sentence a reader sees, zh-CN and en: "国家级园区基数40万元 × 良好90% × 在岗200/365天 = …". */
  explanation: z.object({ 'zh-CN': z.string(), en: z.string() }),
  inputs: z.object({
    year: z.number().int(),
    parkLevel: z.enum(PARK_LEVELS_FOR_FUNDING),
    filedOn: z.string().nullable(),
    eligibleFrom: z.string().nullable(),
    grade: ZGrade.nullable(),
    baseFen: ZFen,
    sharePercent: z.number().int().nullable(),
    /** Served days in the year per operator, as the county recorded them at a change (Art. 10(六)). */
    periods: z.array(
      z.object({ operatorId: z.number().int(), from: z.string(), to: z.string(), servedDays: z.number().int() }),
    ),
  }),
});
export type TEntitlementComputation = z.infer<typeof ZEntitlementComputation>;

export const ZEntitlement = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  year: z.number().int(),
  operatorId: z.number().int(),
  operatorName: z.string(),
  status: ZEntitlementStatus,
  /** What the operator is owed for the year (0 unless due). */
  amountFen: ZFen,
  /** What the grade withheld (the base share lost to 较差). */
  withheldFen: ZFen,
  paidFen: ZFen,
  toRecoverFen: ZFen,
  recoveredFen: ZFen,
  computation: ZEntitlementComputation,
  computedAt: z.string(),
  version: z.number().int(),
});
export type TEntitlement = z.infer<typeof ZEntitlement>;

export const ZEntitlementQuery = ZPageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  centreId: z.coerce.number().int().positive().optional(),
  status: ZEntitlementStatus.optional(),
});
export type TEntitlementQuery = z.infer<typeof ZEntitlementQuery>;

/** 配套资金 (Art. 11): the city's and the county's own support for a centre in a year. */
export const MATCHING_SOURCES = ['city', 'county'] as const;
export const ZMatchingFundInput = z.object({
  centreId: ZId,
  year: z.number().int().min(2000).max(2100),
  source: z.enum(MATCHING_SOURCES),
  amountFen: ZFen.refine((v) => v > 0, '金额须大于零 / the amount must be above zero'),
  documentNumber: z.string().trim().min(2).max(80),
  grantedOn: ZDay,
  note: z.string().trim().max(500).optional(),
});
export type TMatchingFundInput = z.infer<typeof ZMatchingFundInput>;

/**
 * A payment (拨付) to an operator against an entitlement: the city records it (recorded), a second official confirms
 * it with the finance bureau's voucher number and date (confirmed; the recorder cannot confirm), or it is cancelled.
 */
export const PAYMENT_STATUSES = ['recorded', 'confirmed', 'cancelled'] as const;
export const ZPaymentStatus = z.enum(PAYMENT_STATUSES);
export type TPaymentStatus = z.infer<typeof ZPaymentStatus>;
export const PAYMENT_STATUS_NAMES: Record<TPaymentStatus, { 'zh-CN': string; en: string }> = {
  recorded: { 'zh-CN': '待复核', en: 'Awaiting confirmation' },
  confirmed: { 'zh-CN': '已拨付', en: 'Paid' },
  cancelled: { 'zh-CN': '已撤销', en: 'Cancelled' },
};

export const ZRecordPaymentInput = z.object({
  entitlementId: ZId,
  amountFen: ZFen.refine((v) => v > 0, '金额须大于零 / the amount must be above zero'),
  paidOn: ZDay,
  note: z.string().trim().max(500).optional(),
});
export type TRecordPaymentInput = z.infer<typeof ZRecordPaymentInput>;

export const ZConfirmPaymentInput = z.object({
  version: ZVersion,
  voucherNumber: z.string().trim().min(2).max(60),
  voucherDate: ZDay,
});
export type TConfirmPaymentInput = z.infer<typeof ZConfirmPaymentInput>;

/** A fund-use line the operator reports: against one of the agreement's fund-use lines, or outside them (flagged). */
export const ZFundUseLine = z.object({
  /** The agreement's fund-use item it falls under; null = outside the agreement's lines (flagged, Art. 11). */
  fundLineItem: z.string().trim().min(1).max(100).nullable(),
  description: z.string().trim().min(2).max(300),
  amountFen: ZFen.refine((v) => v > 0, '金额须大于零 / the amount must be above zero'),
  spentOn: ZDay,
});
export type TFundUseLine = z.infer<typeof ZFundUseLine>;

export const ZFundUseReportInput = z.object({
  entitlementId: ZId,
  lines: z.array(ZFundUseLine).min(1).max(200),
  note: z.string().trim().max(1000).optional(),
});
export type TFundUseReportInput = z.infer<typeof ZFundUseReportInput>;

/** 追回 (Art. 14): what was paid to a sanctioned operator, to be recovered; receipts are recorded against it. */
export const RECOVERY_STATUSES = ['due', 'partly_recovered', 'recovered'] as const;
export const ZRecoveryStatus = z.enum(RECOVERY_STATUSES);
export type TRecoveryStatus = z.infer<typeof ZRecoveryStatus>;
export const RECOVERY_STATUS_NAMES: Record<TRecoveryStatus, { 'zh-CN': string; en: string }> = {
  due: { 'zh-CN': '待追回', en: 'To be recovered' },
  partly_recovered: { 'zh-CN': '部分追回', en: 'Partly recovered' },
  recovered: { 'zh-CN': '已追回', en: 'Recovered' },
};

export const ZRecordRecoveryInput = z.object({
  version: ZVersion,
  amountFen: ZFen.refine((v) => v > 0, '金额须大于零 / the amount must be above zero'),
  receivedOn: ZDay,
  voucherNumber: z.string().trim().min(2).max(60),
});
export type TRecordRecoveryInput = z.infer<typeof ZRecordRecoveryInput>;

/** The five figures of the funding screens (issue 15): by city, centre and year, from the figures layer. */
export const ZFundingFigures = z.object({
  dueFen: ZFen,
  paidFen: ZFen,
  withheldFen: ZFen,
  toRecoverFen: ZFen,
  recoveredFen: ZFen,
});
export type TFundingFigures = z.infer<typeof ZFundingFigures>;
