import { lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { SECURITY } from './config';
import type { Deps } from './context';
import { rateLimits, sessions } from './db/schema';

/**
 * Removes sessions past their absolute end and finished rate-limit windows. Expired sessions are already refused on
 * use; this only keeps the tables small. Safe to run on every instance at once.
 */
export async function runHousekeeping(deps: Deps): Promise<{ sessions: number; rateLimits: number }> {
  const now = deps.clock();
  const idleCutoff = new Date(now.getTime() - SECURITY.sessionIdleMs);
  const s = await deps.db
    .delete(sessions)
    .where(sql`${sessions.expiresAt} <= ${now.toISOString()} or ${sessions.lastSeenAt} < ${idleCutoff.toISOString()}`)
    .returning({ t: sessions.tokenHash });
  const r = await deps.db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - SECURITY.loginRateWindowMs)))
    .returning({ k: rateLimits.key });
  return { sessions: s.length, rateLimits: r.length };
}

export function startHousekeeping(deps: Deps, log: FastifyBaseLogger, everyMs = 10 * 60 * 1000): () => void {
  const timer = setInterval(() => {
    runHousekeeping(deps).catch((err) => log.warn({ err }, 'housekeeping failed'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
