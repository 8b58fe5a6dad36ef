import { eq } from 'drizzle-orm';
import type { TLoginRequest } from '../../../contracts/auth';
import { SECURITY } from '../../config';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { type AuditContext, writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { verifyPassword } from '../../lib/password';
import { hitRateLimit } from '../../lib/rate-limit';
import { clearSignInFailures, countSignInFailure, failingAddresses, lockEndFor } from '../../lib/sign-in-lockout';
import { deliverOutbound, notify, type OutboundMessage } from '../message/notify';
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
 * Sign in (等保 2.0 L3): per-IP rate limit → is this name locked for this address → password (verified against a
 * dummy hash when the name does not exist) → on failure count it per (name, address): 5 in a row lock the name for
 * that address for 15 minutes, and 20 from all addresses within 15 minutes alert the administrators once → on
 * success a new session id. An unknown name takes exactly the path of a wrong password, so that neither the answer
 * nor its timing tells whether the name exists. Counters live in the database, so every instance shares them.
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

  const key = { username: input.username, ip: ctx.ip ?? 'unknown' };
  const user = (await db.select().from(users).where(eq(users.username, input.username)).limit(1))[0];
  // Refused before the password is looked at, right or not, and not counted again.
  const lockedUntil = await lockEndFor(db, key, now);
  if (lockedUntil) throw new AppError('AUTH_ACCOUNT_LOCKED', { until: lockEndText(lockedUntil, ctx.locale) });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);

  if (!user || !passwordOk) {
    const result = await db.transaction(async (tx) => {
      const counted = await countSignInFailure(tx, key, now);
      const actor = user
        ? { userId: user.id, username: user.username, role: user.role, regionCode: user.regionCode }
        : null;
      const audit = { ...auditContext(ctx, now), actor };
      // 等保 2.0 wants failed sign-ins logged, including guesses at names that do not exist.
      const who = user
        ? { objectId: user.id, after: {} }
        : { objectId: null, after: { username: input.username.slice(0, 64), reason: 'unknown_user' } };
      await writeAudit(
        tx,
        audit,
        counted.lockedUntil
          ? {
              action: 'auth.account.locked',
              objectType: 'user',
              objectId: who.objectId,
              after: { ...who.after, lockedUntil: counted.lockedUntil, address: key.ip },
            }
          : {
              action: 'auth.login.failed',
              objectType: 'user',
              objectId: who.objectId,
              after: user ? { failedAttempts: counted.failures } : who.after,
            },
      );
      const sent = counted.alert ? await alertAdministrators(tx, audit, input.username, who.objectId, now) : [];
      return { lockedUntil: counted.lockedUntil, sent };
    });
    deliverOutbound(ctx.deps, result.sent);
    if (result.lockedUntil)
      throw new AppError('AUTH_ACCOUNT_LOCKED', { until: lockEndText(result.lockedUntil, ctx.locale) });
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  const actor = { userId: user.id, username: user.username, role: user.role, regionCode: user.regionCode };

  if (user.disabled) throw new AppError('AUTH_ACCOUNT_DISABLED');

  const token = await db.transaction(async (tx) => {
    await clearSignInFailures(tx, key);
    await tx.update(users).set({ failedAttempts: 0, lastLoginAt: now, updatedAt: now }).where(eq(users.id, user.id));
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

/**
 * The failures for one name from all addresses reached the alert threshold in this window: no lock for the owner,
 * but every administrator is told (站内消息) and it is audited, once per window. Names that do not exist alert too
 * (someone is trying names), through the same path.
 */
async function alertAdministrators(
  tx: Db,
  audit: AuditContext,
  username: string,
  userId: number | null,
  now: Date,
): Promise<OutboundMessage[]> {
  const addresses = await failingAddresses(tx, username, now);
  const failures = SECURITY.accountAttackAlertFailures;
  const minutes = SECURITY.lockoutMs / 60_000;
  await writeAudit(tx, audit, {
    action: 'auth.account.attacked',
    objectType: 'user',
    objectId: userId,
    after: { username: username.slice(0, 64), failures, minutes, addresses },
  });
  return notify(
    tx,
    { role: 'admin' },
    {
      kind: 'auth.account.attacked',
      params: { username: username.slice(0, 64), failures, minutes, addresses },
      link: userId ? '/users' : '/audit',
      subject: `sign-in-attack:${username.slice(0, 64)}:${now.toISOString()}`,
      at: now,
    },
  );
}
