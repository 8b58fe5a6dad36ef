import { z } from 'zod';
import { ZStoredFile } from './attachment';
import { ZDay, ZId, ZIdText, ZPage, ZVersion, zPageSize } from './common';
import { ZEnterpriseParticulars } from './enterprise';
import { ZServiceSubItemKey } from './service-catalogue';
import { ZServiceCategory } from './service-category';

/** SPEC §2: 待受理 (an enterprise's request) → 受理 → 办理中 → 已办结, or 已撤销. */
export const SERVICE_STATUSES = ['submitted', 'accepted', 'in_progress', 'completed', 'cancelled'] as const;
export const ZServiceStatus = z.enum(SERVICE_STATUSES);
export type TServiceStatus = z.infer<typeof ZServiceStatus>;
/** 窗口 / 线上 / 上门 */
export const ZServiceChannel = z.enum(['window', 'online', 'onsite']);
export type TServiceChannel = z.infer<typeof ZServiceChannel>;

/** 政务服务"好差评" (国办发〔2019〕51号) five levels, best first; the first three count as 好评. */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;
export const ZRatingLevel = z.enum(RATING_LEVELS);
export type TRatingLevel = z.infer<typeof ZRatingLevel>;
export const RATING_SCORE: Record<TRatingLevel, number> = {
  very_satisfied: 5,
  satisfied: 4,
  basic: 3,
  dissatisfied: 2,
  very_dissatisfied: 1,
};
/** 差评: these open a rectification (差评整改). */
export const BAD_RATING_LEVELS: readonly TRatingLevel[] = ['dissatisfied', 'very_dissatisfied'];

const zText = (max: number) => z.string().trim().min(1).max(max);

/** An enterprise asks a centre for a service (signed in; the public site's form posts here too). */
export const ZRequestServiceRequest = z.object({
  centreId: ZId,
  category: ZServiceCategory,
  subItem: ZServiceSubItemKey,
  requestText: zText(2000),
});
export type TRequestServiceRequest = z.infer<typeof ZRequestServiceRequest>;

/**
 * Centre staff record a service they gave or took on (窗口 walk-in, 上门 on-site, 线上 online). The enterprise is an
 * existing one (`enterpriseId`) or given by its particulars (found by credit code, or entered approved).
 */
export const ZRecordServiceRequest = z.object({
  enterpriseId: ZId.optional(),
  enterprise: ZEnterpriseParticulars.optional(),
  category: ZServiceCategory,
  subItem: ZServiceSubItemKey,
  channel: ZServiceChannel,
  requestText: zText(2000),
  assigneeId: ZId.nullable().optional(),
});
export type TRecordServiceRequest = z.infer<typeof ZRecordServiceRequest>;

export const ZServiceStepRequest = z.object({ version: ZVersion, note: z.string().trim().max(2000).optional() });
export const ZServiceProgressRequest = z.object({ version: ZVersion, note: zText(2000) });
export const ZServiceCompleteRequest = z.object({ version: ZVersion, resultText: zText(2000) });
export const ZServiceCancelRequest = z.object({ version: ZVersion, reason: zText(500) });
export const ZServiceAssignRequest = z.object({ version: ZVersion, assigneeId: ZId });
export type TServiceStepRequest = z.infer<typeof ZServiceStepRequest>;
export type TServiceProgressRequest = z.infer<typeof ZServiceProgressRequest>;
export type TServiceCompleteRequest = z.infer<typeof ZServiceCompleteRequest>;
export type TServiceCancelRequest = z.infer<typeof ZServiceCancelRequest>;
export type TServiceAssignRequest = z.infer<typeof ZServiceAssignRequest>;

const zSubScore = z.number().int().min(1).max(5).nullable().optional();
/** Art. 8: the served enterprise rates this one service, once, after it is completed. */
export const ZRateServiceRequest = z.object({
  level: ZRatingLevel,
  /** 办事效率, 服务态度, 专业水平: 1–5 stars, optional. */
  efficiency: zSubScore,
  attitude: zSubScore,
  professionalism: zSubScore,
  comment: z.string().trim().max(1000).nullable().optional(),
});
export type TRateServiceRequest = z.infer<typeof ZRateServiceRequest>;

export const ZServiceRating = z.object({
  id: z.number().int(),
  level: ZRatingLevel,
  efficiency: z.number().int().nullable(),
  attitude: z.number().int().nullable(),
  professionalism: z.number().int().nullable(),
  comment: z.string().nullable(),
  ratedAt: z.string(),
});
export type TServiceRating = z.infer<typeof ZServiceRating>;

