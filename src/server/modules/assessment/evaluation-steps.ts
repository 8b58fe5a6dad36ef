import { and, eq, sql } from 'drizzle-orm';
import {
  SUBMISSION_STATUS_NAMES,
  type TSubmissionAction,
  type TSubmissionStatus,
  ZIndicatorSystemBody,
} from '../../../contracts/assessment';
import { type RequestContext, SYSTEM_USER_ID } from '../../context';
import type { Db } from '../../db/client';
import { assessmentSubmissionEvents, assessmentSubmissions } from '../../db/schema';
import { assessmentSubmissionScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { findSubmission, type SubmissionRow } from './evaluation.repository';
import { nextSubmissionStatus, SUBMISSION_ACTION_LABELS } from './submission.machine';

/*
 * What every step of the evaluation shares: loading the submission through the caller's scope (404 outside it),
 * the cycle still open, the machine's next status, and the submission's event row (its timeline, Art. 12(二)).
 */

/** Step one of every use case: the submission through the caller's scope, or NOT_FOUND (its existence not revealed). */
export async function loadSubmission(
  ctx: RequestContext,
  id: number,
): Promise<{ user: SessionUser; row: SubmissionRow }> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findSubmission(ctx.deps.db, assessmentSubmissionScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  return { user: ctx.user, row };
}

/** Art. 12(三): a published cycle's results are final. */
export function requireCycleOpen(cycle: SubmissionRow['cycle']): void {
  if (cycle.status === 'published')
    throw new AppError('ASSESSMENT_CYCLE_PUBLISHED', {
      year: cycle.year,
      publishedOn: cycle.publishedAt ? cycle.publishedAt.toISOString().slice(0, 10) : '',
    });
}

/** The machine's next status; inspections and scores outside the evaluation stage refuse in words. */
export function stepOf(status: TSubmissionStatus, action: TSubmissionAction): TSubmissionStatus {
  return nextSubmissionStatus(status, action);
}

export function notInEvaluation(status: TSubmissionStatus, step: { 'zh-CN': string; en: string }): AppError {
  return new AppError('ASSESSMENT_NOT_IN_EVALUATION', {
    status,
    'statusLabel_zh-CN': SUBMISSION_STATUS_NAMES[status]['zh-CN'],
    statusLabel_en: SUBMISSION_STATUS_NAMES[status].en,
    'stepLabel_zh-CN': step['zh-CN'],
    stepLabel_en: step.en,
  });
}

/** The frozen system of the submission's cycle, as data (decision 0029). */
export function systemOf(row: { systemBody: unknown }) {
  return ZIndicatorSystemBody.parse(row.systemBody);
}

/**
 * Moves the submission from the status the use case checked to the next one, in the caller's transaction; a
 * submission another request moved meanwhile answers VERSION_CONFLICT and nothing is written.
 */
export async function moveSubmission(
  tx: Db,
  row: SubmissionRow,
  action: TSubmissionAction,
  set: Partial<typeof assessmentSubmissions.$inferInsert>,
  at: Date,
) {
  const to = stepOf(row.s.status, action);
  const [moved] = await tx
    .update(assessmentSubmissions)
    .set({ ...set, status: to, updatedAt: at, version: sql`${assessmentSubmissions.version} + 1` })
    .where(and(eq(assessmentSubmissions.id, row.s.id), eq(assessmentSubmissions.version, row.s.version)))
    .returning();
  if (!moved) throw new AppError('VERSION_CONFLICT', { id: row.s.id });
  return moved;
}

export async function writeSubmissionEvent(
  tx: Db,
  user: SessionUser,
  e: {
    submissionId: number;
    action: string;
    from: TSubmissionStatus | null;
    to: TSubmissionStatus | null;
    reason?: string | null;
    at: Date;
  },
): Promise<void> {
  await tx.insert(assessmentSubmissionEvents).values({
    submissionId: e.submissionId,
    action: e.action,
    fromStatus: e.from,
    toStatus: e.to,
    reason: e.reason ?? null,
    actorId: user.id === SYSTEM_USER_ID ? null : user.id,
    actorRole: user.role,
    at: e.at,
  });
}

export const STEP_LABELS = {
  ...SUBMISSION_ACTION_LABELS,
  inspect: { 'zh-CN': '记录实地考察', en: 'record an on-site inspection' },
} as const;

/** numeric columns come back as strings: points with 2 decimals as a number. */
export function numberOrNull(v: string | number | null): number | null {
  return v === null ? null : Number(v);
}
