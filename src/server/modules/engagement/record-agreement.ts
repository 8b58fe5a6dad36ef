import { and, eq } from 'drizzle-orm';
import type { TEngagementDetail, TRecordAgreementRequest } from '../../../contracts/engagement';
import { auditContext, type RequestContext } from '../../context';
import { engagements } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { regionalTimeline } from '../../policy/city-rules';
import { filingDeadline } from '../../policy/rules/deadlines';
import { eligibilityOf } from '../operator/operator-eligibility';
import { nextEngagementStatus } from './engagement.machine';
import { getEngagementDetail } from './engagement.presenter';
import { invalidField, refuseVerdicts } from './engagement-errors';
import { recordEngagementEvent } from './engagement-events';
import { loadForWrite } from './load-engagement';

/**
 * Art. 10(三), 11: the county records the tripartite agreement (county bureau + park committee + operator) with the
 * fund-use scope as line items. The filing deadline — signing + N working days on the official calendar — starts
 * running. Before the city reports it, the county may correct it.
 */
export async function recordAgreement(
  ctx: RequestContext,
  id: number,
  input: TRecordAgreementRequest,
): Promise<TEngagementDetail> {
  const { row, policy, today, now } = await loadForWrite(ctx, id, 'engagement.manage', input.version);
  const to = nextEngagementStatus(row.e.status, 'sign');
  if (input.signedOn < row.e.awardedOn)
    throw invalidField('signedOn', { 'zh-CN': '签订日期不能早于中标日期', en: 'before the award' });
  if (input.signedOn > today) throw invalidField('signedOn', { 'zh-CN': '签订日期不能晚于今天', en: 'in the future' });
  // Art. 10(一): the operator must still be eligible when the county signs with it.
  refuseVerdicts(
    'OPERATOR_INELIGIBLE',
    await eligibilityOf(ctx.deps.db, row.e.operatorId, row.operatorStatus, today, policy),
  );
  // Art. 10(三) with Art. 15, 16: the deadline counts from the signing day, under the version in force on that day
  // and the city's implementing rule in force that day (which may shorten it).
  const signingPolicy = (await regionalTimeline(ctx.deps.db)).onIn(input.signedOn, row.e.cityCode);
  const deadline = filingDeadline(input.signedOn, signingPolicy);
  const values = {
    signedOn: input.signedOn,
    agreementNumber: input.agreementNumber,
    countyParty: input.countyParty,
    parkParty: input.parkParty,
    fundScope: input.fundScope.map((l) => ({
      item: l.item,
      amount: l.amount ?? null,
      description: l.description?.trim() || null,
    })),
    filingDeadline: deadline,
  };
  await ctx.deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(engagements)
      .set({ ...values, status: to, version: input.version + 1, updatedAt: now })
      .where(and(eq(engagements.id, id), eq(engagements.version, input.version)))
      .returning({ id: engagements.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    await recordEngagementEvent(
      tx,
      ctx,
      { engagementId: id, action: row.e.status === 'signed' ? 'agreement_corrected' : 'sign', from: row.e.status, to },
      now,
    );
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'engagement.signed',
      objectType: 'engagement',
      objectId: id,
      before: {
        status: row.e.status,
        signedOn: row.e.signedOn,
        fundScope: row.e.fundScope,
        version: row.e.version,
      },
      after: { status: to, ...values, policyVersion: signingPolicy.version, version: input.version + 1 },
    });
  });
  return getEngagementDetail(ctx, id);
}
