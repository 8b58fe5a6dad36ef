import { and, eq } from 'drizzle-orm';
import { SUBMISSION_STATUS_NAMES } from '../../../contracts/assessment';
import type { TSubmissionDetail } from '../../../contracts/assessment-cycle';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { assessmentSubmissionEvents, assessmentSubmissions } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField, invalidTransition } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { zhDate } from '../../policy/rules/deadlines';
import { deliverOutbound, notify } from '../message/notify';
import { getSubmissionDetail } from './assessment.presenter';
import { loadSubmissionFor, requireCycleOpen } from './load-submission';
import { isEditable } from './submission-rules';

/**
 * Art. 12(二)(2): past the deadline the province may reopen submission for one centre until a day it names (a
 * timeline entry without a change of status, and an audit entry); the centre is told after commit.
 */
export async function reopenSubmission(
  ctx: RequestContext,
  id: number,
  request: { version: number; until: string },
): Promise<TSubmissionDetail> {
  const { user, row, cycle } = await loadSubmissionFor(ctx, id, 'assessment.manage', request.version);
  requireCycleOpen(cycle);
  const s = row.s;
  if (!isEditable(s.status))
    throw invalidTransition(s.status, SUBMISSION_STATUS_NAMES[s.status], {
      'zh-CN': '重新开放提交',
      en: 'reopen submission',
    });
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  if (request.until < today)
    throw invalidField('until', {
      'zh-CN': `重新开放的截止日期须不早于今天（${zhDate(today)}）`,
      en: `must be today (${today}) or later`,
    });
  const sent = await ctx.deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(assessmentSubmissions)
      .set({ reopenedUntil: request.until, version: s.version + 1, updatedAt: now })
      .where(and(eq(assessmentSubmissions.id, id), eq(assessmentSubmissions.version, s.version)))
      .returning();
    if (!after) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
    await tx.insert(assessmentSubmissionEvents).values({
      submissionId: id,
      action: 'reopen',
      fromStatus: s.status,
      toStatus: s.status,
      reason: request.until,
      actorId: user.id === SYSTEM_USER_ID ? null : user.id,
      actorRole: user.role,
      at: now,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.submission.reopened',
      objectType: 'assessment_submission',
      objectId: id,
      before: { reopenedUntil: s.reopenedUntil, version: s.version },
      after: { reopenedUntil: after.reopenedUntil, version: after.version },
    });
    return notify(
      tx,
      { centreId: s.centreId },
      {
        kind: 'assessment.reopened',
        params: { year: row.year, until: request.until },
        link: `/assessment/submissions/${id}`,
        at: now,
      },
    );
  });
  deliverOutbound(ctx.deps, sent);
  return getSubmissionDetail(ctx, id);
}
