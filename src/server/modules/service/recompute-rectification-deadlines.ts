import { and, eq, gte, lte, ne } from 'drizzle-orm';
import type { TCalendarUse } from '../../../contracts/calendar';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { rectifications } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { versionForRegion } from '../../policy/city-rules';
import { rectificationDeadline } from '../../policy/rules/deadlines';

export interface MovedDeadline {
  kind: 'rectification' | 'engagement';
  id: number;
  from: string;
  to: string;
}

/**
 * A holiday arrangement was entered for the days `since`…`until` (issue 10): every rectification not yet closed whose
 * count reached into those days is counted again, on the calendar now in memory, under the parameter version it was
 * opened with. Runs inside the entry's transaction; one audit entry per moved rectification, so each record's own
 * history says why its due date changed.
 */
export async function recomputeRectificationDeadlines(
  tx: Db,
  ctx: RequestContext,
  window: { since: string; until: string },
  calendar: TCalendarUse,
  now: Date,
): Promise<MovedDeadline[]> {
  const rows = await tx
    .select()
    .from(rectifications)
    .where(
      and(
        ne(rectifications.status, 'closed'),
        gte(rectifications.dueOn, window.since),
        lte(rectifications.openedOn, window.until),
      ),
    )
    .orderBy(rectifications.id)
    .for('update');
  const moved: MovedDeadline[] = [];
  for (const r of rows) {
    // Its own version, with its city's implementing rule of the day it opened (Art. 15).
    const dueOn = rectificationDeadline(
      r.openedOn,
      await versionForRegion(tx, r.policyVersion, r.openedOn, r.cityCode),
    );
    if (dueOn === r.dueOn) continue;
    // A later due day may need its due-soon warning again.
    const warnedAt = dueOn > r.dueOn ? null : r.warnedAt;
    const done = await tx
      .update(rectifications)
      .set({ dueOn, warnedAt, version: r.version + 1, updatedAt: now })
      .where(and(eq(rectifications.id, r.id), eq(rectifications.version, r.version)))
      .returning({ id: rectifications.id });
    if (done.length === 0) throw new AppError('VERSION_CONFLICT', { id: r.id, version: r.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'rectification.deadline.recomputed',
      objectType: 'rectification',
      objectId: r.id,
      before: { dueOn: r.dueOn, version: r.version },
      after: { dueOn, version: r.version + 1, policyVersion: r.policyVersion, calendar },
    });
    moved.push({ kind: 'rectification', id: r.id, from: r.dueOn, to: dueOn });
  }
  return moved;
}
