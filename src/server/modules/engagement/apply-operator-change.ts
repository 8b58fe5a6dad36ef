import { and, eq, inArray } from 'drizzle-orm';
import type { TApplyOperatorChangeRequest, TOperatorChange } from '../../../contracts/engagement';
import { HANDOVER_ITEMS } from '../../../contracts/engagement';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { engagements, operatorChanges } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { policyTimeline } from '../../policy/policy-timeline';
import { changeApplicationVerdict, changeDeadline } from '../../policy/rules/deadlines';
import { eligibilityOf, findOperatorRow } from '../operator';
import { refuseStep } from './engagement.machine';
import { invalidField, refuseVerdicts } from './engagement-errors';
import { recordEngagementEvent } from './engagement-events';
import { getOperatorChange } from './get-operator-change';
import { loadForWrite } from './load-engagement';

/**
 * Art. 10(六): 应在变更之日起1个月内，由县（市、区）商务局提出申请. The county applies for a change of the operator of a
 * filed engagement — late applications are refused with the deadline — with the cause, the incoming operator if
 * already known (eligible, Art. 10(一)), and its evaluation of the outgoing operator's actual service.
 */
export async function applyOperatorChange(
  ctx: RequestContext,
  engagementId: number,
  input: TApplyOperatorChangeRequest,
): Promise<TOperatorChange> {
  const { row, user, policy, today, now } = await loadForWrite(ctx, engagementId, 'engagement.manage', input.version);
  if (row.e.status !== 'filed') {
    throw refuseStep(row.e.status, { 'zh-CN': '申请更换承办企业', en: 'apply for a change of operator' });
  }
  const db = ctx.deps.db;
  const [open] = await db
    .select({ id: operatorChanges.id, status: operatorChanges.status })
    .from(operatorChanges)
    .where(
      and(eq(operatorChanges.engagementId, engagementId), inArray(operatorChanges.status, ['submitted', 'forwarded'])),
    );
  if (open) {
    throw new AppError('OPERATOR_CHANGE_PENDING', {
      changeId: open.id,
      'statusLabel_zh-CN': open.status === 'submitted' ? '待市州转报' : '待省商务厅核准',
      statusLabel_en: open.status === 'submitted' ? 'awaiting the city' : 'awaiting the province',
    });
  }
  if (input.changedOn > today)
    throw invalidField('changedOn', { 'zh-CN': '变更日期不能晚于今天', en: 'in the future' });
  if (input.changedOn < row.e.serviceStart)
    throw invalidField('changedOn', { 'zh-CN': '变更日期不能早于服务期开始', en: 'before the service period began' });
  // Art. 10(六): the deadline is computed from the change, on the parameter version in force on the day of the change
  // (Art. 16), and enforced; the change records that version.
  const changePolicy = (await policyTimeline(db)).on(input.changedOn);
  refuseVerdicts('ENGAGEMENT_RULE', [changeApplicationVerdict(input.changedOn, today, changePolicy)]);
  if (input.incomingOperatorId) {
    if (input.incomingOperatorId === row.e.operatorId)
      throw invalidField('incomingOperatorId', { 'zh-CN': '承接企业不能是原承办企业', en: 'the same operator' });
    const incoming = await findOperatorRow(db, input.incomingOperatorId);
    if (!incoming) throw invalidField('incomingOperatorId', { 'zh-CN': '承办企业不存在', en: 'no such operator' });
    refuseVerdicts(
      'OPERATOR_INELIGIBLE',
      await eligibilityOf(db, incoming.id, incoming.qualificationStatus, today, policy),
    );
  }
  const id = await db.transaction(async (tx) => {
    // The engagement's version guards against a second application made at the same moment.
    const bumped = await tx
      .update(engagements)
      .set({ version: input.version + 1, updatedAt: now })
      .where(and(eq(engagements.id, engagementId), eq(engagements.version, input.version)))
      .returning({ id: engagements.id });
    if (bumped.length === 0) throw new AppError('VERSION_CONFLICT', { id: engagementId, version: input.version });
    const [created] = await tx
      .insert(operatorChanges)
      .values({
        engagementId,
        centreId: row.e.centreId,
        countyCode: row.e.countyCode,
        cityCode: row.e.cityCode,
        incomingOperatorId: input.incomingOperatorId ?? null,
        status: 'submitted',
        cause: input.cause,
        changedOn: input.changedOn,
        appliedOn: today,
        deadline: changeDeadline(input.changedOn, changePolicy),
        reason: input.reason,
        handover: HANDOVER_ITEMS.map((item) => ({ item, done: false, note: '' })),
        servedFrom: row.e.serviceStart,
        servedTo: input.changedOn,
        evaluationResult: input.outgoingEvaluation.result,
        evaluationNote: input.outgoingEvaluation.note,
        appliedBy: user.id === SYSTEM_USER_ID ? null : user.id,
        appliedByName: user.displayName,
        // The version its deadline was counted under (shown with the change ever after).
        policyVersion: changePolicy.version,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('insert returned nothing');
    await recordEngagementEvent(
      tx,
      ctx,
      { engagementId, action: 'change_applied', from: 'filed', to: 'filed', comment: input.reason },
      now,
    );
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'operatorChange.applied',
      objectType: 'operator_change',
      objectId: created.id,
      after: created,
    });
    return created.id;
  });
  return getOperatorChange(ctx, id);
}
