import { z } from 'zod';
import { ZGrade } from './assessment';
import { ZDay, ZId, ZIdText, ZVersion } from './common';
import { ZEntitlementStatus, ZFen } from './funding';
import { ZPolicyParameters } from './policy';

/**
 * Art. 16 over HTTP: the province drafts a new policy parameter version, previews it against today's data and
 * publishes it with an effective date (never in the past). A published version is never edited.
 */
export const POLICY_DRAFT_STATUSES = ['draft', 'published', 'discarded'] as const;
export const ZPolicyDraftStatus = z.enum(POLICY_DRAFT_STATUSES);
export type TPolicyDraftStatus = z.infer<typeof ZPolicyDraftStatus>;

const ZDraftTitle = z.string().trim().min(1).max(200);
const ZDraftBasis = z.string().trim().max(2000);

export const ZPolicyDraft = z.object({
  id: ZId,
  title: z.string(),
  basis: z.string(),
  parameters: ZPolicyParameters,
  basedOnVersion: z.number().int(),
  effectiveFrom: z.string().nullable(),
  status: ZPolicyDraftStatus,
  publishedVersion: z.number().int().nullable(),
  version: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The parameters whose value differs from the version in force today (what the preview is about). */
  changedParameters: z.array(z.string()),
  /** The version in force today, which the preview compares with. */
  inForceVersion: z.number().int(),
});
export type TPolicyDraft = z.infer<typeof ZPolicyDraft>;

export const ZPolicyDraftListQuery = z.object({ status: ZPolicyDraftStatus.optional() });

/** A copy of a published version (by default the one in force today). */
export const ZCreatePolicyDraftRequest = z.object({
  title: ZDraftTitle,
  basis: ZDraftBasis.default(''),
  basedOnVersion: ZId.nullable().default(null),
});
export type TCreatePolicyDraftRequest = z.infer<typeof ZCreatePolicyDraftRequest>;

const count = z.number().int().min(0).max(1_000);
const period = z.number().int().min(0).max(10_000);
const staffing = z.object({ total: count, tradeYears: count, customsDeclarant: count, foreignLanguage: count });

/**
 * The parameters as a request carries them: the shape of ZPolicyParameters with every number bounded (hostile input,
 * issue 10). The bounds are only what can be stored; the policy's own limits, with their articles, are the sanity
 * rules of policy/parameter-checks.ts.
 */
export const ZPolicyParametersInput = ZPolicyParameters.extend({
  venueMinAreaNational: z.number().positive().max(100_000),
  venueMinAreaOther: z.number().positive().max(100_000),
  staffNational: staffing,
  staffOther: staffing,
  staffTradeExperienceYears: period,
  servicePeriodYears: period,
  filingDeadlineWorkingDays: period,
  operatorChangeDeadlineMonths: period,
  minServiceYearsBeforeFunding: period,
  baseFundingNational: z.number().int().min(0).max(1_000_000_000),
  baseFundingProvincial: z.number().int().min(0).max(1_000_000_000),
  baseFundingOther: z.number().int().min(0).max(1_000_000_000),
  grades: z.array(ZGrade).max(10),
  consecutivePoorYearsToCancel: period,
  violationFreeYears: period,
  gradeThresholds: z.object({
    excellent: z.number().min(0).max(1_000),
    good: z.number().min(0).max(1_000),
    fair: z.number().min(0).max(1_000),
  }),
  rectificationWorkingDays: period,
});

/** The whole draft as the editor saw it (`version`) and as it is now. */
export const ZUpdatePolicyDraftRequest = z.object({
  version: ZVersion,
  title: ZDraftTitle,
  basis: ZDraftBasis,
  parameters: ZPolicyParametersInput,
});
export type TUpdatePolicyDraftRequest = z.infer<typeof ZUpdatePolicyDraftRequest>;

export const ZDiscardPolicyDraftRequest = z.object({ version: ZVersion });

/** Art. 16: the day the new version takes effect, today or later. */
export const ZPublishPolicyDraftRequest = z.object({ version: ZVersion, effectiveFrom: ZDay });
export type TPublishPolicyDraftRequest = z.infer<typeof ZPublishPolicyDraftRequest>;

export const ZPolicyDraftParam = z.object({ id: ZIdText });

export const ZPreviewQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') });

const ZCentreHead = z.object({
  centreId: z.number().int(),
  centreName: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  parkLevel: z.string(),
});

const ZVerdictSide = z.object({
  ok: z.boolean(),
  /** What fails, in both languages (empty when ok). */
  failing: z.array(z.object({ 'zh-CN': z.string(), en: z.string() })),
  required: z.string(),
});

export const ZPreviewVerdictRow = ZCentreHead.extend({
  actual: z.string(),
  inForce: ZVerdictSide,
  draft: ZVerdictSide,
  changed: z.boolean(),
});
export type TPreviewVerdictRow = z.infer<typeof ZPreviewVerdictRow>;

const ZEntitlementSide = z.object({ status: ZEntitlementStatus, amountFen: ZFen, withheldFen: ZFen });

export const ZPreviewEntitlementRow = ZCentreHead.extend({
  operatorId: z.number().int(),
  operatorName: z.string(),
  grade: ZGrade.nullable(),
  inForce: ZEntitlementSide,
  draft: ZEntitlementSide,
  changed: z.boolean(),
});
export type TPreviewEntitlementRow = z.infer<typeof ZPreviewEntitlementRow>;

export const ZPreviewGradeRow = ZCentreHead.extend({
  /** The published total, as stored (two decimals). */
  total: z.string(),
  publishedGrade: ZGrade,
  inForce: ZGrade,
  draft: ZGrade,
  changed: z.boolean(),
});
export type TPreviewGradeRow = z.infer<typeof ZPreviewGradeRow>;

export const ZPolicyPreview = z.object({
  draftId: z.number().int(),
  today: z.string(),
  inForceVersion: z.number().int(),
  venue: z.array(ZPreviewVerdictRow),
  staffing: z.array(ZPreviewVerdictRow),
  /** The latest year with published results, or null when none is published yet. */
  entitlementYear: z.number().int().nullable(),
  entitlements: z.array(ZPreviewEntitlementRow),
  gradeYear: z.number().int().nullable(),
  grades: z.array(ZPreviewGradeRow),
  counts: z.object({
    centres: z.number().int(),
    venueChanged: z.number().int(),
    staffingChanged: z.number().int(),
    entitlementsChanged: z.number().int(),
    gradesChanged: z.number().int(),
  }),
});
export type TPolicyPreview = z.infer<typeof ZPolicyPreview>;
