import { z } from 'zod';
import {
  METRIC_UNITS,
  type SUBMISSION_STATUSES,
  type TMetricKey,
  type TScoringRule,
  ZCycleStatus,
  ZIndicatorSystemBody,
  ZMetricSnapshot,
  ZSubmissionStatus,
  ZSystemStatus,
} from './assessment';
import { ZStoredFile } from './attachment';
import { ZDay, ZId, ZIdText, ZVersion } from './common';

/*
 * Art. 12(二)(1)–(2) over HTTP: indicator systems the province drafts, the cycle it opens with a notice and three
 * deadlines, each centre's submission and the city's pre-review (decision 0029, "Submission and pre-review").
 */

const ZTitle = z.string().trim().min(1).max(100);
const ZYear = z.number().int().min(2000).max(2099);

export const ZIndicatorSystem = z.object({
  id: ZId,
  title: z.string(),
  year: z.number().int(),
  status: ZSystemStatus,
  basedOn: z.number().int().nullable(),
  body: ZIndicatorSystemBody,
  createdAt: z.string(),
  updatedAt: z.string(),
  frozenAt: z.string().nullable(),
  /** The years of the cycles that use it (a frozen system is used by at least one). */
  usedBy: z.array(z.number().int()),
  version: ZVersion,
});
export type TIndicatorSystem = z.infer<typeof ZIndicatorSystem>;

export const ZIndicatorSystemList = z.object({ items: z.array(ZIndicatorSystem.omit({ body: true })) });

/** A new draft copies the platform's shipped default (copyFrom null) or any existing system. */
export const ZCreateIndicatorSystemRequest = z.object({
  title: ZTitle,
  year: ZYear,
  copyFrom: ZId.nullable(),
});
export type TCreateIndicatorSystemRequest = z.infer<typeof ZCreateIndicatorSystemRequest>;

export const ZUpdateIndicatorSystemRequest = z.object({
  version: ZVersion,
  title: ZTitle,
  year: ZYear,
  body: ZIndicatorSystemBody,
});
export type TUpdateIndicatorSystemRequest = z.infer<typeof ZUpdateIndicatorSystemRequest>;

/** A deadline entered as a day, or as N working days (official calendar) after the opening / the previous deadline. */
export const ZDeadlineInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: ZDay }),
  z.object({ kind: z.literal('workingDays'), days: z.number().int().min(1).max(250) }),
]);
export type TDeadlineInput = z.infer<typeof ZDeadlineInput>;

export const ZOpenCycleRequest = z.object({
  year: ZYear,
  title: ZTitle,
  notice: z.string().trim().min(1).max(5000),
  systemId: ZId,
  submissionDue: ZDeadlineInput,
  prereviewDue: ZDeadlineInput,
  evaluationDue: ZDeadlineInput,
});
export type TOpenCycleRequest = z.infer<typeof ZOpenCycleRequest>;

export const ZStatusCounts = z.record(ZSubmissionStatus, z.number().int());
export type TStatusCounts = Record<(typeof SUBMISSION_STATUSES)[number], number>;

export const ZAssessmentCycle = z.object({
  id: ZId,
  year: z.number().int(),
  title: z.string(),
  notice: z.string(),
  systemId: z.number().int(),
  systemTitle: z.string(),
  submissionDue: z.string(),
  prereviewDue: z.string(),
  evaluationDue: z.string(),
  status: ZCycleStatus,
  policyVersion: z.number().int(),
  openedAt: z.string(),
  openedByName: z.string().nullable(),
  /** Submissions in the caller's scope by status, and their total. */
  counts: ZStatusCounts,
  total: z.number().int(),
});
export type TAssessmentCycle = z.infer<typeof ZAssessmentCycle>;
export const ZAssessmentCycleList = z.object({ items: z.array(ZAssessmentCycle) });

export const ZSubmissionListQuery = z.object({
  cycleId: ZIdText.optional(),
  status: ZSubmissionStatus.optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type TSubmissionListQuery = z.infer<typeof ZSubmissionListQuery>;

export const ZSubmissionSummary = z.object({
  id: ZId,
  cycleId: z.number().int(),
  year: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  operatorId: z.number().int().nullable(),
  operatorName: z.string().nullable(),
  status: ZSubmissionStatus,
  submittedAt: z.string().nullable(),
  prereviewedAt: z.string().nullable(),
  reopenedUntil: z.string().nullable(),
  version: ZVersion,
});
export type TSubmissionSummary = z.infer<typeof ZSubmissionSummary>;
export const ZSubmissionList = z.object({ items: z.array(ZSubmissionSummary), total: z.number().int() });

/** What the caller may do next on a submission (the page offers these; the server checks each again). */
export const SUBMISSION_STEPS = ['edit', 'submit', 'pass', 'return', 'reopen'] as const;
export const ZSubmissionStep = z.enum(SUBMISSION_STEPS);
export type TSubmissionStep = z.infer<typeof ZSubmissionStep>;

export const ZSubmissionEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  fromStatus: ZSubmissionStatus.nullable(),
  toStatus: ZSubmissionStatus.nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
  /** A pre-review decided after the cycle's pre-review deadline (allowed, shown as late). */
  late: z.boolean(),
});
export type TSubmissionEvent = z.infer<typeof ZSubmissionEvent>;

