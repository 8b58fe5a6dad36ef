import type { TCentreEvent, TCentreStatus } from '../../../contracts/centre';
import type { RequestContext } from '../../context';
import { SYSTEM_USER_ID } from '../../context';
import type { Db } from '../../db/client';
import { centreEvents } from '../../db/schema';

/** One line of the centre's timeline, in the caller's transaction. */
export async function recordCentreEvent(
  tx: Db,
  ctx: RequestContext,
  e: {
    centreId: number;
    action: TCentreEvent['action'];
    from: TCentreStatus | null;
    to: TCentreStatus;
    comment?: string | null;
  },
  at: Date,
): Promise<number> {
  const user = ctx.user;
  const [row] = await tx
    .insert(centreEvents)
    .values({
      centreId: e.centreId,
      action: e.action,
      fromStatus: e.from,
      toStatus: e.to,
      comment: e.comment ?? null,
      actorId: user && user.id !== SYSTEM_USER_ID ? user.id : null,
      actorName: user?.displayName ?? null,
      actorRole: user?.role ?? null,
      at,
    })
    .returning({ id: centreEvents.id });
  if (!row) throw new Error('event insert returned nothing');
  return row.id;
}
