import { lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { SECURITY } from './config';
import { auditContext, type Deps, systemContext } from './context';
import { rateLimits, sessions } from './db/schema';
import { purgeAuditEntries } from './lib/audit';
import { readSettings } from './modules/setting/settings';

/**
 * Removes sessions past their absolute end, finished rate-limit windows, and audit entries past the retention
 * setting (the purge is itself audited). Expired sessions are already refused on use. Safe on every instance at
 * once: the purge holds the audit head lock.
 */
export async function runHousekeeping(
  deps: Deps,
): Promise<{ sessions: number; rateLimits: number; auditEntries: number }> {
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
  const { auditRetentionDays } = await readSettings(deps.db);
  const auditPurged = await deps.db.transaction((tx) =>
    purgeAuditEntries(tx, auditContext(systemContext(deps), now), auditRetentionDays),
  );
  return { sessions: s.length, rateLimits: r.length, auditEntries: auditPurged };
}

export function startHousekeeping(deps: Deps, log: FastifyBaseLogger, everyMs = 10 * 60 * 1000): () => void {
  const timer = setInterval(() => {
    runHousekeeping(deps).catch((err) => log.warn({ err }, 'housekeeping failed'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
