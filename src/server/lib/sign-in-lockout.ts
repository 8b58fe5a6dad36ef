import { eq, sql } from 'drizzle-orm';
import { SECURITY } from '../config';
import { type Db, rowsOf } from '../db/client';
import { signInFailures, users } from '../db/schema';
import { hitRateLimit } from './rate-limit';

/**
 * Lockout per (name as typed, client address), 等保 2.0 L3 login failure handling: five wrong passwords in a row from
 * one address lock that name for that address for 15 minutes; the owner elsewhere still signs in. Names that do not
 * exist go through the very same statements, so that no answer and no timing tells them from real ones. Counters
 * live in the database, so that every instance shares them.
 */
export interface SignInKey {
  username: string;
  ip: string;
}

/** When the name is locked for this address, the end of the lock. */
export async function lockEndFor(db: Db, key: SignInKey, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(sql`${signInFailures.username} = ${key.username} and ${signInFailures.ip} = ${key.ip}`);
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export interface CountedFailure {
  /** Failures in the current run from this address (0 once it locked). */
  failures: number;
  /** Set when this failure locked the name for this address. */
  lockedUntil: Date | null;
  /** Failures for the name from every address in the current window. */
  accountFailures: number;
  /** True for exactly one failure per window: the one that reached the alert threshold. */
  alert: boolean;
}

/**
 * Count a wrong password (or an unknown name) in the caller's transaction: one atomic upsert per counter, so that
 * failures arriving at several instances at once are each counted and exactly one of them locks.
 */
export async function countSignInFailure(tx: Db, key: SignInKey, now: Date): Promise<CountedFailure> {
  const lockUntil = new Date(now.getTime() + SECURITY.lockoutMs);
  const runEnded = new Date(now.getTime() - SECURITY.lockoutMs).toISOString();
  const max = SECURITY.maxFailedLogins;
  const [row] = rowsOf<{ failures: number; locked_until: string | Date | null }>(
    await tx.execute(sql`
      insert into sign_in_failures as f (username, ip, failures, last_failed_at, locked_until)
      values (${key.username}, ${key.ip}, 1, ${now.toISOString()}, null)
      on conflict (username, ip) do update set
        failures = case when f.last_failed_at <= ${runEnded} then 1
          when f.failures + 1 >= ${max} then 0 else f.failures + 1 end,
        locked_until = case when f.last_failed_at > ${runEnded} and f.failures + 1 >= ${max}
          then ${lockUntil.toISOString()}::timestamptz else f.locked_until end,
        last_failed_at = excluded.last_failed_at
      returning failures, locked_until`),
  );
  // This failure locked when it ended the run (back to 0) with this failure's lock end.
  const locked =
    Number(row?.failures) === 0 &&
    row?.locked_until != null &&
    new Date(row.locked_until).getTime() === lockUntil.getTime();
  // The administrator's list shows the latest lock of an account; for a name that does not exist this touches no
  // row, through the same statement.
  if (locked)
    await tx.execute(sql`update users set locked_until = greatest(coalesce(locked_until, ${lockUntil.toISOString()}::timestamptz),
      ${lockUntil.toISOString()}::timestamptz) where username = ${key.username}`);
  const account = await hitRateLimit(tx, `login:account:${key.username}`, now, SECURITY.lockoutMs);
  return {
    failures: Number(row?.failures ?? 0),
    lockedUntil: locked ? lockUntil : null,
    accountFailures: account.count,
    alert: account.count === SECURITY.accountAttackAlertFailures,
  };
}

/** How many addresses failed for this name in the current run (for the alert). */
export async function failingAddresses(tx: Db, username: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - SECURITY.lockoutMs).toISOString();
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`select count(*)::int as n from sign_in_failures
      where username = ${username} and last_failed_at > ${since}`),
  );
  return Number(row?.n ?? 0);
}

/** A good password from this address ends its run of failures (and any lock it had). */
export async function clearSignInFailures(tx: Db, key: SignInKey): Promise<void> {
  await tx.execute(sql`delete from sign_in_failures where username = ${key.username} and ip = ${key.ip}`);
}

/**
 * The administrator's 解锁 (and a password reset): every address's lock and count for the account, and its
 * account-wide count. Answers how many addresses had one.
 */
export async function clearAccountLocks(tx: Db, username: string): Promise<number> {
  const gone = await tx.delete(signInFailures).where(eq(signInFailures.username, username)).returning({
    ip: signInFailures.ip,
  });
  await tx.execute(sql`delete from rate_limits where key = ${`login:account:${username}`}`);
  await tx.update(users).set({ lockedUntil: null, failedAttempts: 0 }).where(eq(users.username, username));
  return gone.length;
}
