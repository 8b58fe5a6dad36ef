import { and, eq } from 'drizzle-orm';
import type {
  TEngagementDetail,
  TEvaluateContractRequest,
  TRecordContractRequest,
} from '../../../contracts/engagement';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import type { Db } from '../../db/client';
import { annualContracts, engagements } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { contractYear, renewalVerdict } from '../../policy/rules/procurement';
import { refuseStep } from './engagement.machine';
import { getEngagementDetail } from './engagement.presenter';
import { listContracts } from './engagement.repository';
import { invalidField, refuseVerdicts } from './engagement-errors';
import { loadForWrite } from './load-engagement';

async function bumpVersion(tx: Db, id: number, version: number, now: Date) {
  const updated = await tx
    .update(engagements)
    .set({ version: version + 1, updatedAt: now })
    .where(and(eq(engagements.id, id), eq(engagements.version, version)))
    .returning({ id: engagements.id });
  if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version });
}

/**
 * Art. 10(三) 一年一签: the county records the contract for one year of the period — year 1 once the agreement is
 * signed, each later year only after the year before passed its year-end evaluation.
 */
export async function recordContract(
  ctx: RequestContext,
  id: number,
  input: TRecordContractRequest,
): Promise<TEngagementDetail> {
  const { row, user, policy, today, now } = await loadForWrite(ctx, id, 'engagement.manage', input.version);
  if (!['signed', 'reported', 'filed'].includes(row.e.status))
    throw refuseStep(row.e.status, { 'zh-CN': '签订年度合同', en: 'sign an annual contract' });
  if (input.signedOn > today) throw invalidField('signedOn', { 'zh-CN': '签订日期不能晚于今天', en: 'in the future' });
  if (row.e.signedOn && input.signedOn < row.e.signedOn)
    throw invalidField('signedOn', { 'zh-CN': '年度合同不能早于三方合作协议签订', en: 'before the agreement' });
  const contracts = await listContracts(ctx.deps.db, id);
  refuseVerdicts('ENGAGEMENT_RULE', [renewalVerdict(input.year, contracts, policy)]);
  const period = contractYear(row.e.serviceStart, input.year);
  await ctx.deps.db.transaction(async (tx) => {
    await bumpVersion(tx, id, input.version, now);
    const [created] = await tx
      .insert(annualContracts)
      .values({
        engagementId: id,
        year: input.year,
        periodStart: period.start,
        periodEnd: period.end,
        contractNumber: input.contractNumber,
        signedOn: input.signedOn,
        amount: input.amount ?? null,
        recordedBy: user.id === SYSTEM_USER_ID ? null : user.id,
        recordedByName: user.displayName,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'engagement.contract.recorded',
      objectType: 'engagement',
      objectId: id,
      after: { ...created, policyVersion: policy.version },
    });
  });
  return getEngagementDetail(ctx, id);
}

/** Art. 10(三) 年度末期评估: the county records whether the contract year passed; a failed year is not renewed. */
export async function evaluateContract(
  ctx: RequestContext,
  id: number,
  contractId: number,
  input: TEvaluateContractRequest,
): Promise<TEngagementDetail> {
  const { row, policy, today, now } = await loadForWrite(ctx, id, 'engagement.manage', input.version);
  if (row.e.status === 'ended') throw refuseStep(row.e.status, { 'zh-CN': '年度末期评估', en: 'evaluate a year' });
  const [contract] = await ctx.deps.db
    .select()
    .from(annualContracts)
    .where(and(eq(annualContracts.id, contractId), eq(annualContracts.engagementId, id)));
  if (!contract) throw new AppError('NOT_FOUND', { id: contractId });
  if (contract.evaluation !== 'pending')
    throw invalidField('result', { 'zh-CN': '该年度已评估', en: 'this year is already evaluated' });
  if (input.evaluatedOn > today)
    throw invalidField('evaluatedOn', { 'zh-CN': '评估日期不能晚于今天', en: 'in the future' });
  if (input.evaluatedOn < contract.signedOn)
    throw invalidField('evaluatedOn', { 'zh-CN': '评估日期不能早于合同签订日期', en: 'before the contract' });
  await ctx.deps.db.transaction(async (tx) => {
    await bumpVersion(tx, id, input.version, now);
    await tx
      .update(annualContracts)
      .set({ evaluation: input.result, evaluatedOn: input.evaluatedOn, evaluationNote: input.note })
      .where(eq(annualContracts.id, contractId));
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'engagement.contract.evaluated',
      objectType: 'engagement',
      objectId: id,
      before: { contractId, year: contract.year, evaluation: contract.evaluation },
      after: {
        contractId,
        year: contract.year,
        evaluation: input.result,
        evaluatedOn: input.evaluatedOn,
        note: input.note,
        policyVersion: policy.version,
      },
    });
  });
  return getEngagementDetail(ctx, id);
}
