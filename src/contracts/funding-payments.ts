import { z } from 'zod';
import { ZIdText, ZPageQuery, ZVersion } from './common';
import { ZEntitlementStatus, ZFen, ZFundUseLine, ZPaymentStatus, ZRecoveryStatus } from './funding';
import { ZSanctionKind } from './sanction';

/*
 * 拨付、资金使用报告、追回 (Art. 11, 14; issue 15; decision 0033 "Payments, fund use, recoveries"): what the payment,
 * fund-use and recovery routes answer. The inputs live in contracts/funding.ts (the foundation); these are the rows
 * the screens list. Money is whole fen.
 */

/** A payment as the lists show it; `recordedByMe` lets the recorder see that it waits for someone else. */
export const ZPayment = z.object({
  id: z.number().int(),
  entitlementId: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  operatorId: z.number().int(),
  operatorName: z.string(),
  year: z.number().int(),
  amountFen: ZFen,
  paidOn: z.string(),
  note: z.string().nullable(),
  status: ZPaymentStatus,
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  recordedByMe: z.boolean(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  voucherNumber: z.string().nullable(),
  voucherDate: z.string().nullable(),
  version: z.number().int(),
});
export type TPayment = z.infer<typeof ZPayment>;

export const ZPaymentQuery = ZPageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  centreId: ZIdText.optional(),
  status: ZPaymentStatus.optional(),
  /** Only the payments recorded by someone else and waiting for the caller's confirmation (待复核). */
  awaitingMe: z.enum(['true', 'false']).optional(),
});
export type TPaymentQuery = z.infer<typeof ZPaymentQuery>;

export const ZCancelPaymentInput = z.object({
  version: ZVersion,
  reason: z.string().trim().min(2).max(500),
});
export type TCancelPaymentInput = z.infer<typeof ZCancelPaymentInput>;

/** An entitlement the city may pay against: due, with what is left after confirmed and pending payments. */
export const ZPayableEntitlement = z.object({
  entitlementId: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  countyName: z.string(),
  operatorId: z.number().int(),
  operatorName: z.string(),
  year: z.number().int(),
  status: ZEntitlementStatus,
  amountFen: ZFen,
  paidFen: ZFen,
  pendingFen: ZFen,
  remainingFen: ZFen,
});
export type TPayableEntitlement = z.infer<typeof ZPayableEntitlement>;

export const ZPayableQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  centreId: ZIdText.optional(),
});
export type TPayableQuery = z.infer<typeof ZPayableQuery>;

/** Why a fund-use line or report is flagged (Art. 11 专款专用). */
export const FUND_USE_FLAGS = ['outside_scope', 'above_paid'] as const;
export const ZFundUseFlag = z.enum(FUND_USE_FLAGS);
export type TFundUseFlag = z.infer<typeof ZFundUseFlag>;
export const FUND_USE_FLAG_NAMES: Record<TFundUseFlag, { 'zh-CN': string; en: string }> = {
  outside_scope: {
    'zh-CN': '不在三方合作协议列明的资金使用范围内（第十一条）',
    en: 'Outside the fund-use lines of the tripartite agreement (Art. 11)',
  },
  above_paid: {
    'zh-CN': '报告使用金额累计超过已拨付金额（第十一条 专款专用）',
    en: 'The use reported so far exceeds what has been paid (Art. 11)',
  },
};

export const ZFundUseReport = z.object({
  id: z.number().int(),
  entitlementId: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  cityName: z.string(),
  operatorId: z.number().int(),
  operatorName: z.string(),
  year: z.number().int(),
  lines: z.array(ZFundUseLine.extend({ flag: ZFundUseFlag.nullable() })),
  totalFen: ZFen,
  outsideScopeFen: ZFen,
  /** All reports of the entitlement up to this one, against what has been paid on it. */
  reportedToDateFen: ZFen,
  paidFen: ZFen,
  flags: z.array(ZFundUseFlag),
  note: z.string().nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: z.string(),
});
export type TFundUseReport = z.infer<typeof ZFundUseReport>;

export const ZFundUseReportQuery = ZPageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  centreId: ZIdText.optional(),
  flagged: z.enum(['true', 'false']).optional(),
});
export type TFundUseReportQuery = z.infer<typeof ZFundUseReportQuery>;

/** What the operator may report against: its entitlements with what was paid and the agreement's fund-use lines. */
export const ZFundUseTarget = z.object({
  entitlementId: z.number().int(),
  centreName: z.string(),
  year: z.number().int(),
  status: ZEntitlementStatus,
  amountFen: ZFen,
  paidFen: ZFen,
  reportedFen: ZFen,
  agreementNumber: z.string().nullable(),
  fundLines: z.array(z.object({ item: z.string(), description: z.string().nullable() })),
});
export type TFundUseTarget = z.infer<typeof ZFundUseTarget>;

export const ZRecovery = z.object({
  id: z.number().int(),
  paymentId: z.number().int(),
  sanctionId: z.number().int(),
  letterNumber: z.string(),
  sanctionKind: ZSanctionKind,
  operatorId: z.number().int(),
  operatorName: z.string(),
  centreId: z.number().int(),
  centreName: z.string(),
  cityName: z.string(),
  year: z.number().int(),
  paymentVoucher: z.string().nullable(),
  dueFen: ZFen,
  recoveredFen: ZFen,
  remainingFen: ZFen,
  status: ZRecoveryStatus,
  receipts: z.array(
    z.object({
      amountFen: ZFen,
      receivedOn: z.string(),
      voucherNumber: z.string(),
      recordedByName: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TRecovery = z.infer<typeof ZRecovery>;

export const ZRecoveryQuery = ZPageQuery.extend({
  status: ZRecoveryStatus.optional(),
  operatorId: ZIdText.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type TRecoveryQuery = z.infer<typeof ZRecoveryQuery>;
