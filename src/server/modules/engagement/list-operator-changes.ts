import { and, eq, type SQL } from 'drizzle-orm';
import type { TOperatorChange, TOperatorChangeListQuery } from '../../../contracts/engagement';
import type { RequestContext } from '../../context';
import { operatorChanges } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { engagementPolicy } from './engagement.presenter';
import { listOperatorChangeRows, operatorChangeScope, toOperatorChange } from './operator-change.repository';

/** Applications to change an operator (Art. 10(六)) in the caller's scope; "awaiting me" is the caller's next step. */
export async function listOperatorChanges(
  ctx: RequestContext,
  q: TOperatorChangeListQuery,
): Promise<{ items: TOperatorChange[]; total: number }> {
  const user = requireAction(ctx.user, 'engagement.read');
  const conds: SQL[] = [operatorChangeScope(user)];
  if (q.status) conds.push(eq(operatorChanges.status, q.status));
  if (q.centreId) conds.push(eq(operatorChanges.centreId, q.centreId));
  if (q.awaitingMe === 'true') {
    if (user.role === 'city') conds.push(eq(operatorChanges.status, 'submitted'));
    else if (user.role === 'province') conds.push(eq(operatorChanges.status, 'forwarded'));
    else conds.push(eq(operatorChanges.status, 'approved'));
  }
  const { policy } = await engagementPolicy(ctx);
  const { rows, total } = await listOperatorChangeRows(
    ctx.deps.db,
    and(...conds),
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map((r) => toOperatorChange(r, user, policy)), total };
}
