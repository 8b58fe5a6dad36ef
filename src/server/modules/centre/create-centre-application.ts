import type { TCentreDetail, TCentreInput } from '../../../contracts/centre';
import { auditContext, type RequestContext } from '../../context';
import { centres } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { findParkInScope } from '../park';
import { getCentreDetail } from './centre.presenter';
import { recordCentreEvent } from './centre-events';

export interface CreateCentreApplicationOptions {
  ctx: RequestContext;
  input: TCentreInput;
  isDemo?: boolean;
}

/**
 * Art. 9(三): a county commerce bureau drafts the application for a new centre in one of its parks. The draft is
 * the county's own until it is submitted; the rules are checked at submission (and again at approval).
 */
export async function createCentreApplication({
  ctx,
  input,
  isDemo = false,
}: CreateCentreApplicationOptions): Promise<TCentreDetail> {
  const user = requireAction(ctx.user, 'centre.create');
  const db = ctx.deps.db;
  // The park must be the county's own; another county's park is simply not there.
  const park = await findParkInScope(db, user, input.parkId);
  if (!park) throw new AppError('NOT_FOUND', { id: input.parkId, field: 'parkId' });
  const now = ctx.deps.clock();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(centres)
      .values({
        ...input,
        tradingEnterpriseCount: input.tradingEnterpriseCount ?? null,
        supportStatement: input.supportStatement ?? null,
        status: 'draft',
        countyCode: park.countyCode,
        cityCode: park.cityCode,
        createdBy: user.id > 0 ? user.id : null,
        isDemo,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordCentreEvent(tx, ctx, { centreId: row.id, action: 'create', from: null, to: 'draft' }, now);
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'centre.created',
      objectType: 'centre',
      objectId: row.id,
      after: row,
    });
    return row.id;
  });
  return getCentreDetail(ctx, id);
}