export const ZSubmissionDetail = ZSubmissionSummary.extend({
  cycleTitle: z.string(),
  submissionDue: z.string(),
  prereviewDue: z.string(),
  /** The last day this submission may be submitted (a reopening or, once returned, the pre-review deadline). */
  dueForCentre: z.string(),
  statement: z.string().nullable(),
  /** The snapshot taken at submission; before that, the figures computed now. */
  figures: ZMetricSnapshot,
  figuresAreSnapshot: z.boolean(),
  system: z.object({ id: z.number().int(), title: z.string(), body: ZIndicatorSystemBody }),
  submittedByName: z.string().nullable(),
  prereviewDecision: z.enum(['passed', 'returned']).nullable(),
  prereviewReason: z.string().nullable(),
  prereviewedByName: z.string().nullable(),
  events: z.array(ZSubmissionEvent),
  attachments: z.array(ZStoredFile),
  steps: z.array(ZSubmissionStep),
});
export type TSubmissionDetail = z.infer<typeof ZSubmissionDetail>;

export const ZSaveStatementRequest = z.object({ version: ZVersion, statement: z.string().trim().max(20000) });
export const ZSubmitRequest = z.object({ version: ZVersion });
export const ZReopenRequest = z.object({ version: ZVersion, until: ZDay });
export const ZPrereviewRequest = z
  .object({
    version: ZVersion,
    decision: z.enum(['pass', 'return']),
    reason: z.string().trim().max(2000).default(''),
  })
  .refine((r) => r.decision === 'pass' || r.reason.length > 0, {
    message: 'a return needs the reasons for correction',
    path: ['reason'],
  });
export type TPrereviewRequest = z.infer<typeof ZPrereviewRequest>;

/** The open cycle on a home page: its deadlines and what waits for the caller. */
export const ZHomeAssessment = z.object({
  cycleId: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  submissionDue: z.string(),
  prereviewDue: z.string(),
  evaluationDue: z.string(),
  /** The operator's own submission. */
  submission: z.object({ id: z.number().int(), status: ZSubmissionStatus, dueOn: z.string() }).nullable(),
  /** Submissions in the caller's scope awaiting the city's pre-review. */
  awaitingPrereview: z.number().int(),
  /** Submissions in the caller's scope not yet submitted (draft or returned). */
  notSubmitted: z.number().int(),
  /** The evaluator's: submissions assigned to its agency awaiting its scores (assigned, or sent back). */
  awaitingScore: z.number().int(),
  total: z.number().int(),
});
export type THomeAssessment = z.infer<typeof ZHomeAssessment>;

/**
 * A scoring rule in words, in both languages, with its numbers and the unit of its metric (none for an evaluator's) — the one wording of a rule:
 * the server puts it into every score breakdown (scoring.ts), the indicator system page and its editor show it.
 */
export function scoringRuleInWords(
  rule: TScoringRule,
  weight: number,
  metric: TMetricKey | null | undefined,
): { 'zh-CN': string; en: string } {
  const unit = metric ? METRIC_UNITS[metric] : { 'zh-CN': '', en: '' };
  const w = fmt(weight);
  switch (rule.kind) {
    case 'linear': {
      const lower = rule.fullAt < rule.zeroAt;
      return {
        'zh-CN': `${fmt(rule.fullAt)}${unit['zh-CN']}${lower ? '及以下' : '及以上'}得满分${w}分，${fmt(rule.zeroAt)}${unit['zh-CN']}${lower ? '及以上' : '及以下'}不得分，其间按比例计分`,
        en: `Full ${w} points at ${fmt(rule.fullAt)} ${unit.en} or ${lower ? 'less' : 'more'}, none at ${fmt(rule.zeroAt)} ${unit.en} or ${lower ? 'more' : 'less'}, in proportion between`,
      };
    }
    case 'thresholds': {
      const steps = [...rule.steps].sort((a, b) => a.atLeast - b.atLeast);
      return {
        'zh-CN': `达到${steps.map((s) => `${fmt(s.atLeast)}${unit['zh-CN']}得${fmt(s.share * weight)}分`).join('、')}（取达到的最高档），未达最低档不得分`,
        en: `${steps.map((s) => `${fmt(s.atLeast)} ${unit.en}: ${fmt(s.share * weight)} points`).join('; ')} (highest step reached); nothing below the lowest`,
      };
    }
    case 'rank':
      return {
        'zh-CN': `在本年度参评中心中按${rule.better === 'higher' ? '由高到低' : '由低到高'}排名计分：第一名${w}分，末名0分，其间按名次等差；并列取较好名次，无法计算的排在最后`,
        en: `Ranked among the cycle's centres (${rule.better === 'higher' ? 'higher' : 'lower'} is better): first ${w} points, last 0, evenly between; ties share the better place, figures that cannot be computed rank last`,
      };
    case 'growth':
      return {
        'zh-CN': `每增长1个百分点得${fmt(rule.pointsPerPercent)}分，最高${w}分，零增长或负增长不得分`,
        en: `${fmt(rule.pointsPerPercent)} points per percentage point of growth, at most ${w}; none for no growth or a fall`,
      };
    case 'evaluator':
      return {
        'zh-CN': `评估机构根据佐证材料和实地考察评分（0–${w}分，须写明评分说明）`,
        en: `Scored by the evaluation agency from the evidence and the on-site inspection (0–${w} points, with a remark)`,
      };
  }
}

/** A number of points or of a metric as it reads: at most two decimals, no trailing zeros. */
function fmt(x: number): string {
  return String(Number(x.toFixed(2)));
}
