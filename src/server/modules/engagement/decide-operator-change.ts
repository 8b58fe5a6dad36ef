import { and, eq, sql } from 'drizzle-orm';
import type { TAction } from '../../../contracts/access';
import type { TDecideOperatorChangeRequest, TOperatorChange } from '../../../contracts/engagement';
import { auditContext, type RequestContext } from '../../context';
import { engagements, operatorChanges } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidTransition } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { invalidField } from './engagement-errors';
import { recordEngagementEvent } from './engagement-events';
import { getOperatorChange } from './get-operator-change';
import { findOperatorChange, type OperatorChangeRow, operatorChangeScope } from './operator-change.repository';

const LABELS = {
  submitted: { 'zh-CN': '已提交', en: 'submitted' },
  forwarded: { 'zh-CN': '已转报', en: 'forwarded' },
  approved: { 'zh-CN': '已核准', en: 'approved' },
  rejected: { 'zh-CN': '未予核准', en: 'rejected' },
} as const;

async function load(ctx: RequestContext, id: number, action: TAction, version: number): Promise<OperatorChangeRow> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findOperatorChange(ctx.deps.db, operatorChangeScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  requireAction(ctx.user, action);
  if (row.c.version !== version) throw new AppError('VERSION_CONFLICT', { id, version });
  return row;
}

function wrongState(row: OperatorChangeRow, label: { 'zh-CN': string; en: string }) {
  return invalidTransition(row.c.status, LABELS[row.c.status], label);
}

/** Art. 10(六): 经所在市州商务局报省商务厅 — the city forwards the county's application. */
export async function forwardOperatorChange(
  ctx: RequestContext,
  id: number,
  input: { version: number; comment?: string },
): Promise<TOperatorChange> {
  const row = await load(ctx, id, 'engagement.report', input.version);
  if (row.c.status !== 'submitted') throw wrongState(row, { 'zh-CN': '转报', en: 'forward' });
  const now = ctx.deps.clock();
  await ctx.deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(operatorChanges)
      .set({ status: 'forwarded', forwardComment: input.comment ?? null, version: input.version + 1, updatedAt: now })
      .where(and(eq(operatorChanges.id, id), eq(operatorChanges.version, input.version)))
      .returning({ id: operatorChanges.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'operatorChange.forwarded',
      objectType: 'operator_change',
      objectId: id,
      before: { status: row.c.status, version: row.c.version },
      after: { status: 'forwarded', comment: input.comment ?? null, version: input.version + 1 },
    });
  });
  return getOperatorChange(ctx, id);
}

/**
 * Art. 10(六): 报省商务厅核准. Approval ends the outgoing operator's engagement on the day of the change (its service
 * period as evaluated by the county); the county then procures the incoming one (Art. 10(三)). A rejection says why.
 */
export async function decideOperatorChange(
  ctx: RequestContext,
  id: number,
  input: TDecideOperatorChangeRequest,
): Promise<TOperatorChange> {
  const row = await load(ctx, id, 'engagement.file', input.version);
  if (row.c.status !== 'forwarded') throw wrongState(row, { 'zh-CN': '核准', en: 'decide' });
  if (input.decision === 'reject' && !input.comment?.trim())
    throw invalidField('comment', { 'zh-CN': '不予核准须说明理由', en: 'a rejection must give its reason' });
  const now = ctx.deps.clock();
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  await ctx.deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(operatorChanges)
      .set({
        status,
        decisionComment: input.comment ?? null,
        decidedAt: now,
        version: input.version + 1,
        updatedAt: now,
      })
      .where(and(eq(operatorChanges.id, id), eq(operatorChanges.version, input.version)))
      .returning({ id: operatorChanges.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: status === 'approved' ? 'operatorChange.approved' : 'operatorChange.rejected',
      objectType: 'operator_change',
      objectId: id,
      before: { status: row.c.status, version: row.c.version },
      after: { status, comment: input.comment ?? null, version: input.version + 1, decidedOn: beijingDay(now) },
    });
    if (status !== 'approved') return;
    const [ended] = await tx
      .update(engagements)
      .set({
        status: 'ended',
        endedOn: row.c.changedOn,
        endReason: 'operator_changed',
        version: sql`${engagements.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(engagements.id, row.c.engagementId), eq(engagements.status, 'filed')))
      .returning({ id: engagements.id, version: engagements.version });
    if (!ended) throw new AppError('VERSION_CONFLICT', { id: row.c.engagementId });
    await recordEngagementEvent(
      tx,
      ctx,
      {
        engagementId: row.c.engagementId,
        action: 'ended_by_change',
        from: 'filed',
        to: 'ended',
        comment: input.comment ?? null,
      },
      now,
    );
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'engagement.ended',
      objectType: 'engagement',
      objectId: row.c.engagementId,
      before: { status: 'filed' },
      after: { status: 'ended', endedOn: row.c.changedOn, endReason: 'operator_changed', changeId: id },
    });
  });
  return getOperatorChange(ctx, id);
}
