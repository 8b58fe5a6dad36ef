import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { TOperatorChange, TOperatorChangeListQuery } from '../../../contracts/engagement';
import type { RequestContext } from '../../context';
import { operatorChanges } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { engagementPolicy } from './engagement.presenter';
import { listOperatorChangeRows, operatorChangeScope, toOperatorChange } from './operator-change.repository';

/** An approved change whose handover (工作交接) still has an item not done. */
export const handoverUnfinished = sql`exists (select 1 from jsonb_array_elements(${operatorChanges.handover}) h
  where (h->>'done')::boolean is not true)`;

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
    // The county's part after approval: the handover, until every item is done.
    else conds.push(and(eq(operatorChanges.status, 'approved'), handoverUnfinished) as SQL);
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
