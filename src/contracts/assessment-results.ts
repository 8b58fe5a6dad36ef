import { z } from 'zod';
import { ZGrade } from './assessment';
import { ZPageQuery, ZVersion } from './common';

/*
 * 考核结果与结果运用 (Art. 12(三); issue 14 "Consequences" and "Documents"; decision 0029): the published grades as the
 * screens show them, the result sheet, the year's export, and what a grade sets off.
 */

/**
 * What a published grade sets off (Art. 12(三)):
 * - no_funds: 较差 → 不享受当年资金支持政策 (12(三)(2)); the funding reads it (isBarredFromFunds).
 * - cancellation_due: 较差 two years running, same operator at the same centre → 取消其外综服企业承办资质
 *   (12(三)(2)), once the province confirms.
 * - tender_priority: 优秀 in every year of the 3-year contract → 同等条件下优先考虑 in the next tender (12(三)(3)).
 */
export const CONSEQUENCE_KINDS = ['no_funds', 'cancellation_due', 'tender_priority'] as const;
export const ZConsequenceKind = z.enum(CONSEQUENCE_KINDS);
export type TConsequenceKind = z.infer<typeof ZConsequenceKind>;

export const CONSEQUENCE_NAMES: Record<TConsequenceKind, { 'zh-CN': string; en: string }> = {
  no_funds: { 'zh-CN': '不享受当年资金支持', en: 'No funds for the year' },
  cancellation_due: { 'zh-CN': '取消承办资质', en: 'Qualification to be cancelled' },
  tender_priority: { 'zh-CN': '新一轮招标同等条件下优先', en: 'Preferred in the next tender' },
};

export const CONSEQUENCE_STATUSES = ['in_force', 'due', 'confirmed'] as const;
export const ZConsequenceStatus = z.enum(CONSEQUENCE_STATUSES);
export type TConsequenceStatus = z.infer<typeof ZConsequenceStatus>;
export const CONSEQUENCE_STATUS_NAMES: Record<TConsequenceStatus, { 'zh-CN': string; en: string }> = {
  in_force: { 'zh-CN': '已生效', en: 'In force' },
  due: { 'zh-CN': '待省厅确认', en: 'Awaiting confirmation' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
};

/** What a consequence rests on: the years and grades it read, and (priority) the engagement of the contract period. */
export const ZConsequenceBasis = z.object({
  years: z.array(z.object({ year: z.number().int(), grade: ZGrade })),
  engagementId: z.number().int().nullable().optional(),
  serviceStart: z.string().nullable().optional(),
  serviceEnd: z.string().nullable().optional(),
});
export type TConsequenceBasis = z.infer<typeof ZConsequenceBasis>;

export const ZConsequence = z.object({
  id: z.number().int(),
  kind: ZConsequenceKind,
  status: ZConsequenceStatus,
  centreId: z.number().int(),
  centreName: z.string(),
  cityName: z.string(),
  operatorId: z.number().int().nullable(),
  operatorName: z.string().nullable(),
  year: z.number().int(),
  article: z.string(),
  basis: ZConsequenceBasis,
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  confirmComment: z.string().nullable(),
  version: z.number().int(),
});
export type TConsequence = z.infer<typeof ZConsequence>;

export const ZConsequenceListQuery = ZPageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: ZConsequenceKind.optional(),
  status: ZConsequenceStatus.optional(),
  centreId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
export type TConsequenceListQuery = z.infer<typeof ZConsequenceListQuery>;

/** Art. 12(三)(2): the province confirms the cancellation, saying on what it rests. */
export const ZConfirmCancellationRequest = z.object({
  version: ZVersion,
  comment: z.string().trim().min(4).max(2000),
});
export type TConfirmCancellationRequest = z.infer<typeof ZConfirmCancellationRequest>;

/** One published result as the signed-in screens list it (and the year's .xlsx). */
export const ZAssessmentResult = z.object({
  centreId: z.number().int(),
  centreName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  year: z.number().int(),
  operatorId: z.number().int().nullable(),
  operatorName: z.string().nullable(),
  /** Numeric text with two decimals, as stored (never a float). */
  total: z.string(),
  grade: ZGrade,
  publishedAt: z.string(),
});
export type TAssessmentResult = z.infer<typeof ZAssessmentResult>;

export const ZAssessmentResultListQuery = ZPageQuery.extend({
  /** The assessment year; the latest published year in the caller's scope when left out. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  centreId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  grade: ZGrade.optional(),
});
export type TAssessmentResultListQuery = z.infer<typeof ZAssessmentResultListQuery>;

/** Grade distribution of one published year in the caller's scope (the province's overview). */
export const ZGradeDistribution = z.object({
  year: z.number().int().nullable(),
  /** Years with published results in scope, latest first. */
  years: z.array(z.number().int()),
  counts: z.object({
    excellent: z.number().int(),
    good: z.number().int(),
    fair: z.number().int(),
    poor: z.number().int(),
  }),
  total: z.number().int(),
});
export type TGradeDistribution = z.infer<typeof ZGradeDistribution>;

export const ZGradeDistributionQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** The priority mark of Art. 12(三)(3), as the county sees it on an operator when recording a tender. */
export const ZTenderPriority = z.object({
  operatorId: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  years: z.array(z.number().int()),
  article: z.string(),
  message: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type TTenderPriority = z.infer<typeof ZTenderPriority>;

export const ZTenderPriorityList = z.object({ items: z.array(ZTenderPriority) });

export const ZResultSheetParams = z.object({
  centreId: z.coerce.number().int().min(1).max(2_147_483_647),
  year: z.coerce.number().int().min(2000).max(2100),
});

/** The words of the priority mark (Art. 12(三)(3)), shown on the operator in the tender form. */
export const TENDER_PRIORITY_MESSAGE = {
  'zh-CN': '近一轮合同期考核均为优秀，同等条件下优先考虑（第十二条（三））',
  en: 'Excellent in every assessment of its last contract period: preferred on equal terms (Art. 12(3))',
} as const;
