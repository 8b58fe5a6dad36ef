import { eq } from 'drizzle-orm';
import type { TUser } from '../../../contracts/user';
import { auditContext, type RequestContext } from '../../context';
import { users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { findUser } from './user.repository';

/** Lift a lockout before its 15 minutes are up (the user called the administrator). */
export async function unlockUser(ctx: RequestContext, id: number): Promise<TUser> {
  requireAction(ctx.user, 'user.unlock');
  const db = ctx.deps.db;
  const before = await findUser(db, id);
  if (!before) throw new AppError('NOT_FOUND', { id });
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ lockedUntil: null, failedAttempts: 0, updatedAt: now }).where(eq(users.id, id));
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'user.unlocked',
      objectType: 'user',
      objectId: id,
      before: { lockedUntil: before.lockedUntil },
      after: { lockedUntil: null },
    });
  });
  const user = await findUser(db, id);
  if (!user) throw new Error(`user ${id} vanished after update`);
  return user;
}
