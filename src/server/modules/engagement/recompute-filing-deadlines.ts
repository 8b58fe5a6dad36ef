import { and, eq, gte, isNotNull, isNull, lte, ne } from 'drizzle-orm';
import type { TCalendarUse } from '../../../contracts/calendar';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { engagements } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { regionalTimeline } from '../../policy/city-rules';
import { filingDeadline } from '../../policy/rules/deadlines';
import type { MovedDeadline } from '../service/recompute-rectification-deadlines';

/**
 * Art. 10(三) filing deadlines still running (signed, not yet reported, not ended) whose count reached into the days
 * of a newly entered holiday arrangement are counted again on it (issue 10), under the parameters in force — the
 * version in force on the signing day, the same one the filing verdict is shown with. Inside the entry's transaction; one audit entry per moved engagement.
 */
export async function recomputeFilingDeadlines(
  tx: Db,
  ctx: RequestContext,
  window: { since: string; until: string },
  calendar: TCalendarUse,
  now: Date,
): Promise<MovedDeadline[]> {
  const rows = await tx
    .select()
    .from(engagements)
    .where(
      and(
        isNotNull(engagements.signedOn),
        isNull(engagements.reportedOn),
        ne(engagements.status, 'ended'),
        gte(engagements.filingDeadline, window.since),
        lte(engagements.signedOn, window.until),
      ),
    )
    .orderBy(engagements.id)
    .for('update');
  if (rows.length === 0) return [];
  // Art. 15, 16: each deadline under the version and its city's rule in force on its signing day, as it was first
  // counted and as the filing verdict is shown.
  const timeline = await regionalTimeline(tx);
  const moved: MovedDeadline[] = [];
  for (const e of rows) {
    if (!e.signedOn || !e.filingDeadline) continue;
    const policy = timeline.onIn(e.signedOn, e.cityCode);
    const deadline = filingDeadline(e.signedOn, policy);
    if (deadline === e.filingDeadline) continue;
    const done = await tx
      .update(engagements)
      .set({ filingDeadline: deadline, version: e.version + 1, updatedAt: now })
      .where(and(eq(engagements.id, e.id), eq(engagements.version, e.version)))
      .returning({ id: engagements.id });
    if (done.length === 0) throw new AppError('VERSION_CONFLICT', { id: e.id, version: e.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'engagement.filingDeadline.recomputed',
      objectType: 'engagement',
      objectId: e.id,
      before: { filingDeadline: e.filingDeadline, version: e.version },
      after: { filingDeadline: deadline, version: e.version + 1, policyVersion: policy.version, calendar },
    });
    moved.push({ kind: 'engagement', id: e.id, from: e.filingDeadline, to: deadline });
  }
  return moved;
}
