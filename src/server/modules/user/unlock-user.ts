import { eq } from 'drizzle-orm';
import type { TUser } from '../../../contracts/user';
import { auditContext, type RequestContext } from '../../context';
import { users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { clearAccountLocks } from '../../lib/sign-in-lockout';
import { findUser } from './user.repository';

/**
 * Lift the account's lockouts before their 15 minutes are up (the user called the administrator): the lock of every
 * address, the counts that would lead to one, and the account-wide count that alerts.
 */
export async function unlockUser(ctx: RequestContext, id: number): Promise<TUser> {
  requireAction(ctx.user, 'user.unlock');
  const db = ctx.deps.db;
  const before = await findUser(db, id);
  if (!before) throw new AppError('NOT_FOUND', { id });
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    const addresses = await clearAccountLocks(tx, before.username);
    await tx.update(users).set({ updatedAt: now }).where(eq(users.id, id));
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'user.unlocked',
      objectType: 'user',
      objectId: id,
      before: { lockedUntil: before.lockedUntil, addresses },
      after: { lockedUntil: null },
    });
  });
  const user = await findUser(db, id);
  if (!user) throw new Error(`user ${id} vanished after update`);
  return user;
}
