import { and, eq } from 'drizzle-orm';
import { RECOVERY_STATUS_NAMES, type TRecordRecoveryInput } from '../../../contracts/funding';
import type { TRecovery } from '../../../contracts/funding-payments';
import { auditContext, type RequestContext } from '../../context';
import { fundRecoveries, fundRecoveryReceipts } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { recoveryScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField, invalidTransition } from '../../lib/errors';
import { beijingDay, policyInForce } from '../../policy/policy';
import { bumpFundingFigures } from '../figures';
import { amountWithinVerdict, refusePayment } from './payment-rules';
import { getRecovery } from './recovery-list';

const RECEIPT_LABEL = { 'zh-CN': '登记追回资金', en: 'record a recovered sum' };

/**
 * 登记追回 (Art. 14 "追回已拨付资金"): the province or the city of the row records a sum received back, with its
 * voucher. Never more than what remains; due → partly_recovered → recovered. The funding figures move in the same
 * transaction: to recover −x, recovered +x.
 */
export async function recordRecoveryReceipt(
  ctx: RequestContext,
  id: number,
  input: TRecordRecoveryInput,
): Promise<TRecovery> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const [row] = await db
    .select()
    .from(fundRecoveries)
    .where(and(eq(fundRecoveries.id, id), recoveryScope(ctx.user)));
  if (!row) throw new AppError('NOT_FOUND', { id });
  const user = requireAction(ctx.user, 'funding.recordRecovery');
  if (row.status === 'recovered') {
    throw invalidTransition(row.status, RECOVERY_STATUS_NAMES[row.status], RECEIPT_LABEL);
  }
  if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  if (input.receivedOn > today) {
    throw invalidField('receivedOn', {
      'zh-CN': `到账日期不能晚于今天（${today}）`,
      en: `cannot be after today (${today})`,
    });
  }
  const policy = await policyInForce(db, today);
  const remaining = row.dueFen - row.recoveredFen;
  refusePayment([
    amountWithinVerdict(input.amountFen, remaining, policy.version, {
      what: { 'zh-CN': '待追回', en: 'still to recover' },
      article: '第十四条',
      articleEn: 'Art. 14',
      rule: 'recovery.amountWithinDue',
    }),
  ]);
  const recoveredFen = row.recoveredFen + input.amountFen;
  const status = recoveredFen === row.dueFen ? 'recovered' : 'partly_recovered';
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(fundRecoveries)
      .set({ recoveredFen, status, version: input.version + 1 })
      .where(and(eq(fundRecoveries.id, id), eq(fundRecoveries.version, input.version)))
      .returning({ id: fundRecoveries.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    await tx.insert(fundRecoveryReceipts).values({
      recoveryId: id,
      amountFen: input.amountFen,
      receivedOn: input.receivedOn,
      voucherNumber: input.voucherNumber,
      recordedBy: user.id || null,
      recordedByName: user.displayName,
      recordedAt: now,
    });
    await bumpFundingFigures(tx, {
      centreId: row.centreId,
      year: Number(row.year),
      cityCode: row.cityCode,
      countyCode: row.countyCode,
      toRecoverFen: -input.amountFen,
      recoveredFen: input.amountFen,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'funding.recovery.recorded',
      objectType: 'fund_recovery',
      objectId: id,
      before: { status: row.status, recoveredFen: row.recoveredFen, version: input.version },
      after: {
        status,
        recoveredFen,
        amountFen: input.amountFen,
        receivedOn: input.receivedOn,
        voucherNumber: input.voucherNumber,
        article: '第十四条',
        policyVersion: policy.version,
      },
    });
  });
  return getRecovery(ctx, id);
}
