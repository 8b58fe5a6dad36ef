import {
  METRIC_KEYS,
  SUBMISSION_STATUSES,
  type TMetricSnapshot,
  type TSubmissionStatus,
  ZIndicatorSystemBody,
  ZMetricSnapshot,
} from '../../../contracts/assessment';
import type {
  TAssessmentCycle,
  TIndicatorSystem,
  TStatusCounts,
  TSubmissionDetail,
  TSubmissionSummary,
} from '../../../contracts/assessment-cycle';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { assessmentSubmissionScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { listOwnerFiles, toStoredFile } from '../attachment/attachment-files';
import {
  type CycleRow,
  displayNames,
  findSubmission,
  findSystem,
  type SubmissionListRow,
  type SystemRow,
  selectCycles,
  selectEvents,
  statusCounts,
} from './assessment.repository';
import { computeYearMetrics } from './metrics';
import { dueForCentre, stepsFor } from './submission-rules';

/*
 * What the assessment's pages and answers show: systems, cycles with their counts, submissions with their timeline.
 * Shared by the submission and pre-review work and the evaluation work (issue 14), so both answer the same shapes.
 */

export function toSystem(row: SystemRow, usedBy: number[]): TIndicatorSystem {
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    status: row.status,
    basedOn: row.basedOn,
    body: ZIndicatorSystemBody.parse(row.body),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    frozenAt: row.frozenAt?.toISOString() ?? null,
    usedBy,
    version: row.version,
  };
}

export function emptyCounts(): TStatusCounts {
  return Object.fromEntries(SUBMISSION_STATUSES.map((s) => [s, 0])) as TStatusCounts;
}

/** Cycles with their submissions counted by status within the caller's scope. */
export async function presentCycles(db: Db, user: SessionUser, id?: number): Promise<TAssessmentCycle[]> {
  const rows = await selectCycles(db, id);
  const counted = await statusCounts(
    db,
    assessmentSubmissionScope(user),
    rows.map((r) => r.c.id),
  );
  return rows.map(({ c, systemTitle, openedByName }) => {
    const counts = emptyCounts();
    for (const r of counted) if (r.cycleId === c.id) counts[r.status as TSubmissionStatus] = Number(r.n);
    return {
      ...cycleFields(c),
      systemTitle,
      openedByName: openedByName ?? null,
      counts,
      total: Object.values(counts).reduce((a, n) => a + n, 0),
    };
  });
}

function cycleFields(c: CycleRow) {
  return {
    id: c.id,
    year: c.year,
    title: c.title,
    notice: c.notice,
    systemId: c.systemId,
    submissionDue: c.submissionDue,
    prereviewDue: c.prereviewDue,
    evaluationDue: c.evaluationDue,
    status: c.status,
    policyVersion: c.policyVersion,
    openedAt: c.openedAt.toISOString(),
  };
}

export function toSubmissionSummary(r: SubmissionListRow): TSubmissionSummary {
  const s = r.s;
  return {
    id: s.id,
    cycleId: s.cycleId,
    year: r.year,
    centreId: s.centreId,
    centreName: r.centreName,
    cityCode: s.cityCode,
    cityName: r.cityName,
    countyCode: s.countyCode,
    countyName: r.countyName,
    operatorId: s.operatorId,
    operatorName: r.operatorName ?? null,
    status: s.status,
    submittedAt: s.submittedAt?.toISOString() ?? null,
    prereviewedAt: s.prereviewedAt?.toISOString() ?? null,
    reopenedUntil: s.reopenedUntil,
    version: s.version,
  };
}

/** The figures as computed now for a centre and year (the operator's page before it submits). */
export async function liveSnapshot(db: Db, year: number, centreId: number, at: Date): Promise<TMetricSnapshot> {
  const computed = (await computeYearMetrics(db, year, [centreId])).get(centreId);
  const values = Object.fromEntries(METRIC_KEYS.map((k) => [k, computed?.values[k] ?? null]));
  // The snapshot's record is exhaustive (zod 4): a figure without evidence yet gets an empty one.
  const evidence = Object.fromEntries(METRIC_KEYS.map((k) => [k, computed?.evidence[k] ?? {}]));
  return ZMetricSnapshot.parse({
    year,
    values,
    evidence,
    computedAt: at.toISOString(),
  });
}

/** One submission for a caller who may see it (404 otherwise): figures, statement, files, timeline, next steps. */
export async function getSubmissionDetail(ctx: RequestContext, id: number): Promise<TSubmissionDetail> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const row = await findSubmission(db, assessmentSubmissionScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const s = row.s;
  const [cycleRow] = await selectCycles(db, s.cycleId);
  if (!cycleRow) throw new AppError('NOT_FOUND', { id });
  const cycle = cycleRow.c;
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  const [system, events, files, names] = await Promise.all([
    findSystem(db, cycle.systemId),
    selectEvents(db, s.id),
    listOwnerFiles(db, { kind: 'assessment_submission', centreId: s.centreId, submissionId: s.id }),
    displayNames(db, [s.submittedBy, s.prereviewedBy]),
  ]);
  if (!system) throw new Error(`cycle ${cycle.id} has no system`);
  const snapshot = s.metrics ? ZMetricSnapshot.safeParse(s.metrics) : null;
  const figures = snapshot?.success ? snapshot.data : await liveSnapshot(db, row.year, s.centreId, now);
  return {
    ...toSubmissionSummary(row),
    cycleTitle: cycle.title,
    submissionDue: cycle.submissionDue,
    prereviewDue: cycle.prereviewDue,
    dueForCentre: dueForCentre(s, cycle),
    statement: s.statement,
    figures,
    figuresAreSnapshot: Boolean(snapshot?.success),
    system: { id: system.id, title: system.title, body: ZIndicatorSystemBody.parse(system.body) },
    submittedByName: s.submittedBy ? (names.get(s.submittedBy) ?? null) : null,
    prereviewDecision: s.prereviewDecision,
    prereviewReason: s.prereviewReason,
    prereviewedByName: s.prereviewedBy ? (names.get(s.prereviewedBy) ?? null) : null,
    events: events.map(({ e, actorName }) => ({
      id: e.id,
      action: e.action,
      fromStatus: (e.fromStatus as TSubmissionStatus | null) ?? null,
      toStatus: (e.toStatus as TSubmissionStatus | null) ?? null,
      reason: e.reason,
      actorName: actorName ?? null,
      actorRole: e.actorRole,
      at: e.at.toISOString(),
      // Art. 12(二)(2): a pre-review after its deadline is accepted and shown as late (decision 0029).
      late: (e.action === 'pass' || e.action === 'return') && beijingDay(e.at) > cycle.prereviewDue,
    })),
    attachments: files.map(toStoredFile),
    steps: stepsFor(ctx.user, s, cycle, today),
  };
}
