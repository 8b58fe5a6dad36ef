import type { TEngagementStatus } from '../../../contracts/engagement';
import { type RequestContext, SYSTEM_USER_ID } from '../../context';
import type { Db } from '../../db/client';
import { engagementEvents } from '../../db/schema';

/** One line of the engagement's history, in the caller's transaction. */
export async function recordEngagementEvent(
  tx: Db,
  ctx: RequestContext,
  e: {
    engagementId: number;
    action: string;
    from: TEngagementStatus | null;
    to: TEngagementStatus;
    comment?: string | null;
  },
  at: Date,
): Promise<void> {
  const user = ctx.user;
  await tx.insert(engagementEvents).values({
    engagementId: e.engagementId,
    action: e.action,
    fromStatus: e.from,
    toStatus: e.to,
    comment: e.comment ?? null,
    actorId: user && user.id !== SYSTEM_USER_ID ? user.id : null,
    actorName: user?.displayName ?? null,
    actorRole: user?.role ?? null,
    at,
  });
}
