import { and, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Deps } from '../../context';
import { rectifications, serviceRecords } from '../../db/schema';
import { beijingDay } from '../../policy/policy';
import { addWorkingDays } from '../../policy/rules/deadlines';
import { deliverOutbound, notify, type OutboundMessage } from '../message/notify';

/**
 * When the platform chases (not policy numbers: operating settings). Art. 8 asks the served enterprise to rate;
 * an unrated completed record is reminded after `firstReminderDays`, once more after `secondReminderDays`, then
 * left alone. A rectification still open is flagged to the centre when `dueSoonWorkingDays` or fewer remain.
 */
export const REMINDERS = {
  firstReminderDays: 3,
  secondReminderDays: 7,
  maxReminders: 2,
  dueSoonWorkingDays: 3,
} as const;
const DAY = 86_400_000;

/** One sweep; safe to run on several instances at once (each row is claimed by a conditional update). */
export async function sendServiceReminders(deps: Deps): Promise<{ ratingReminders: number; dueSoon: number }> {
  const now = deps.clock();
  const today = beijingDay(now);
  const first = new Date(now.getTime() - REMINDERS.firstReminderDays * DAY);
  const second = new Date(now.getTime() - REMINDERS.secondReminderDays * DAY);
  const sent: OutboundMessage[] = [];
  let ratingReminders = 0;
  const due = await deps.db
    .select({
      id: serviceRecords.id,
      number: serviceRecords.number,
      enterpriseId: serviceRecords.enterpriseId,
      count: serviceRecords.reminderCount,
      completedAt: serviceRecords.completedAt,
    })
    .from(serviceRecords)
    .where(
      and(
        eq(serviceRecords.status, 'completed'),
        lt(serviceRecords.reminderCount, REMINDERS.maxReminders),
        // Not rated yet: the record carries its rating's level (decision 0017).
        isNull(serviceRecords.ratingLevel),
        or(
          and(eq(serviceRecords.reminderCount, 0), lte(serviceRecords.completedAt, first)),
          and(eq(serviceRecords.reminderCount, 1), lte(serviceRecords.completedAt, second)),
        ),
      ),
    )
    .limit(500);
  for (const r of due) {
    await deps.db.transaction(async (tx) => {
      const claimed = await tx
        .update(serviceRecords)
        .set({ reminderCount: r.count + 1, lastRemindedAt: now })
        .where(and(eq(serviceRecords.id, r.id), eq(serviceRecords.reminderCount, r.count)))
        .returning({ id: serviceRecords.id });
      if (claimed.length === 0) return;
      const days = Math.floor((now.getTime() - (r.completedAt?.getTime() ?? now.getTime())) / DAY);
      sent.push(
        ...(await notify(
          tx,
          { enterpriseId: r.enterpriseId },
          {
            kind: 'rating.reminder',
            params: { number: r.number, days },
            link: `/my/services/${r.id}`,
            subject: `service_record:${r.id}`,
            at: now,
          },
        )),
      );
      ratingReminders++;
    });
  }
  let dueSoon = 0;
  const horizon = addWorkingDays(today, REMINDERS.dueSoonWorkingDays);
  const fixes = await deps.db
    .select({
      id: rectifications.id,
      recordId: rectifications.recordId,
      centreId: rectifications.centreId,
      dueOn: rectifications.dueOn,
      number: serviceRecords.number,
    })
    .from(rectifications)
    .innerJoin(serviceRecords, eq(serviceRecords.id, rectifications.recordId))
    .where(and(eq(rectifications.status, 'open'), isNull(rectifications.warnedAt), lte(rectifications.dueOn, horizon)))
    .limit(500);
  for (const f of fixes) {
    await deps.db.transaction(async (tx) => {
      const claimed = await tx
        .update(rectifications)
        .set({ warnedAt: now })
        .where(and(eq(rectifications.id, f.id), isNull(rectifications.warnedAt)))
        .returning({ id: rectifications.id });
      if (claimed.length === 0) return;
      sent.push(
        ...(await notify(
          tx,
          { centreId: f.centreId },
          {
            kind: 'rectification.dueSoon',
            params: { number: f.number, dueOn: f.dueOn },
            link: `/services/${f.recordId}`,
            subject: `rectification:${f.id}`,
            at: now,
          },
        )),
      );
      dueSoon++;
    });
  }
  deliverOutbound(deps, sent);
  return { ratingReminders, dueSoon };
}
