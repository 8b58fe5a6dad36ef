import type { TActivityDetail, TActivityInput } from '../../../contracts/activity';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { activities, activityEnterprises } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { getActivityDetail } from './activity.presenter';
import { checkActivityInput, ownCentreForActivities } from './activity-rules';

/** The columns an activity's input sets, as stored (empty optional text kept as null). */
export function activityValues(input: TActivityInput) {
  return {
    kind: input.kind,
    subKind: input.subKind || null,
    title: input.title,
    startOn: input.startOn,
    endOn: input.endOn,
    place: input.place,
    participantCount: input.participantCount,
    description: input.description || null,
  };
}

/**
 * Art. 5(十)(十二)(十四)(十五), Art. 12(一): the operator records a training, policy promotion, market-expansion trip or
 * exhibition its centre organised, with the enterprises that took part. The region and park are the centre's, so
 * the county, city and park see it in their scope; the row, its participants and the audit entry go in one
 * transaction.
 */
export async function recordActivity(ctx: RequestContext, input: TActivityInput): Promise<TActivityDetail> {
  const user = requireAction(ctx.user, 'activity.manage');
  const centre = await ownCentreForActivities(ctx, user);
  const enterpriseIds = await checkActivityInput(ctx, user, input);
  const now = ctx.deps.clock();
  const id = await ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(activities)
      .values({
        ...activityValues(input),
        centreId: centre.id,
        countyCode: centre.countyCode,
        cityCode: centre.cityCode,
        parkId: centre.parkId,
        createdBy: user.id === SYSTEM_USER_ID ? null : user.id,
        isDemo: centre.isDemo,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    if (enterpriseIds.length > 0) {
      await tx
        .insert(activityEnterprises)
        .values(enterpriseIds.map((enterpriseId) => ({ activityId: row.id, centreId: row.centreId, enterpriseId })));
    }
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'activity.created',
      objectType: 'activity',
      objectId: row.id,
      after: { ...row, enterpriseIds },
    });
    return row.id;
  });
  return getActivityDetail(ctx, id);
}
