import { and, eq } from 'drizzle-orm';
import type { TCentreDetail, TTransitionRequest } from '../../../contracts/centre';
import { auditContext, type RequestContext } from '../../context';
import { centres } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreScope } from '../../lib/access/scope';
import type { TAuditAction } from '../../lib/audit';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { attachToEvent } from '../attachment/attachment-files';
import { CENTRE_TRANSITIONS, nextStatus } from './centre.machine';
import { currentPolicyFor, getCentreDetail } from './centre.presenter';
import { findCentre } from './centre.repository';
import { recordCentreEvent } from './centre-events';
import { enforceCentreRules } from './check-centre-rules';
import { issueDecisionLetter } from './issue-decision-letter';

export type ApplicationStep = 'submit' | 'forward' | 'return' | 'approve' | 'reject';

const AUDIT: Record<ApplicationStep, TAuditAction> = {
  submit: 'centre.submitted',
  forward: 'centre.forwarded',
  return: 'centre.returned',
  approve: 'centre.approved',
  reject: 'centre.rejected',
};

/**
 * One step of the set-up workflow (Art. 9(三)): county submits → city forwards or returns → province approves or
 * rejects. Scope first (404), then role (403), then state (409), then the rules (Art. 6, 9(二)) on submit and
 * approve; the write is guarded by the version the officer saw, so of two acting at once exactly one wins.
 */
export async function transitionCentre(
  ctx: RequestContext,
  id: number,
  step: ApplicationStep,
  input: TTransitionRequest,
): Promise<TCentreDetail> {
  const rule = CENTRE_TRANSITIONS[step];
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  // Scope before role: a record outside the scope does not exist for this user, whatever the role.
  const current = await findCentre(db, centreScope(ctx.user), id);
  if (!current) throw new AppError('NOT_FOUND', { id });
  requireAction(ctx.user, rule.action);
  const to = nextStatus(current.status, step);
  if (rule.reasonRequired && !input.comment) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'comment', reason: 'required' }], summary: 'comment' });
  }
  if (current.version !== input.version) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
  const policy = await currentPolicyFor(ctx, current.cityCode);
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    const verdicts = step === 'submit' || step === 'approve' ? await enforceCentreRules(tx, current, policy, step) : [];
    const updated = await tx
      .update(centres)
      .set({
        status: to,
        version: input.version + 1,
        updatedAt: now,
        ...(step === 'submit' ? { submittedAt: now } : {}),
        ...(step === 'approve' ? { recognisedAt: now, approvalPolicyVersion: policy.version } : {}),
      })
      .where(and(eq(centres.id, id), eq(centres.version, input.version), eq(centres.status, current.status)))
      .returning({ id: centres.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    const eventId = await recordCentreEvent(
      tx,
      ctx,
      { centreId: id, action: step, from: current.status, to, comment: input.comment },
      now,
    );
    if (input.attachmentIds?.length) await attachToEvent(tx, id, eventId, input.attachmentIds);
    if (step === 'approve') {
      await issueDecisionLetter(
        tx,
        ctx,
        {
          kind: 'approval',
          centreId: id,
          changeId: null,
          reason: input.comment || `经${current.cityName}商务局报送，核准在${current.parkName}设立${current.name}。`,
          content: { centre: current.name, park: current.parkName, venueArea: Number(current.venueArea), verdicts },
        },
        now,
      );
    }
    await writeAudit(tx, auditContext(ctx, now), {
      action: AUDIT[step],
      objectType: 'centre',
      objectId: id,
      before: { status: current.status, version: current.version },
      after: {
        status: to,
        version: input.version + 1,
        comment: input.comment ?? null,
        policyVersion: policy.version,
        verdicts,
      },
    });
  });
  return getCentreDetail(ctx, id);
}
