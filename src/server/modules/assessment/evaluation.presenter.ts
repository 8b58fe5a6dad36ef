import { and, eq, type SQL } from 'drizzle-orm';
import type { TSubmissionStatus } from '../../../contracts/assessment';
import type {
  TEvaluation,
  TEvaluationCycle,
  TEvaluationItem,
  TEvaluationListQuery,
} from '../../../contracts/assessment-evaluation';
import type { RequestContext } from '../../context';
import { assessmentSubmissions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { assessmentSubmissionScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { listOwnerFiles, toStoredFile } from '../attachment/attachment-files';
import {
  cohortOf,
  eventRows,
  inspectionRows,
  listCycleRows,
  listSubmissionRows,
  metricValuesOf,
  type SubmissionRow,
  scoreRows,
} from './evaluation.repository';
import { loadSubmission, numberOrNull, systemOf } from './evaluation-steps';
import { scoreSubmission } from './scoring';

/** Those who judge (the province, the administrator, the assigned agency) see scores at every stage. */
function judges(user: SessionUser): boolean {
  return user.role === 'province' || user.role === 'admin' || user.role === 'evaluator';
}

/** Operators, cities, counties and parks see the breakdown, the total and the grade once published (Art. 12(三)). */
export function breakdownVisibleTo(user: SessionUser, status: TSubmissionStatus): boolean {
  return judges(user) || status === 'published';
}

export function toEvaluationCycle(c: SubmissionRow['cycle']): TEvaluationCycle {
  return {
    id: c.id,
    year: c.year,
    title: c.title,
    status: c.status,
    evaluationDue: c.evaluationDue,
    publishedAt: c.publishedAt?.toISOString() ?? null,
  };
}

function toItem(user: SessionUser, r: SubmissionRow): TEvaluationItem {
  const visible = breakdownVisibleTo(user, r.s.status);
  return {
    submissionId: r.s.id,
    cycle: toEvaluationCycle(r.cycle),
    centreId: r.s.centreId,
    centreName: r.centreName,
    cityName: r.cityName,
    countyName: r.countyName,
    operatorName: r.operatorName,
    status: r.s.status,
    agencyId: r.s.agencyId,
    agencyName: r.agencyName,
    assignedAt: r.s.assignedAt?.toISOString() ?? null,
    scoredAt: r.s.scoredAt?.toISOString() ?? null,
    total: visible ? numberOrNull(r.s.total) : null,
    grade: visible ? r.s.grade : null,
  };
}

/** The cycles, newest first, for the province's evaluation board and the evaluator's filter. */
export async function listEvaluationCycles(ctx: RequestContext): Promise<TEvaluationCycle[]> {
  requireAction(ctx.user, 'assessment.read');
  return (await listCycleRows(ctx.deps.db)).map(toEvaluationCycle);
}

/**
 * The submissions of the caller's scope with their evaluation state: the province's board (assign, review,
 * publish) and the evaluator's assignments with the evaluation deadline. An evaluator's scope is its agency's.
 */
export async function listEvaluations(
  ctx: RequestContext,
  q: Omit<TEvaluationListQuery, 'page' | 'pageSize'>,
  limit: number,
  offset: number,
): Promise<{ items: TEvaluationItem[]; total: number }> {
  const user = requireAction(ctx.user, 'assessment.read');
  const conds: SQL[] = [assessmentSubmissionScope(user)];
  if (q.cycleId) conds.push(eq(assessmentSubmissions.cycleId, q.cycleId));
  if (q.status) conds.push(eq(assessmentSubmissions.status, q.status));
  const { rows, total } = await listSubmissionRows(ctx.deps.db, and(...conds), limit, offset);
  return { items: rows.map((r) => toItem(user, r)), total };
}

/**
 * One submission's evaluation (Art. 12(二)(3)): the figures snapshot and the engine's points per indicator, the
 * evaluator's scores and remarks, the on-site inspections with their photos, the total and grade, the timeline.
 * The province and the assigned evaluator see it at every stage; the centre's operator and its officials only the
 * status until publication.
 */
export async function getEvaluation(ctx: RequestContext, submissionId: number): Promise<TEvaluation> {
  const { user, row } = await loadSubmission(ctx, submissionId);
  requireAction(user, 'assessment.read');
  const db = ctx.deps.db;
  const visible = breakdownVisibleTo(user, row.s.status);
  const open = row.cycle.status === 'open';
  const evaluating = row.s.status === 'assigned' || row.s.status === 'sent_back';
  const files = (
    await listOwnerFiles(db, { kind: 'assessment_submission', centreId: row.s.centreId, submissionId })
  ).map(toStoredFile);
  const events = (await eventRows(db, submissionId)).map((e) => ({
    action: e.e.action,
    fromStatus: e.e.fromStatus,
    toStatus: e.e.toStatus,
    reason: e.e.reason,
    actorName: e.actorName,
    actorRole: e.e.actorRole,
    at: e.e.at.toISOString(),
  }));
  const base = {
    submissionId,
    cycle: toEvaluationCycle(row.cycle),
    centreId: row.s.centreId,
    centreName: row.centreName,
    operatorName: row.operatorName,
    status: row.s.status,
    agencyId: row.s.agencyId,
    agencyName: row.agencyName,
    statement: row.s.statement,
    files,
    events,
    can: {
      inspect: user.role === 'evaluator' && open && evaluating,
      score: user.role === 'evaluator' && open && evaluating,
      sendBack: user.role === 'province' && open && (row.s.status === 'scored' || row.s.status === 'confirmed'),
      confirm: user.role === 'province' && open && row.s.status === 'scored',
    },
  };
  if (!visible)
    return {
      ...base,
      breakdownVisible: false,
      indicators: [],
      inspections: [],
      computedTotal: null,
      computedGrade: null,
      complete: false,
      total: null,
      grade: null,
      scoredAt: null,
      scoredByName: null,
    };
  const system = systemOf(row);
  const scores = await scoreRows(db, submissionId);
  const remarks = new Map(scores.map((s) => [s.indicatorKey, s.remark]));
  const result = scoreSubmission({
    system,
    values: metricValuesOf(row.s.metrics),
    evaluatorScores: Object.fromEntries(scores.map((s) => [s.indicatorKey, Number(s.score)])),
    cohort: await cohortOf(db, row.s.cycleId),
  });
  const inspections = await Promise.all(
    (await inspectionRows(db, submissionId)).map(async (i) => ({
      id: i.i.id,
      inspectedOn: i.i.inspectedOn,
      peopleMet: i.i.peopleMet,
      findings: i.i.findings,
      recordedByName: i.recordedByName,
      createdAt: i.i.createdAt.toISOString(),
      photos: (
        await listOwnerFiles(db, { kind: 'assessment_inspection', centreId: row.s.centreId, inspectionId: i.i.id })
      ).map(toStoredFile),
    })),
  );
  const byKey = new Map(system.indicators.map((i) => [i.key, i]));
  return {
    ...base,
    breakdownVisible: true,
    indicators: result.indicators.map((s) => {
      const ind = byKey.get(s.key);
      if (!ind) throw new AppError('INTERNAL', {}, `indicator ${s.key} vanished`);
      return {
        key: s.key,
        group: ind.group,
        name: ind.name,
        weight: ind.weight,
        metric: ind.metric,
        article: ind.article,
        guidance: ind.guidance,
        source: s.source,
        value: s.value,
        points: s.points,
        share: s.share,
        rule: s.rule,
        remark: remarks.get(s.key) ?? null,
      };
    }),
    inspections,
    computedTotal: result.total,
    computedGrade: result.complete ? result.grade : null,
    complete: result.complete,
    total: numberOrNull(row.s.total),
    grade: row.s.grade,
    scoredAt: row.s.scoredAt?.toISOString() ?? null,
    scoredByName: row.scoredByName,
  };
}
