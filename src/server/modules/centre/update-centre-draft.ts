import { and, eq } from 'drizzle-orm';
import type { TCentreDetail, TUpdateCentreDraftRequest } from '../../../contracts/centre';
import { auditContext, type RequestContext } from '../../context';
import { centres } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { refuseInStatus } from './centre.machine';
import { getCentreDetail } from './centre.presenter';
import { findCentre } from './centre.repository';
import { recordCentreEvent } from './centre-events';

/** The county edits its application while it is a draft or after the city returned it. */
export async function updateCentreDraft(
  ctx: RequestContext,
  id: number,
  input: TUpdateCentreDraftRequest,
): Promise<TCentreDetail> {
  const user = requireAction(ctx.user, 'centre.update');
  const db = ctx.deps.db;
  const current = await findCentre(db, centreScope(user), id);
  if (!current) throw new AppError('NOT_FOUND', { id });
  if (current.status !== 'draft' && current.status !== 'returned') {
    throw refuseInStatus(current.status, { 'zh-CN': '修改申请', en: 'edit the application' });
  }
  const { version, ...changes } = input;
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(centres).where(eq(centres.id, id));
    const updated = await tx
      .update(centres)
      .set({ ...changes, version: version + 1, updatedAt: now })
      .where(and(eq(centres.id, id), eq(centres.version, version), eq(centres.status, current.status)))
      .returning();
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version });
    await recordCentreEvent(tx, ctx, { centreId: id, action: 'update', from: current.status, to: current.status }, now);
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'centre.updated',
      objectType: 'centre',
      objectId: id,
      before,
      after: updated[0],
    });
  });
  return getCentreDetail(ctx, id);
}
