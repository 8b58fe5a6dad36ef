import { z } from 'zod';
import { ZCycleStatus, ZGrade, ZIndicatorGroup, ZMetricKey, ZSubmissionStatus } from './assessment';
import { ZStoredFile } from './attachment';
import { ZDay, ZId, ZPage, zPageSize } from './common';

/*
 * 第三方评估 and publication (Art. 12(二)(3), 12(三)): evaluation agencies, the province's assignment, the evaluator's
 * on-site inspections and scores, the province's review and the publication of a cycle. Shared by server and web.
 */

const ZWords = z.object({ 'zh-CN': z.string(), en: z.string() });

// ---- agencies --------------------------------------------------------------------------------------------------

export const ZAgency = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  contact: z.string().nullable(),
  /** Evaluator accounts carrying this agency (users.evaluator_id). */
  evaluatorCount: z.number().int(),
  createdAt: z.string(),
});
export type TAgency = z.infer<typeof ZAgency>;

export const ZCreateAgencyRequest = z.object({
  name: z.string().trim().min(2).max(100),
  /** 统一社会信用代码: 18 characters, digits and capitals without I, O, Z, S, V. */
  creditCode: z
    .string()
    .trim()
    .regex(/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/)
    .optional()
    .or(z.literal('')),
  contact: z.string().trim().max(200).optional(),
});
export type TCreateAgencyRequest = z.infer<typeof ZCreateAgencyRequest>;

// ---- the evaluation board (province) and the evaluator's assignments ------------------------------------------

export const ZEvaluationCycle = z.object({
  id: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  status: ZCycleStatus,
  evaluationDue: z.string(),
  publishedAt: z.string().nullable(),
});
export type TEvaluationCycle = z.infer<typeof ZEvaluationCycle>;

export const ZEvaluationListQuery = z.object({
  cycleId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  status: ZSubmissionStatus.optional(),
  page: ZPage,
  pageSize: zPageSize(50, 200),
});
export type TEvaluationListQuery = z.infer<typeof ZEvaluationListQuery>;

export const ZEvaluationItem = z.object({
  submissionId: z.number().int(),
  cycle: ZEvaluationCycle,
  centreId: z.number().int(),
  centreName: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  operatorName: z.string().nullable(),
  status: ZSubmissionStatus,
  agencyId: z.number().int().nullable(),
  agencyName: z.string().nullable(),
  assignedAt: z.string().nullable(),
  scoredAt: z.string().nullable(),
  total: z.number().nullable(),
  grade: ZGrade.nullable(),
});
export type TEvaluationItem = z.infer<typeof ZEvaluationItem>;

export const ZAssignRequest = z.object({
  agencyId: ZId,
  submissionIds: z.array(ZId).min(1).max(500),
});
export type TAssignRequest = z.infer<typeof ZAssignRequest>;

export const ZAssignResponse = z.object({ assigned: z.array(z.number().int()) });

// ---- one submission's evaluation -------------------------------------------------------------------------------

export const ZInspectionRequest = z.object({
  inspectedOn: ZDay,
  peopleMet: z.string().trim().min(1).max(500),
  findings: z.string().trim().min(1).max(4000),
});
export type TInspectionRequest = z.infer<typeof ZInspectionRequest>;

export const ZInspection = z.object({
  id: z.number().int(),
  inspectedOn: z.string(),
  peopleMet: z.string(),
  findings: z.string(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
  photos: z.array(ZStoredFile),
});
export type TInspection = z.infer<typeof ZInspection>;

export const ZScoreEntry = z.object({
  indicatorKey: z.string().min(1).max(48),
  /** 0 – the indicator's weight, at most 2 decimals. */
  score: z.number().finite().min(0).max(100),
  remark: z.string().trim().min(1).max(1000),
});
export const ZFinishScoringRequest = z.object({ scores: z.array(ZScoreEntry).min(1).max(60) });
export type TFinishScoringRequest = z.infer<typeof ZFinishScoringRequest>;

export const ZSendBackRequest = z.object({ reason: z.string().trim().min(2).max(1000) });
export type TSendBackRequest = z.infer<typeof ZSendBackRequest>;

export const ZEvaluationIndicator = z.object({
  key: z.string(),
  group: ZIndicatorGroup,
  name: ZWords,
  weight: z.number(),
  metric: ZMetricKey.nullable(),
  article: z.string(),
  guidance: z.string(),
  source: z.enum(['computed', 'evaluator']),
  value: z.number().nullable(),
  points: z.number().nullable(),
  share: z.number().nullable(),
  rule: ZWords,
  /** The evaluator's remark on a scored indicator. */
  remark: z.string().nullable(),
});
export type TEvaluationIndicator = z.infer<typeof ZEvaluationIndicator>;

export const ZSubmissionEvent = z.object({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
});

export const ZEvaluation = z.object({
  submissionId: z.number().int(),
  cycle: ZEvaluationCycle,
  centreId: z.number().int(),
  centreName: z.string(),
  operatorName: z.string().nullable(),
  status: ZSubmissionStatus,
  agencyId: z.number().int().nullable(),
  agencyName: z.string().nullable(),
  /** The operator's statement and evidence files, read-only here. */
  statement: z.string().nullable(),
  files: z.array(ZStoredFile),
  /** False for an operator, a city, a county or a park before publication: the breakdown stays hidden. */
  breakdownVisible: z.boolean(),
  indicators: z.array(ZEvaluationIndicator),
  inspections: z.array(ZInspection),
  /** The engine's total of what is scored so far, and the total / grade stored when the evaluator finished. */
  computedTotal: z.number().nullable(),
  computedGrade: ZGrade.nullable(),
  complete: z.boolean(),
  total: z.number().nullable(),
  grade: ZGrade.nullable(),
  scoredAt: z.string().nullable(),
  scoredByName: z.string().nullable(),
  events: z.array(ZSubmissionEvent),
  /** What the caller may do now (the page shows these buttons; the server checks again). */
  can: z.object({
    inspect: z.boolean(),
    score: z.boolean(),
    sendBack: z.boolean(),
    confirm: z.boolean(),
  }),
});
export type TEvaluation = z.infer<typeof ZEvaluation>;

// ---- publication -----------------------------------------------------------------------------------------------

export const ZPublishResponse = z.object({
  cycleId: z.number().int(),
  year: z.number().int(),
  published: z.number().int(),
  /** Centres whose submission never passed the city's pre-review: no result (未参评). */
  notAssessed: z.array(z.object({ centreId: z.number().int(), centreName: z.string() })),
});
export type TPublishResponse = z.infer<typeof ZPublishResponse>;
