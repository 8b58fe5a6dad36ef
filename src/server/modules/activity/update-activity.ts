import { and, eq } from 'drizzle-orm';
import type { TActivityDetail, TUpdateActivityRequest } from '../../../contracts/activity';
import { auditContext, type RequestContext } from '../../context';
import { activities, activityEnterprises } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { getActivityDetail } from './activity.presenter';
import { activityScope, findActivity, participantIds } from './activity.repository';
import { checkActivityInput, ownCentreForActivities } from './activity-rules';
import { activityValues } from './record-activity';

/**
 * The operator corrects an activity it recorded: every field, and the participant list is replaced by the one sent.
 * Scope first (404), then role (403), then the version the operator saw (409), then the centre's standing (409).
 */
export async function updateActivity(
  ctx: RequestContext,
  id: number,
  request: TUpdateActivityRequest,
): Promise<TActivityDetail> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const row = await findActivity(db, activityScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const user = requireAction(ctx.user, 'activity.manage');
  if (row.a.version !== request.version) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
  await ownCentreForActivities(ctx, user);
  const enterpriseIds = await checkActivityInput(ctx, user, request.activity, 'activity.');
  const beforeIds = await participantIds(db, id);
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(activities)
      .set({ ...activityValues(request.activity), version: request.version + 1, updatedAt: now })
      .where(and(eq(activities.id, id), eq(activities.version, request.version)))
      .returning();
    // Someone saved between our read and this write: the transaction ends here and nothing changes.
    if (!updated) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
    await tx.delete(activityEnterprises).where(eq(activityEnterprises.activityId, id));
    if (enterpriseIds.length > 0) {
      await tx
        .insert(activityEnterprises)
        .values(enterpriseIds.map((enterpriseId) => ({ activityId: id, centreId: updated.centreId, enterpriseId })));
    }
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'activity.updated',
      objectType: 'activity',
      objectId: id,
      before: { ...row.a, enterpriseIds: beforeIds },
      after: { ...updated, enterpriseIds: [...enterpriseIds].sort((x, y) => x - y) },
    });
  });
  return getActivityDetail(ctx, id);
}
