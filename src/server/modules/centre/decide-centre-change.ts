import { and, eq } from 'drizzle-orm';
import type { TCentreDetail } from '../../../contracts/centre';
import { auditContext, type RequestContext } from '../../context';
import { centreChanges } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { applyCentreChange } from './apply-centre-change';
import { getCentreDetail } from './centre.presenter';
import { findCentre } from './centre.repository';
import { recordCentreEvent } from './centre-events';

/** Art. 9(四): the province approves (核准) or rejects a city's request to adjust or revoke a centre. */
export async function decideCentreChange(
  ctx: RequestContext,
  changeId: number,
  input: { decision: 'approve' | 'reject'; comment: string },
): Promise<TCentreDetail> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const [change] = await db.select().from(centreChanges).where(eq(centreChanges.id, changeId)).limit(1);
  const centre = change ? await findCentre(db, centreScope(ctx.user), change.centreId) : undefined;
  if (!change || !centre) throw new AppError('NOT_FOUND', { id: changeId });
  requireAction(ctx.user, 'centre.decideChange');
  if (change.status !== 'submitted') throw new AppError('CHANGE_NOT_PENDING', { id: changeId });
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    if (input.decision === 'approve') {
      await applyCentreChange(tx, ctx, { centre, change, comment: input.comment }, now);
      return;
    }
    const closed = await tx
      .update(centreChanges)
      .set({ status: 'rejected', decisionComment: input.comment, decidedAt: now })
      .where(and(eq(centreChanges.id, changeId), eq(centreChanges.status, 'submitted')))
      .returning({ id: centreChanges.id });
    if (closed.length === 0) throw new AppError('CHANGE_NOT_PENDING', { id: changeId });
    await recordCentreEvent(
      tx,
      ctx,
      {
        centreId: centre.id,
        action: 'change_rejected',
        from: centre.status,
        to: centre.status,
        comment: input.comment,
      },
      now,
    );
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'centre.change.rejected',
      objectType: 'centre_change',
      objectId: changeId,
      after: { comment: input.comment },
    });
  });
  return getCentreDetail(ctx, centre.id);
}
