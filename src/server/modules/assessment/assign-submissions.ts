import type { TAssignRequest } from '../../../contracts/assessment-evaluation';
import { auditContext, type RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { deliverOutbound, notify } from '../message/notify';
import { findAgency, findCycle, submissionsOfCycle } from './evaluation.repository';
import {
  moveSubmission,
  notInEvaluation,
  requireCycleOpen,
  STEP_LABELS,
  writeSubmissionEvent,
} from './evaluation-steps';
import { canTakeStep } from './submission.machine';

/**
 * Art. 12(二)(3): the province assigns submissions the city passed to a third-party agency — one or many at once;
 * one still 'assigned' and unscored may go to another agency. Every submission named must belong to the cycle and
 * be assignable, or nothing is assigned. Each gets its event row and audit entry in one transaction; the agency's
 * evaluators are told (message centre) with the evaluation deadline.
 */
export async function assignSubmissions(
  ctx: RequestContext,
  cycleId: number,
  input: TAssignRequest,
): Promise<{ assigned: number[] }> {
  const user = requireAction(ctx.user, 'assessment.manage');
  const cycle = await findCycle(ctx.deps.db, cycleId);
  if (!cycle) throw new AppError('NOT_FOUND', { id: cycleId });
  requireCycleOpen(cycle.c);
  const agency = await findAgency(ctx.deps.db, input.agencyId);
  if (!agency) throw invalidField('agencyId', { 'zh-CN': '评估机构不存在', en: 'no such evaluation agency' });
  const ids = [...new Set(input.submissionIds)];
  const rows = (await submissionsOfCycle(ctx.deps.db, cycleId)).filter((r) => ids.includes(r.s.id));
  if (rows.length !== ids.length) {
    const missing = ids.filter((id) => !rows.some((r) => r.s.id === id));
    throw invalidField('submissionIds', {
      'zh-CN': `考核材料 ${missing.join('、')} 不属于本年度考核`,
      en: `submissions ${missing.join(', ')} are not of this cycle`,
    });
  }
  for (const r of rows) if (!canTakeStep(r.s.status, 'assign')) throw notInEvaluation(r.s.status, STEP_LABELS.assign);
  const now = ctx.deps.clock();
  const sent = await ctx.deps.db.transaction(async (tx) => {
    for (const r of rows) {
      const moved = await moveSubmission(tx, r, 'assign', { agencyId: agency.id, assignedAt: now }, now);
      const reassigned = r.s.agencyId !== null && r.s.agencyId !== agency.id;
      await writeSubmissionEvent(tx, user, {
        submissionId: r.s.id,
        action: 'assign',
        from: r.s.status,
        to: moved.status,
        reason: reassigned ? `改派：${r.agencyName ?? ''} → ${agency.name}` : agency.name,
        at: now,
      });
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'assessment.submission.assigned',
        objectType: 'assessment_submission',
        objectId: r.s.id,
        before: { status: r.s.status, agencyId: r.s.agencyId },
        after: { status: moved.status, agencyId: agency.id, agencyName: agency.name },
      });
    }
    return notify(
      tx,
      { evaluatorsOfAgency: agency.id },
      {
        kind: 'assessment.assigned',
        params: { year: cycle.c.year, count: rows.length, dueOn: cycle.c.evaluationDue },
        link: '/',
        subject: `assessment_cycle:${cycleId}`,
        at: now,
      },
    );
  });
  deliverOutbound(ctx.deps, sent);
  return { assigned: rows.map((r) => r.s.id) };
}
