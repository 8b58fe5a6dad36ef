import { eq } from 'drizzle-orm';
import type { TStaffInput, TStaffRoster } from '../../../contracts/staff';
import { auditContext, type RequestContext } from '../../context';
import { centreStaff } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { staffingVerdicts } from '../../policy/rules/staffing';
import { type CentreRow, findCentreInScope, recheckCentreConditions } from '../centre';
import { currentPolicyFor } from '../centre/centre.presenter';
import { deliverOutbound } from '../message/notify';
import { findStaff, listStaff, toStaff } from './staff.repository';

/** The centre, if the caller's scope holds it (404 otherwise), and the caller may do `action` (403). */
export async function centreFor(ctx: RequestContext, centreId: number, action: 'centre.read' | 'staff.manage') {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const centre = await findCentreInScope(ctx.deps.db, ctx.user, centreId);
  if (!centre) throw new AppError('NOT_FOUND', { id: centreId });
  requireAction(ctx.user, action);
  return centre;
}

/** The roster with the four Art. 7 verdicts for the centre's park level, under the parameter version in force. */
export async function getRoster(ctx: RequestContext, centreId: number): Promise<TStaffRoster> {
  const centre = await centreFor(ctx, centreId, 'centre.read');
  return rosterOf(ctx, centre);
}

export async function rosterOf(ctx: RequestContext, centre: CentreRow): Promise<TStaffRoster> {
  const [items, policy] = await Promise.all([
    listStaff(ctx.deps.db, centre.id),
    currentPolicyFor(ctx, centre.cityCode),
  ]);
  return { items, total: items.length, verdicts: staffingVerdicts(centre.parkLevel, items, policy) };
}

export async function addStaff(ctx: RequestContext, centreId: number, input: TStaffInput) {
  const centre = await centreFor(ctx, centreId, 'staff.manage');
  const now = ctx.deps.clock();
  const { staff, sent } = await ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(centreStaff)
      .values({ ...input, centreId: centre.id, isDemo: centre.isDemo, createdAt: now })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'staff.added',
      objectType: 'centre_staff',
      objectId: row.id,
      after: row,
    });
    // Art. 9(四): the roster changed, so may the centre's staffing condition.
    return { staff: toStaff(row), sent: await recheckCentreConditions(tx, ctx, [centre.id], now) };
  });
  deliverOutbound(ctx.deps, sent);
  return staff;
}

export async function removeStaff(ctx: RequestContext, centreId: number, staffId: number): Promise<void> {
  const centre = await centreFor(ctx, centreId, 'staff.manage');
  const row = await findStaff(ctx.deps.db, centre.id, staffId);
  if (!row) throw new AppError('NOT_FOUND', { id: staffId });
  const now = ctx.deps.clock();
  const sent = await ctx.deps.db.transaction(async (tx) => {
    await tx.delete(centreStaff).where(eq(centreStaff.id, staffId));
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'staff.removed',
      objectType: 'centre_staff',
      objectId: staffId,
      before: row,
    });
    return recheckCentreConditions(tx, ctx, [centre.id], now);
  });
  deliverOutbound(ctx.deps, sent);
}
