import { and, eq } from 'drizzle-orm';
import type { TSubmissionDetail } from '../../../contracts/assessment-cycle';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { assessmentSubmissionEvents, assessmentSubmissions } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { getSubmissionDetail, liveSnapshot } from './assessment.presenter';
import { loadSubmissionFor, requireCycleOpen } from './load-submission';
import { nextSubmissionStatus } from './submission.machine';
import { requireSubmissionOpen } from './submission-rules';

/**
 * Art. 12(二)(2), Art. 8: the operator submits its centre's material. The figures the platform computes from its
 * records are taken as a snapshot into `metrics` now, so what the city passes is what the evaluator scores. Refused
 * after the centre's deadline (Beijing day, inclusive) with the deadline named, unless the province reopened it.
 */
export async function submitSubmission(
  ctx: RequestContext,
  id: number,
  request: { version: number },
): Promise<TSubmissionDetail> {
  const { user, row, cycle } = await loadSubmissionFor(ctx, id, 'assessment.submit', request.version);
  requireCycleOpen(cycle);
  const s = row.s;
  const to = nextSubmissionStatus(s.status, 'submit');
  const now = ctx.deps.clock();
  requireSubmissionOpen(s, cycle, beijingDay(now));
  const snapshot = await liveSnapshot(ctx.deps.db, row.year, s.centreId, now);
  const actorId = user.id === SYSTEM_USER_ID ? null : user.id;
  await ctx.deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(assessmentSubmissions)
      .set({
        status: to,
        metrics: snapshot,
        metricsComputedAt: now,
        submittedAt: now,
        submittedBy: actorId,
        version: s.version + 1,
        updatedAt: now,
      })
      .where(and(eq(assessmentSubmissions.id, id), eq(assessmentSubmissions.version, s.version)))
      .returning();
    if (!after) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
    await tx.insert(assessmentSubmissionEvents).values({
      submissionId: id,
      action: 'submit',
      fromStatus: s.status,
      toStatus: to,
      reason: null,
      actorId,
      actorRole: user.role,
      at: now,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.submission.submitted',
      objectType: 'assessment_submission',
      objectId: id,
      before: { status: s.status, version: s.version },
      after: { status: to, version: after.version, metrics: snapshot },
    });
  });
  return getSubmissionDetail(ctx, id);
}
