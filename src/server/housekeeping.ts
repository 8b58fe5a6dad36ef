import { lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { SECURITY } from './config';
import { auditContext, type Deps, systemContext } from './context';
import { rateLimits, sessions, signInFailures } from './db/schema';
import { purgeAuditEntries } from './lib/audit';
import { writeAuditAnchor } from './lib/audit-anchor';
import { removeOrphanUploads } from './lib/orphan-uploads';
import { loadWorkingCalendar } from './modules/calendar/calendar.repository';
import { sweepCentreConditions } from './modules/centre';
import { failAbandonedImports } from './modules/enterprise/fail-abandoned-imports';
import { deliverOutbound } from './modules/message/notify';
import { sendServiceReminders } from './modules/service/reminders';
import { readSettings } from './modules/setting/settings';
import { dropLeftoverTradeStaging } from './modules/trade/fast-intake';
import { beijingDay } from './policy/policy';

/**
 * Reloads the entered holiday arrangements, sends the service reminders (unrated records, rectifications due soon) and removes sessions past their absolute end, finished rate-limit windows, and audit entries past the retention
 * setting (the purge is itself audited). Expired sessions are already refused on use. Fails import jobs that lost
 * their process and removes uploaded bytes that no row refers to (crash leftovers, both audited). Last, when the audit
 * chain's head moved, a signed checkpoint of it is appended to DATA_DIR/audit-anchors.jsonl (docs/decisions/0007).
 * Safe on every instance at once: the purge holds the audit head lock, the job sweep re-checks each job in its
 * update, and each instance keeps its own checkpoint file.
 */
export async function runHousekeeping(deps: Deps): Promise<{
  sessions: number;
  rateLimits: number;
  auditEntries: number;
  ratingReminders: number;
  dueSoon: number;
  abandonedImports: number;
  orphanUploads: number;
  conditionMessages: number;
  auditAnchored: boolean;
}> {
  const now = deps.clock();
  const idleCutoff = new Date(now.getTime() - SECURITY.sessionIdleMs);
  const s = await deps.db
    .delete(sessions)
    .where(sql`${sessions.expiresAt} <= ${now.toISOString()} or ${sessions.lastSeenAt} < ${idleCutoff.toISOString()}`)
    .returning({ t: sessions.tokenHash });
  // The longest window is the lockout's (password changes, account-wide sign-in failures): a shorter cut-off would
  // reset those counters early.
  const r = await deps.db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - SECURITY.lockoutMs)))
    .returning({ k: rateLimits.key });
  // Runs of failures that ended (15 minutes without one) and locks that ran out.
  await deps.db.delete(signInFailures).where(
    sql`${signInFailures.lastFailedAt} < ${new Date(now.getTime() - SECURITY.lockoutMs).toISOString()}
        and (${signInFailures.lockedUntil} is null or ${signInFailures.lockedUntil} < ${now.toISOString()})`,
  );
  const { auditRetentionDays } = await readSettings(deps.db);
  const auditPurged = await deps.db.transaction((tx) =>
    purgeAuditEntries(tx, auditContext(systemContext(deps), now), auditRetentionDays),
  );
  // Holiday arrangements entered on another instance reach this one's deadline rules (issue 10).
  await loadWorkingCalendar(deps.db);
  // Art. 8: chase unrated services; warn centres of rectifications about to fall due.
  const reminders = await sendServiceReminders(deps);
  const abandonedImports = await failAbandonedImports(deps);
  // A declaration file's staging tables left by a process that died mid-job (decision 0028).
  await dropLeftoverTradeStaging(deps.db, deps.dbKind);
  const orphanUploads = await removeOrphanUploads(deps);
  // Art. 9(四) with Art. 15: a province version or a city rule that took effect today changes centres' verdicts.
  const conditionMessages = await sweepConditions(deps, now);
  const anchor = await writeAuditAnchor(deps);
  return {
    sessions: s.length,
    rateLimits: r.length,
    auditEntries: auditPurged,
    ...reminders,
    abandonedImports,
    orphanUploads,
    conditionMessages,
    auditAnchored: !!anchor,
  };
}

/** The daily look at every recognised centre's venue and staffing (idempotent, so every pass may run it). */
async function sweepConditions(deps: Deps, now: Date): Promise<number> {
  const ctx = systemContext(deps);
  const sent = await deps.db.transaction((tx) => sweepCentreConditions(tx, ctx, { day: beijingDay(now), at: now }));
  deliverOutbound(deps, sent);
  return sent.length;
}

/**
 * What a crash left behind, cleared before the server listens: import jobs still "running" and bytes without a row.
 * On PGlite the data folder is locked to this process, so every running job is abandoned; on PostgreSQL another
 * live instance may be running one, so only jobs with a stale heartbeat are.
 */
export async function clearCrashLeftovers(deps: Deps): Promise<{ abandonedImports: number; orphanUploads: number }> {
  const abandonedImports = await failAbandonedImports(deps, { everyRunning: deps.dbKind === 'pglite' });
  await dropLeftoverTradeStaging(deps.db, deps.dbKind);
  const orphanUploads = await removeOrphanUploads(deps);
  return { abandonedImports, orphanUploads };
}

/**
 * Housekeeping every ten minutes; the sweep of abandoned import jobs every half minute, since a page is waiting.
 * The function returned stops both and waits for a pass under way, so that shutdown closes the database after it.
 */
export function startHousekeeping(
  deps: Deps,
  log: FastifyBaseLogger,
  everyMs = 10 * 60 * 1000,
  importSweepMs = 30 * 1000,
): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const track = (pass: Promise<unknown>) => {
    running.add(pass);
    void pass.finally(() => running.delete(pass));
  };
  const timer = setInterval(() => {
    track(runHousekeeping(deps).catch((err) => log.warn({ err }, 'housekeeping failed')));
  }, everyMs);
  timer.unref();
  const importTimer = setInterval(() => {
    track(failAbandonedImports(deps).catch((err) => log.warn({ err }, 'sweep of abandoned import jobs failed')));
  }, importSweepMs);
  importTimer.unref();
  return async () => {
    clearInterval(timer);
    clearInterval(importTimer);
    await Promise.all(running);
  };
}
