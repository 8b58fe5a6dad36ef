import { and, eq } from 'drizzle-orm';
import type { TCentreDetail, TCreateChangeRequest } from '../../../contracts/centre';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { centreChanges, centres } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { venueAreaVerdict } from '../../policy/rules/venue';
import { applyCentreChange } from './apply-centre-change';
import { isRecognised } from './centre.machine';
import { currentPolicyFor, getCentreDetail } from './centre.presenter';
import { findCentre, pendingChange } from './centre.repository';
import { recordCentreEvent } from './centre-events';

/**
 * Art. 9(四): a city applies to the province for the adjustment or revocation of a recognised centre in its area;
 * the province may also decide on its own, in which case the change takes effect at once with a decision letter.
 */
export async function requestCentreChange(
  ctx: RequestContext,
  centreId: number,
  input: TCreateChangeRequest,
): Promise<TCentreDetail> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const centre = await findCentre(db, centreScope(ctx.user), centreId);
  if (!centre) throw new AppError('NOT_FOUND', { id: centreId });
  const user = requireAction(ctx.user, 'centre.requestChange');
  if (!isRecognised(centre.status)) throw new AppError('CENTRE_NOT_RECOGNISED', { status: centre.status });
  if (input.kind === 'adjustment' && Object.keys(input.adjustment ?? {}).length === 0) {
    throw new AppError('ADJUSTMENT_EMPTY', { field: 'adjustment' });
  }
  if (input.kind === 'adjustment' && input.adjustment?.venueArea !== undefined) {
    // Art. 6 holds for an adjusted venue too: say so to the city now rather than when the province decides.
    const verdict = venueAreaVerdict(
      { parkLevel: centre.parkLevel, parkKind: centre.parkKind, area: input.adjustment.venueArea },
      await currentPolicyFor(ctx, centre.cityCode),
    );
    if (!verdict.ok) throw new AppError('VENUE_TOO_SMALL', { verdict, field: 'adjustment.venueArea' });
  }
  if (await pendingChange(db, centreId)) throw new AppError('CHANGE_PENDING', { id: centreId });
  if (centre.version !== input.version)
    throw new AppError('VERSION_CONFLICT', { id: centreId, version: input.version });
  const origin = user.role === 'province' ? 'province' : 'city';
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    // The centre's version moves with the request, so two requests at once cannot both be filed.
    const bumped = await tx
      .update(centres)
      .set({ version: input.version + 1, updatedAt: now })
      .where(and(eq(centres.id, centreId), eq(centres.version, input.version)))
      .returning({ id: centres.id });
    if (bumped.length === 0) throw new AppError('VERSION_CONFLICT', { id: centreId, version: input.version });
    const [change] = await tx
      .insert(centreChanges)
      .values({
        centreId,
        kind: input.kind,
        origin,
        status: 'submitted',
        reason: input.reason,
        adjustment: input.kind === 'adjustment' ? (input.adjustment ?? null) : null,
        requestedBy: user.id === SYSTEM_USER_ID ? null : user.id,
        requestedByName: user.displayName,
        requestedAt: now,
      })
      .returning();
    if (!change) throw new Error('change insert returned nothing');
    // The province's own decision shows on the timeline as the adjustment or revocation itself, not as a request.
    if (origin === 'city') {
      await recordCentreEvent(
        tx,
        ctx,
        { centreId, action: 'change_requested', from: centre.status, to: centre.status, comment: input.reason },
        now,
      );
    }
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'centre.change.requested',
      objectType: 'centre_change',
      objectId: change.id,
      after: change,
    });
    // The province deciding on its own (Art. 9(四) first sentence) needs no second step.
    if (origin === 'province') {
      await applyCentreChange(
        tx,
        ctx,
        { centre: { ...centre, version: input.version + 1 }, change, comment: input.reason },
        now,
      );
    }
  });
  return getCentreDetail(ctx, centreId);
}
