import { and, eq } from 'drizzle-orm';
import type { TOperatorChange, TUpdateHandoverRequest } from '../../../contracts/engagement';
import { auditContext, type RequestContext } from '../../context';
import { operatorChanges } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { invalidField } from './engagement-errors';
import { getOperatorChange } from './get-operator-change';
import { findOperatorChange, operatorChangeScope } from './operator-change.repository';

/** Art. 10(六): 退出企业与承接企业应按相关规定做好工作交接 — the county ticks off the handover items. */
export async function updateHandover(
  ctx: RequestContext,
  id: number,
  input: TUpdateHandoverRequest,
): Promise<TOperatorChange> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findOperatorChange(ctx.deps.db, operatorChangeScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  requireAction(ctx.user, 'engagement.manage');
  if (row.c.version !== input.version) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
  if (row.c.status === 'rejected')
    throw invalidField('status', { 'zh-CN': '申请未获核准，无需交接', en: 'the change was rejected' });
  const seen = new Set<string>();
  for (const [i, e] of input.items.entries()) {
    if (seen.has(e.item)) throw invalidField(`items.${i}.item`, { 'zh-CN': '重复的条目', en: 'listed twice' });
    seen.add(e.item);
  }
  const handover = row.c.handover.map((old) => {
    const next = input.items.find((x) => x.item === old.item);
    return next ? { item: old.item, done: next.done, note: next.note ?? '' } : old;
  });
  const now = ctx.deps.clock();
  await ctx.deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(operatorChanges)
      .set({ handover, version: input.version + 1, updatedAt: now })
      .where(and(eq(operatorChanges.id, id), eq(operatorChanges.version, input.version)))
      .returning({ id: operatorChanges.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'operatorChange.handover.updated',
      objectType: 'operator_change',
      objectId: id,
      before: { handover: row.c.handover, version: row.c.version },
      after: { handover, version: input.version + 1 },
    });
  });
  return getOperatorChange(ctx, id);
}