export const ZServiceRecord = z.object({
  id: z.number().int(),
  number: z.string(),
  centreId: z.number().int(),
  centreName: z.string(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  enterpriseCreditCode: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  category: ZServiceCategory,
  subItem: z.string(),
  channel: ZServiceChannel,
  source: z.enum(['enterprise', 'staff']),
  requestText: z.string(),
  status: ZServiceStatus,
  assigneeId: z.number().int().nullable(),
  assigneeName: z.string().nullable(),
  resultText: z.string().nullable(),
  cancelReason: z.string().nullable(),
  submittedAt: z.string(),
  acceptedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  ratingLevel: ZRatingLevel.nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type TServiceRecord = z.infer<typeof ZServiceRecord>;

export const ZServiceProgressEntry = z.object({
  id: z.number().int(),
  kind: z.enum(['submitted', 'accepted', 'progress', 'assigned', 'completed', 'cancelled', 'attachment', 'rated']),
  note: z.string().nullable(),
  statusAfter: ZServiceStatus,
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
});
export type TServiceProgressEntry = z.infer<typeof ZServiceProgressEntry>;

export const ZServiceAttachment = ZStoredFile;
export type TServiceAttachment = z.infer<typeof ZServiceAttachment>;

export const ZRectificationStatus = z.enum(['open', 'answered', 'closed']);
export type TRectificationStatus = z.infer<typeof ZRectificationStatus>;

export const ZRectification = z.object({
  id: z.number().int(),
  recordId: z.number().int(),
  recordNumber: z.string(),
  centreId: z.number().int(),
  centreName: z.string(),
  enterpriseName: z.string(),
  countyName: z.string(),
  ratingLevel: ZRatingLevel,
  ratingComment: z.string().nullable(),
  status: ZRectificationStatus,
  openedOn: z.string(),
  dueOn: z.string(),
  /** Open past the due day, or answered after it. */
  overdue: z.boolean(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  followUp: z.string().nullable(),
  followedUpOn: z.string().nullable(),
  /** The rule that set the deadline, e.g. "SPEC §4 好差评整改 15 个工作日（参数第 1 版）". */
  rule: z.string(),
  /** Which calendar the due day was counted on, per year: entered notice, built-in arrangement or weekends only. */
  calendar: z.string(),
  version: z.number().int(),
});
export type TRectification = z.infer<typeof ZRectification>;

/** One record with everything the enterprise and the centre see on its page. */
export const ZServiceRecordDetail = ZServiceRecord.extend({
  progress: z.array(ZServiceProgressEntry),
  attachments: z.array(ZServiceAttachment),
  rating: ZServiceRating.nullable(),
  rectification: ZRectification.nullable(),
  /** Steps the caller may take now, for the buttons (the server checks again). */
  allowed: z.array(z.enum(['accept', 'progress', 'assign', 'complete', 'cancel', 'attach', 'rate'])),
});
export type TServiceRecordDetail = z.infer<typeof ZServiceRecordDetail>;

const zCsv = <T extends z.ZodType>(item: T, maxItems: number) =>
  z
    .union([item, z.array(item).max(maxItems)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[])
    .optional();

export const ZServiceRecordListQuery = z.object({
  page: ZPage,
  pageSize: zPageSize(20),
  format: z.enum(['json', 'xlsx']).default('json'),
  centreId: ZIdText.optional(),
  enterpriseId: ZIdText.optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  category: ZServiceCategory.optional(),
  status: zCsv(ZServiceStatus, SERVICE_STATUSES.length),
  channel: ZServiceChannel.optional(),
  /** Submitted on or after / on or before (Beijing days). */
  from: ZDay.optional(),
  to: ZDay.optional(),
  /** Completed and not yet rated. */
  unrated: z.enum(['true', 'false']).optional(),
  /** Record number or enterprise name / credit code, partial. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['submittedAt', '-submittedAt']).default('-submittedAt'),
});
export type TServiceRecordListQuery = z.infer<typeof ZServiceRecordListQuery>;

export const ZRectificationListQuery = z.object({
  page: ZPage,
  pageSize: zPageSize(20),
  format: z.enum(['json', 'xlsx']).default('json'),
  centreId: ZIdText.optional(),
  status: ZRectificationStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type TRectificationListQuery = z.infer<typeof ZRectificationListQuery>;

export const ZAnswerRectificationRequest = z.object({ version: ZVersion, answer: zText(2000) });
/** The county's follow-up: accept the centre's answer (closed) or send it back (open again). */
export const ZFollowUpRectificationRequest = z.object({
  version: ZVersion,
  decision: z.enum(['accept', 'reopen']),
  comment: zText(1000),
});
export type TAnswerRectificationRequest = z.infer<typeof ZAnswerRectificationRequest>;
export type TFollowUpRectificationRequest = z.infer<typeof ZFollowUpRectificationRequest>;

/** Satisfaction figures, computed from stored ratings only (Art. 8; never entered). */
export const ZSatisfaction = z.object({
  rated: z.number().int(),
  /** Ratings per level, in RATING_LEVELS order. */
  distribution: z.record(ZRatingLevel, z.number().int()),
  /** 好评率: share of 非常满意/满意/基本满意 among ratings (0–1), null with no rating. */
  goodRate: z.number().nullable(),
  /** Mean of the five-point scores (5 = 非常满意), null with no rating. */
  averageScore: z.number().nullable(),
});
export type TSatisfaction = z.infer<typeof ZSatisfaction>;

export const ZCentreServiceFigures = z.object({
  centreId: z.number().int(),
  centreName: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  total: z.number().int(),
  open: z.number().int(),
  completed: z.number().int(),
  cancelled: z.number().int(),
  /** Mean hours from an enterprise's request to acceptance (requests made by enterprises only). */
  avgResponseHours: z.number().nullable(),
  /** Mean hours from request to completion. */
  avgCompletionHours: z.number().nullable(),
  /** Rated completed records / completed records (0–1). */
  ratingRate: z.number().nullable(),
  satisfaction: ZSatisfaction,
  openRectifications: z.number().int(),
  overdueRectifications: z.number().int(),
});
export type TCentreServiceFigures = z.infer<typeof ZCentreServiceFigures>;

export const ZServiceStatsQuery = z.object({
  from: ZDay.optional(),
  to: ZDay.optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  centreId: ZIdText.optional(),
});
export type TServiceStatsQuery = z.infer<typeof ZServiceStatsQuery>;

export const ZServiceStats = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: ZCentreServiceFigures.omit({ centreId: true, centreName: true, cityName: true, countyName: true }),
  byCentre: z.array(ZCentreServiceFigures),
  byCategory: z.array(z.object({ category: ZServiceCategory, total: z.number().int() })),
  byMonth: z.array(z.object({ month: z.string(), total: z.number().int(), completed: z.number().int() })),
});
export type TServiceStats = z.infer<typeof ZServiceStats>;
