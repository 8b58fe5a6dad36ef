import { and, eq } from 'drizzle-orm';
import { SUBMISSION_STATUS_NAMES } from '../../../contracts/assessment';
import type { TSubmissionDetail } from '../../../contracts/assessment-cycle';
import { auditContext, type RequestContext } from '../../context';
import { assessmentSubmissions } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidTransition } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { getSubmissionDetail } from './assessment.presenter';
import { loadSubmissionFor, requireCycleOpen } from './load-submission';
import { isEditable, requireSubmissionOpen } from './submission-rules';

/**
 * Art. 12(二)(2): the operator writes its own account of the year (自评报告) and saves it as a draft before it
 * submits; only while the material is its to change (draft or returned) and the deadline has not passed.
 */
export async function saveStatement(
  ctx: RequestContext,
  id: number,
  request: { version: number; statement: string },
): Promise<TSubmissionDetail> {
  const { row, cycle } = await loadSubmissionFor(ctx, id, 'assessment.submit', request.version);
  requireCycleOpen(cycle);
  const s = row.s;
  if (!isEditable(s.status))
    throw invalidTransition(s.status, SUBMISSION_STATUS_NAMES[s.status], {
      'zh-CN': '修改自评材料',
      en: 'edit the statement',
    });
  const now = ctx.deps.clock();
  requireSubmissionOpen(s, cycle, beijingDay(now));
  await ctx.deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(assessmentSubmissions)
      .set({ statement: request.statement || null, version: s.version + 1, updatedAt: now })
      .where(and(eq(assessmentSubmissions.id, id), eq(assessmentSubmissions.version, s.version)))
      .returning();
    if (!after) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.statement.saved',
      objectType: 'assessment_submission',
      objectId: id,
      before: { statement: s.statement, version: s.version },
      after: { statement: after.statement, version: after.version },
    });
  });
  return getSubmissionDetail(ctx, id);
}
