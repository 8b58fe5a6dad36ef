import { and, eq } from 'drizzle-orm';
import type { TCentreAdjustment } from '../../../contracts/centre';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centreChanges, centres } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { policyForRegion } from '../../policy/city-rules';
import { beijingDay } from '../../policy/policy';
import { venueAreaVerdict } from '../../policy/rules/venue';
import { bumpFiguresVersion } from '../figures';
import { nextStatus } from './centre.machine';
import type { CentreRow } from './centre.repository';
import { recordCentreEvent } from './centre-events';
import { recheckCentreConditions } from './conditions-sweep';
import { issueDecisionLetter } from './issue-decision-letter';

type ChangeRow = typeof centreChanges.$inferSelect;

/**
 * Carry out an approved adjustment or revocation (Art. 9(四)) in the caller's transaction: the centre changes, the
 * province issues its decision letter, the change is closed, and each step is audited.
 */
export async function applyCentreChange(
  tx: Db,
  ctx: RequestContext,
  opts: { centre: CentreRow; change: ChangeRow; comment: string },
  at: Date,
): Promise<void> {
  const { centre, change } = opts;
  const transition = change.kind === 'adjustment' ? 'adjust' : 'revoke';
  const to = nextStatus(centre.status, transition);
  const adjustment = (change.adjustment ?? {}) as TCentreAdjustment;
  if (change.kind === 'adjustment' && adjustment.venueArea !== undefined) {
    // An adjusted venue must still meet Art. 6.
    const policy = await policyForRegion(tx, beijingDay(at), centre.cityCode);
    const verdict = venueAreaVerdict(
      { parkLevel: centre.parkLevel, parkKind: centre.parkKind, area: adjustment.venueArea },
      policy,
    );
    if (!verdict.ok) throw new AppError('VENUE_TOO_SMALL', { verdict, field: 'adjustment.venueArea' });
  }
  const [before] = await tx.select().from(centres).where(eq(centres.id, centre.id));
  const updated = await tx
    .update(centres)
    .set({
      ...(change.kind === 'adjustment' ? adjustment : {}),
      status: to,
      version: centre.version + 1,
      updatedAt: at,
      ...(change.kind === 'revocation' ? { revokedAt: at } : {}),
    })
    .where(and(eq(centres.id, centre.id), eq(centres.version, centre.version)))
    .returning();
  if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id: centre.id, version: centre.version });
  // The trade monitoring shows centres by name: a renamed centre's cached answers go (decision 0031).
  if (change.kind === 'adjustment' && adjustment.name !== undefined && adjustment.name !== before?.name)
    await bumpFiguresVersion(tx, 'trade');
  const letterId = await issueDecisionLetter(
    tx,
    ctx,
    {
      kind: change.kind,
      centreId: centre.id,
      changeId: change.id,
      reason: change.reason,
      content: {
        centre: centre.name,
        park: centre.parkName,
        adjustment: change.kind === 'adjustment' ? adjustment : null,
      },
    },
    at,
  );
  const closed = await tx
    .update(centreChanges)
    .set({ status: 'approved', decisionComment: opts.comment, decisionLetterId: letterId, decidedAt: at })
    .where(and(eq(centreChanges.id, change.id), eq(centreChanges.status, 'submitted')))
    .returning({ id: centreChanges.id });
  if (closed.length === 0) throw new AppError('CHANGE_NOT_PENDING', { id: change.id });
  await recordCentreEvent(
    tx,
    ctx,
    { centreId: centre.id, action: transition, from: centre.status, to, comment: opts.comment },
    at,
  );
  await writeAudit(tx, auditContext(ctx, at), {
    action: 'centre.change.approved',
    objectType: 'centre_change',
    objectId: change.id,
    after: { decisionLetterId: letterId, comment: opts.comment },
  });
  await writeAudit(tx, auditContext(ctx, at), {
    action: change.kind === 'adjustment' ? 'centre.adjusted' : 'centre.revoked',
    objectType: 'centre',
    objectId: centre.id,
    before,
    after: updated[0],
  });
  // Art. 9(四): an adjusted venue changes the venue verdict; a revocation ends the watch. The in-app messages are
  // stored here; the decision's own notices already reach the region.
  await recheckCentreConditions(tx, ctx, [centre.id], at);
}
