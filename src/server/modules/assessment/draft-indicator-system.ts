import type { TIndicatorSystemBody } from '../../../contracts/assessment';
import type { TCreateIndicatorSystemRequest, TIndicatorSystem } from '../../../contracts/assessment-cycle';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { indicatorSystems } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { invalidField } from '../../lib/errors';
import { findSystem } from './assessment.repository';
import { DEFAULT_INDICATOR_SYSTEM } from './default-system';
import { getIndicatorSystem } from './indicator-systems';

/**
 * Art. 12(一): the province drafts a year's indicator system by copying the platform's shipped default (decision
 * 0029: copied from the constant, never installed as a row) or any existing system, then edits the draft until a
 * cycle opens with it. The new row and its audit entry go in one transaction.
 */
export async function draftIndicatorSystem(
  ctx: RequestContext,
  request: TCreateIndicatorSystemRequest,
): Promise<TIndicatorSystem> {
  const user = requireAction(ctx.user, 'assessment.manage');
  const db = ctx.deps.db;
  let body: TIndicatorSystemBody = DEFAULT_INDICATOR_SYSTEM;
  if (request.copyFrom !== null) {
    const source = await findSystem(db, request.copyFrom);
    if (!source)
      throw invalidField('copyFrom', { 'zh-CN': '要复制的指标体系不存在', en: 'no such indicator system to copy' });
    body = source.body as TIndicatorSystemBody;
  }
  const now = ctx.deps.clock();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(indicatorSystems)
      .values({
        title: request.title,
        year: request.year,
        status: 'draft',
        basedOn: request.copyFrom,
        body,
        createdBy: user.id === SYSTEM_USER_ID ? null : user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.system.created',
      objectType: 'indicator_system',
      objectId: row.id,
      after: row,
    });
    return row.id;
  });
  return getIndicatorSystem(ctx, id);
}
