import { eq, sql } from 'drizzle-orm';
import type { TLoginRequest } from '../../../contracts/auth';
import { SECURITY } from '../../config';
import { auditContext, type RequestContext } from '../../context';
import { rowsOf } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { verifyPassword } from '../../lib/password';
import { hitRateLimit } from '../../lib/rate-limit';
import { createSession } from './session';

export interface LoginOptions {
  ctx: RequestContext;
  input: TLoginRequest;
  userAgent: string | null;
  /** The session the browser still held, if any: it ends when the new one starts. */
  previousTokenHash?: string | null;
}

/** Formats a lock end for the message: Beijing time, as the user reads it. */
function lockEndText(until: Date, locale: RequestContext['locale']): string {
  return until.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/**
 * Sign in (等保 2.0 L3): per-IP rate limit → account lockout check → password → on failure count it (5 in a row lock
 * the account for 15 minutes) → on success a new session id. Counters live in the database, so every instance of
 * the app sees the same ones.
 */
export async function login({
  ctx,
  input,
  userAgent,
  previousTokenHash,
}: LoginOptions): Promise<{ token: string; userId: number }> {
  const { db, clock } = ctx.deps;
  const now = clock();

  const hit = await hitRateLimit(db, `login:ip:${ctx.ip ?? 'unknown'}`, now, SECURITY.loginRateWindowMs);
  if (hit.count > SECURITY.loginRateLimitPerIp) {
    throw new AppError('AUTH_RATE_LIMITED', {
      retryAfter: Math.max(1, Math.ceil((hit.resetAt.getTime() - now.getTime()) / 1000)),
    });
  }

  const user = (await db.select().from(users).where(eq(users.username, input.username)).limit(1))[0];
  if (user?.lockedUntil && user.lockedUntil > now) {
    throw new AppError('AUTH_ACCOUNT_LOCKED', { until: lockEndText(user.lockedUntil, ctx.locale) });
  }
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user) {
    // 等保 2.0 wants failed sign-ins logged, including guesses at names that do not exist.
    await db.transaction(async (tx) => {
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'auth.login.failed',
        objectType: 'user',
        objectId: null,
        after: { username: input.username.slice(0, 64), reason: 'unknown_user' },
      });
    });
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  const actor = { userId: user.id, username: user.username, role: user.role, regionCode: user.regionCode };

  if (!passwordOk) {
    const lockUntil = new Date(now.getTime() + SECURITY.lockoutMs);
    // One atomic update, so that failures arriving at two instances at once are both counted.
    const result = await db.transaction(async (tx) => {
      const counted = rowsOf<{ failed_attempts: number; locked_until: string | Date | null }>(
        await tx.execute(sql`
          update users set
            failed_attempts = case when failed_attempts + 1 >= ${SECURITY.maxFailedLogins} then 0
              else failed_attempts + 1 end,
            locked_until = case when failed_attempts + 1 >= ${SECURITY.maxFailedLogins} then ${lockUntil.toISOString()}::timestamptz
              else locked_until end,
            updated_at = ${now.toISOString()}
          where id = ${user.id}
          returning failed_attempts, locked_until`),
      )[0];
      const locked = counted?.locked_until != null && new Date(counted.locked_until).getTime() === lockUntil.getTime();
      await writeAudit(
        tx,
        { ...auditContext(ctx, now), actor },
        locked
          ? { action: 'auth.account.locked', objectType: 'user', objectId: user.id, after: { lockedUntil: lockUntil } }
          : {
              action: 'auth.login.failed',
              objectType: 'user',
              objectId: user.id,
              after: { failedAttempts: counted?.failed_attempts ?? null },
            },
      );
      return { locked };
    });
    if (result.locked) throw new AppError('AUTH_ACCOUNT_LOCKED', { until: lockEndText(lockUntil, ctx.locale) });
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }

  if (user.disabled) throw new AppError('AUTH_ACCOUNT_DISABLED');

  const token = await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now })
      .where(eq(users.id, user.id));
    if (previousTokenHash) await tx.delete(sessions).where(eq(sessions.tokenHash, previousTokenHash));
    const t = await createSession(tx, user.id, now, { ip: ctx.ip, userAgent });
    await writeAudit(
      tx,
      { ...auditContext(ctx, now), actor },
      { action: 'auth.login.succeeded', objectType: 'user', objectId: user.id, after: { userAgent } },
    );
    return t;
  });
  return { token, userId: user.id };
}
