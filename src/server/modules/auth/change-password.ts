import { eq } from 'drizzle-orm';
import type { TChangePasswordRequest } from '../../../contracts/auth';
import { SECURITY } from '../../config';
import { auditContext, type RequestContext } from '../../context';
import { users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { hashPassword, verifyPassword } from '../../lib/password';
import { hitRateLimit } from '../../lib/rate-limit';
import { createSession, endAllSessions } from './session';

/**
 * A user changes the own password: the current one must be right; every session ends and this one is replaced by a
 * new session id, so that a stolen cookie stops working.
 */
export async function changePassword(
  ctx: RequestContext,
  input: TChangePasswordRequest,
  userAgent: string | null,
): Promise<{ token: string }> {
  const me = requireAction(ctx.user, 'me.changePassword');
  // A stolen session must not become a password-guessing oracle: 5 tries per 15 minutes per account.
  const tries = await hitRateLimit(ctx.deps.db, `password-change:user:${me.id}`, ctx.deps.clock(), SECURITY.lockoutMs);
  if (tries.count > SECURITY.maxFailedLogins) {
    throw new AppError('AUTH_RATE_LIMITED', {
      retryAfter: Math.max(1, Math.ceil((tries.resetAt.getTime() - ctx.deps.clock().getTime()) / 1000)),
    });
  }
  const row = (await ctx.deps.db.select().from(users).where(eq(users.id, me.id)).limit(1))[0];
  if (!row) throw new AppError('AUTH_REQUIRED');
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AppError('AUTH_CURRENT_PASSWORD_WRONG');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.deps.clock();
  return ctx.deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, me.id));
    const ended = await endAllSessions(tx, me.id);
    const token = await createSession(tx, me.id, now, { ip: ctx.ip, userAgent });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'auth.password.changed',
      objectType: 'user',
      objectId: me.id,
      after: { sessionsEnded: ended },
    });
    return { token };
  });
}
