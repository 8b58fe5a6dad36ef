import type { TSendBackRequest } from '../../../contracts/assessment-evaluation';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { deliverOutbound, notify } from '../message/notify';
import { loadSubmission, moveSubmission, requireCycleOpen, writeSubmissionEvent } from './evaluation-steps';

/**
 * Art. 12(二)(3): the province reviews the agency's scores and sends a score back with its reason (a confirmed one
 * too, until the cycle is published); the agency's evaluators are told, and the evaluator rescores.
 */
export async function sendBackScore(ctx: RequestContext, submissionId: number, input: TSendBackRequest) {
  const { row } = await loadSubmission(ctx, submissionId);
  const user = requireAction(ctx.user, 'assessment.manage');
  requireCycleOpen(row.cycle);
  const now = ctx.deps.clock();
  const sent = await ctx.deps.db.transaction(async (tx) => {
    const moved = await moveSubmission(tx, row, 'sendBack', { confirmedBy: null, confirmedAt: null }, now);
    await writeSubmissionEvent(tx, user, {
      submissionId,
      action: 'sendBack',
      from: row.s.status,
      to: moved.status,
      reason: input.reason,
      at: now,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.submission.sentBack',
      objectType: 'assessment_submission',
      objectId: submissionId,
      before: { status: row.s.status, total: row.s.total, grade: row.s.grade },
      after: { status: moved.status, reason: input.reason },
    });
    if (row.s.agencyId === null) return [];
    return notify(
      tx,
      { evaluatorsOfAgency: row.s.agencyId },
      {
        kind: 'assessment.sentBack',
        params: { year: row.cycle.year, centreName: row.centreName, reason: input.reason },
        link: `/assessment/submissions/${submissionId}/evaluation`,
        subject: `assessment_submission:${submissionId}`,
        at: now,
      },
    );
  });
  deliverOutbound(ctx.deps, sent);
  return { status: 'sent_back' as const };
}

/** Art. 12(二)(3): the province confirms the agency's score and the grade the platform computed from it. */
export async function confirmScore(ctx: RequestContext, submissionId: number) {
  const { row } = await loadSubmission(ctx, submissionId);
  const user = requireAction(ctx.user, 'assessment.manage');
  requireCycleOpen(row.cycle);
  const now = ctx.deps.clock();
  await ctx.deps.db.transaction(async (tx) => {
    const moved = await moveSubmission(
      tx,
      row,
      'confirm',
      { confirmedBy: user.id === SYSTEM_USER_ID ? null : user.id, confirmedAt: now },
      now,
    );
    await writeSubmissionEvent(tx, user, {
      submissionId,
      action: 'confirm',
      from: row.s.status,
      to: moved.status,
      at: now,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.submission.confirmed',
      objectType: 'assessment_submission',
      objectId: submissionId,
      before: { status: row.s.status },
      after: { status: moved.status, total: row.s.total, grade: row.s.grade },
    });
  });
  return { status: 'confirmed' as const };
}
