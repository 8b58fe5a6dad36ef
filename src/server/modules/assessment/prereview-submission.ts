import { and, eq } from 'drizzle-orm';
import type { TPrereviewRequest, TSubmissionDetail } from '../../../contracts/assessment-cycle';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { assessmentSubmissionEvents, assessmentSubmissions } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { deliverOutbound, notify, type OutboundMessage } from '../message/notify';
import { getSubmissionDetail } from './assessment.presenter';
import { loadSubmissionFor, requireCycleOpen } from './load-submission';
import { nextSubmissionStatus } from './submission.machine';

/**
 * 初审 (Art. 12(二)(2)): the city passes its centre's submission — and answers for the truth and legality of what it
 * passes, so the reviewer and the time are kept on the row and the timeline — or returns it with the reasons for
 * correction (required). A decision after the pre-review deadline is accepted and shown as late (decision 0029).
 */
export async function prereviewSubmission(
  ctx: RequestContext,
  id: number,
  request: TPrereviewRequest,
): Promise<TSubmissionDetail> {
  const { user, row, cycle } = await loadSubmissionFor(ctx, id, 'assessment.prereview', request.version);
  requireCycleOpen(cycle);
  const s = row.s;
  const to = nextSubmissionStatus(s.status, request.decision);
  const now = ctx.deps.clock();
  const late = beijingDay(now) > cycle.prereviewDue;
  const reason = request.reason.trim() || null;
  const actorId = user.id === SYSTEM_USER_ID ? null : user.id;
  const sent = await ctx.deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(assessmentSubmissions)
      .set({
        status: to,
        prereviewDecision: request.decision === 'pass' ? 'passed' : 'returned',
        prereviewReason: reason,
        prereviewedBy: actorId,
        prereviewedAt: now,
        version: s.version + 1,
        updatedAt: now,
      })
      .where(and(eq(assessmentSubmissions.id, id), eq(assessmentSubmissions.version, s.version)))
      .returning();
    if (!after) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
    await tx.insert(assessmentSubmissionEvents).values({
      submissionId: id,
      action: request.decision,
      fromStatus: s.status,
      toStatus: to,
      reason,
      actorId,
      actorRole: user.role,
      at: now,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.submission.prereviewed',
      objectType: 'assessment_submission',
      objectId: id,
      before: { status: s.status, version: s.version },
      after: { status: to, version: after.version, decision: request.decision, reason, late },
    });
    const out: OutboundMessage[] = [];
    if (request.decision === 'return') {
      out.push(
        ...(await notify(
          tx,
          { centreId: s.centreId },
          {
            kind: 'assessment.returned',
            params: { year: row.year, reason: reason ?? '' },
            link: `/assessment/submissions/${id}`,
            at: now,
          },
        )),
      );
    }
    return out;
  });
  deliverOutbound(ctx.deps, sent);
  return getSubmissionDetail(ctx, id);
}
