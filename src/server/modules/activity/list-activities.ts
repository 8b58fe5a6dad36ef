import { and, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { TActivity, TActivityListQuery } from '../../../contracts/activity';
import type { RequestContext } from '../../context';
import { activities } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { toActivity } from './activity.presenter';
import { activityScope, listActivityRows } from './activity.repository';

/**
 * The activities of the caller's scope, latest first. `from`/`to` keep the activities held at least partly within
 * those days (a three-day fair that opens on the 30th counts for both months).
 */
export async function listActivities(
  ctx: RequestContext,
  q: Omit<TActivityListQuery, 'page' | 'pageSize' | 'format'>,
  limit: number,
  offset: number,
): Promise<{ items: TActivity[]; total: number }> {
  const user = requireAction(ctx.user, 'activity.read');
  const conds: SQL[] = [activityScope(user)];
  if (q.centreId) conds.push(eq(activities.centreId, q.centreId));
  if (q.cityCode) conds.push(eq(activities.cityCode, q.cityCode));
  if (q.kind) conds.push(eq(activities.kind, q.kind));
  if (q.from) conds.push(gte(activities.endOn, q.from));
  if (q.to) conds.push(lte(activities.startOn, q.to));
  const { rows, total } = await listActivityRows(ctx.deps.db, and(...conds), limit, offset);
  return { items: rows.map(toActivity), total };
}
