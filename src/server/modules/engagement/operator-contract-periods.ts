import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { engagements } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { recordEngagementEvent } from './engagement-events';

/**
 * The contract periods (engagements, Art. 10(三)) of one operator at one centre, latest first: what the assessment
 * reads to tell whether a grade falls within a 3-year contract (Art. 12(三)(3)).
 */
export async function contractPeriodsOf(
  db: Db,
  opts: { centreId: number; operatorId: number },
): Promise<{ id: number; serviceStart: string; serviceEnd: string; status: string }[]> {
  return db
    .select({
      id: engagements.id,
      serviceStart: engagements.serviceStart,
      serviceEnd: engagements.serviceEnd,
      status: engagements.status,
    })
    .from(engagements)
    .where(and(eq(engagements.centreId, opts.centreId), eq(engagements.operatorId, opts.operatorId)))
    .orderBy(desc(engagements.serviceStart), desc(engagements.id));
}

/** The operator's engagement that started last, at any centre (whether a priority mark is still its latest round). */
export async function latestEngagementStartOf(db: Db, operatorId: number): Promise<string | null> {
  const [row] = await db
    .select({ start: sql<string>`max(${engagements.serviceStart})` })
    .from(engagements)
    .where(eq(engagements.operatorId, operatorId));
  return row?.start ?? null;
}

/**
 * Every running engagement of an operator ends on `endedOn` because its qualification was cancelled (Art. 12(三)(2),
 * 13): in the caller's transaction, with the engagement's event and audit entry. The centres then show no operator,
 * and the county's re-procurement prompt (reprocurementDue, reason qualification_cancelled) asks it to procure again.
 * Returns the engagements ended with their centre and regions, for the caller's messages.
 */
export async function endEngagementsOfOperator(
  tx: Db,
  ctx: RequestContext,
  opts: { operatorId: number; endedOn: string; comment: string; at: Date },
): Promise<{ id: number; centreId: number; cityCode: string; countyCode: string; from: string }[]> {
  const running = await tx
    .select({
      id: engagements.id,
      centreId: engagements.centreId,
      cityCode: engagements.cityCode,
      countyCode: engagements.countyCode,
      status: engagements.status,
    })
    .from(engagements)
    .where(and(eq(engagements.operatorId, opts.operatorId), ne(engagements.status, 'ended')))
    .for('update');
  for (const e of running) {
    await tx
      .update(engagements)
      .set({
        status: 'ended',
        endedOn: opts.endedOn,
        endReason: 'qualification_cancelled',
        version: sql`${engagements.version} + 1`,
        updatedAt: opts.at,
      })
      .where(eq(engagements.id, e.id));
    await recordEngagementEvent(
      tx,
      ctx,
      { engagementId: e.id, action: 'ended_by_cancellation', from: e.status, to: 'ended', comment: opts.comment },
      opts.at,
    );
    await writeAudit(tx, auditContext(ctx, opts.at), {
      action: 'engagement.ended',
      objectType: 'engagement',
      objectId: e.id,
      before: { status: e.status },
      after: { status: 'ended', endedOn: opts.endedOn, endReason: 'qualification_cancelled' },
    });
  }
  return running.map((e) => ({
    id: e.id,
    centreId: e.centreId,
    cityCode: e.cityCode,
    countyCode: e.countyCode,
    from: e.status,
  }));
}
