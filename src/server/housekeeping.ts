import { lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { SECURITY } from './config';
import { auditContext, type Deps, systemContext } from './context';
import { rateLimits, sessions } from './db/schema';
import { purgeAuditEntries } from './lib/audit';
import { loadWorkingCalendar } from './modules/calendar/calendar.repository';
import { sendServiceReminders } from './modules/service/reminders';
import { readSettings } from './modules/setting/settings';

/**
 * Reloads the entered holiday arrangements, sends the service reminders (unrated records, rectifications due soon) and removes sessions past their absolute end, finished rate-limit windows, and audit entries past the retention
 * setting (the purge is itself audited). Expired sessions are already refused on use. Safe on every instance at
 * once: the purge holds the audit head lock.
 */
export async function runHousekeeping(
  deps: Deps,
): Promise<{ sessions: number; rateLimits: number; auditEntries: number; ratingReminders: number; dueSoon: number }> {
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
  // Holiday arrangements entered on another instance reach this one's deadline rules (issue 10).
  await loadWorkingCalendar(deps.db);
  // Art. 8: chase unrated services; warn centres of rectifications about to fall due.
  const reminders = await sendServiceReminders(deps);
  return { sessions: s.length, rateLimits: r.length, auditEntries: auditPurged, ...reminders };
}

export function startHousekeeping(deps: Deps, log: FastifyBaseLogger, everyMs = 10 * 60 * 1000): () => void {
  const timer = setInterval(() => {
    runHousekeeping(deps).catch((err) => log.warn({ err }, 'housekeeping failed'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
