import { z } from 'zod';
import {
  type SUBMISSION_STATUSES,
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

/** A scoring rule in words (the indicator system page shows it; unit is the metric's). */
export function describeScoringRule(rule: TScoringRule, weight: number, unit: string, en: boolean): string {
  switch (rule.kind) {
    case 'linear':
      return rule.fullAt > rule.zeroAt
        ? en
          ? `0 at ${rule.zeroAt} ${unit}, full ${weight} points at ${rule.fullAt} ${unit} or more, linear between`
          : `${rule.zeroAt}${unit}得0分，${rule.fullAt}${unit}及以上得满分${weight}分，其间按比例计分`
        : en
          ? `full ${weight} points at ${rule.fullAt} ${unit} or less, 0 at ${rule.zeroAt} ${unit} or more, linear between`
          : `${rule.fullAt}${unit}及以内得满分${weight}分，${rule.zeroAt}${unit}及以上得0分，其间按比例计分`;
    case 'thresholds':
      return [...rule.steps]
        .sort((a, b) => b.atLeast - a.atLeast)
        .map((s) =>
          en
            ? `≥ ${s.atLeast} ${unit}: ${round2(s.share * weight)} points`
            : `达到${s.atLeast}${unit}得${round2(s.share * weight)}分`,
        )
        .join(en ? '; ' : '；');
    case 'rank':
      return en
        ? `by rank among the cycle's centres (${rule.better === 'higher' ? 'higher' : 'lower'} is better), first gets ${weight} points`
        : `按全省中心排名计分（${rule.better === 'higher' ? '越高越好' : '越低越好'}），第一名得${weight}分`;
    case 'growth':
      return en
        ? `${rule.pointsPerPercent} points per percentage point of growth, up to ${weight}; none for a fall`
        : `每增长1个百分点得${rule.pointsPerPercent}分，最高${weight}分，下降不得分`;
    case 'evaluator':
      return en
        ? `scored 0–${weight} by the evaluator from the evidence and on-site inspection`
        : `由第三方评估机构根据佐证材料和实地考察评分（0–${weight}分）`;
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
