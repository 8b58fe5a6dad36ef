import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { TOperatorChange, TOperatorChangeListQuery } from '../../../contracts/engagement';
import type { RequestContext } from '../../context';
import { operatorChanges } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import type { SessionUser } from '../../lib/access/session-user';
import { engagementPolicy } from './engagement.presenter';
import { listOperatorChangeRows, operatorChangeScope, toOperatorChange } from './operator-change.repository';

/** An approved change whose handover (工作交接) still has an item not done. */
export const handoverUnfinished = sql`exists (select 1 from jsonb_array_elements(${operatorChanges.handover}) h
  where (h->>'done')::boolean is not true)`;

/**
 * The changes waiting for the caller's step (Art. 10(六)): the city forwards, the province decides, the county
 * completes the handover of an approved change. Nobody else has a step in them.
 */
export function changeAwaitingStep(user: SessionUser): SQL {
  switch (user.role) {
    case 'city':
      return eq(operatorChanges.status, 'submitted');
    case 'province':
      return eq(operatorChanges.status, 'forwarded');
    case 'county':
      return and(eq(operatorChanges.status, 'approved'), handoverUnfinished) as SQL;
    default:
      return sql`false`;
  }
}

/** Applications to change an operator (Art. 10(六)) in the caller's scope; "awaiting me" is the caller's next step. */
export async function listOperatorChanges(
  ctx: RequestContext,
  q: TOperatorChangeListQuery,
): Promise<{ items: TOperatorChange[]; total: number }> {
  const user = requireAction(ctx.user, 'engagement.read');
  const conds: SQL[] = [operatorChangeScope(user)];
  if (q.status) conds.push(eq(operatorChanges.status, q.status));
  if (q.centreId) conds.push(eq(operatorChanges.centreId, q.centreId));
  if (q.awaitingMe === 'true') conds.push(changeAwaitingStep(user));
  const { timeline } = await engagementPolicy(ctx);
  const { rows, total } = await listOperatorChangeRows(
    ctx.deps.db,
    and(...conds),
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map((r) => toOperatorChange(r, user, timeline)), total };
}
