import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { SECURITY } from '../../config';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';
import type { SessionUser } from '../../lib/access/session-user';
import { writeAudit } from '../../lib/audit';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new random session id (256 bits); only its hash is stored. Called at every sign-in (no session fixation). */
export async function createSession(
  tx: Db,
  userId: number,
  now: Date,
  meta: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SECURITY.sessionAbsoluteMs),
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return token;
}

export type SessionLookup = { user: SessionUser } | { expired: true } | null;

/**
 * Resolve the cookie's token to a user. A session idle for 30 minutes or older than 12 hours is deleted (and the
 * deletion audited); a disabled user's sessions were deleted when it was disabled, and are refused here as well.
 */
export async function resolveSession(
  deps: Deps,
  token: string,
  ip: string | null,
  requestId: string | null = null,
): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const now = deps.clock();
  const rows = await deps.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const { session, user } = row;
  const idle = now.getTime() - session.lastSeenAt.getTime() > SECURITY.sessionIdleMs;
  const overAge = now.getTime() >= session.expiresAt.getTime();
  if (idle || overAge || user.disabled) {
    await deps.db.transaction(async (tx) => {
      const deleted = await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning();
      if (deleted.length === 0) return;
      await writeAudit(
        tx,
        {
          actor: { userId: user.id, username: user.username, role: user.role, regionCode: user.regionCode },
          ip,
          requestId,
          at: now,
          key: deps.auditKey,
        },
        {
          action: 'auth.session.expired',
          objectType: 'session',
          objectId: user.id,
          before: { reason: user.disabled ? 'disabled' : idle ? 'idle' : 'absolute', createdAt: session.createdAt },
        },
      );
    });
    return { expired: true };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > SECURITY.sessionTouchMs) {
    await deps.db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(sql`${sessions.tokenHash} = ${tokenHash} and ${sessions.lastSeenAt} < ${now.toISOString()}`);
  }
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      regionCode: user.regionCode,
      parkId: user.parkId,
      centreId: user.centreId,
      enterpriseId: user.enterpriseId,
      evaluatorId: user.evaluatorId,
      locale: user.locale,
      isDemo: user.isDemo,
      sessionTokenHash: tokenHash,
    },
  };
}

/** End every session of a user (disable, password change/reset). Runs inside the caller's transaction. */
export async function endAllSessions(tx: Db, userId: number): Promise<number> {
  const deleted = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ t: sessions.tokenHash });
  return deleted.length;
}
