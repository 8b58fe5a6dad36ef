import { eq } from 'drizzle-orm';
import { auditContext, type RequestContext } from '../../context';
import { users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import { clearAccountLocks } from '../../lib/sign-in-lockout';
import { endAllSessions } from '../auth/session';

/** The administrator sets a new password; the account's sessions end and any lockout is lifted. */
export async function resetPassword(ctx: RequestContext, id: number, newPassword: string): Promise<void> {
  requireAction(ctx.user, 'user.resetPassword');
  const db = ctx.deps.db;
  const exists = (
    await db.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, id)).limit(1)
  )[0];
  if (!exists) throw new AppError('NOT_FOUND', { id });
  const passwordHash = await hashPassword(newPassword);
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, lockedUntil: null, failedAttempts: 0, updatedAt: now })
      .where(eq(users.id, id));
    await clearAccountLocks(tx, exists.username);
    const sessionsEnded = await endAllSessions(tx, id);
    // The password itself never reaches the log.
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'user.password.reset',
      objectType: 'user',
      objectId: id,
      after: { sessionsEnded },
    });
  });
}
