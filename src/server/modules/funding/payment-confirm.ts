import { and, eq } from 'drizzle-orm';
import type { TConfirmPaymentInput } from '../../../contracts/funding';
import { PAYMENT_STATUS_NAMES } from '../../../contracts/funding';
import type { TPayment } from '../../../contracts/funding-payments';
import { auditContext, type RequestContext } from '../../context';
import { fundPayments } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { paymentScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField, invalidTransition } from '../../lib/errors';
import { beijingDay, policyInForce } from '../../policy/policy';
import { bumpFundingFigures } from '../figures';
import { getPayment } from './payment-list';
import { checkPayable, lockEntitlement } from './payment-record';
import { fourEyesVerdict, refusePayment } from './payment-rules';

const CONFIRM_LABEL = { 'zh-CN': '复核确认拨付', en: 'confirm the payment' };

/**
 * 复核确认拨付 (Art. 11; 财务管理规定): a city official other than the recorder confirms the payment with the finance
 * bureau's voucher number and date. At confirmation the operator's standing (Art. 13, 14) and the remaining amount
 * are checked again, under the entitlement's row lock; the payment moves to confirmed only if it is still the
 * recorded version the official saw (conditional update), so of twenty confirmations at once exactly one succeeds.
 * The paid sum of the funding figures moves in the same transaction.
 */
export async function confirmPayment(ctx: RequestContext, id: number, input: TConfirmPaymentInput): Promise<TPayment> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const [row] = await db
    .select()
    .from(fundPayments)
    .where(and(eq(fundPayments.id, id), paymentScope(ctx.user)));
  if (!row) throw new AppError('NOT_FOUND', { id });
  const user = requireAction(ctx.user, 'funding.confirmPayment');
  if (row.status !== 'recorded') {
    throw invalidTransition(row.status, PAYMENT_STATUS_NAMES[row.status], CONFIRM_LABEL);
  }
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  const policy = await policyInForce(db, today);
  refusePayment([fourEyesVerdict(row.recordedBy, user.id, policy.version)]);
  if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
  if (input.voucherDate > today) {
    throw invalidField('voucherDate', {
      'zh-CN': `凭证日期不能晚于今天（${today}）`,
      en: `cannot be after today (${today})`,
    });
  }
  await db.transaction(async (tx) => {
    const ent = await lockEntitlement(tx, row.entitlementId);
    // Whoever held the lock before may have confirmed or cancelled it: then this confirmation is too late.
    const [current] = await tx
      .select({ status: fundPayments.status, version: fundPayments.version })
      .from(fundPayments)
      .where(eq(fundPayments.id, id));
    if (current?.status !== 'recorded' || current.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    }
    // Only confirmed payments are taken off here: this payment is itself one of the pending ones.
    await checkPayable(tx, ent, row.amountFen, policy.version, { countPending: false });
    const updated = await tx
      .update(fundPayments)
      .set({
        status: 'confirmed',
        confirmedBy: user.id || null,
        confirmedByName: user.displayName,
        confirmedAt: now,
        voucherNumber: input.voucherNumber,
        voucherDate: input.voucherDate,
        version: input.version + 1,
      })
      .where(and(eq(fundPayments.id, id), eq(fundPayments.version, input.version), eq(fundPayments.status, 'recorded')))
      .returning({ id: fundPayments.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    await bumpFundingFigures(tx, {
      centreId: row.centreId,
      year: Number(row.year),
      cityCode: row.cityCode,
      countyCode: row.countyCode,
      paidFen: row.amountFen,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'funding.payment.confirmed',
      objectType: 'fund_payment',
      objectId: id,
      before: { status: 'recorded', version: input.version },
      after: {
        status: 'confirmed',
        amountFen: row.amountFen,
        entitlementId: row.entitlementId,
        recordedBy: row.recordedBy,
        voucherNumber: input.voucherNumber,
        voucherDate: input.voucherDate,
        article: '第十一条',
        policyVersion: policy.version,
      },
    });
  });
  return getPayment(ctx, id);
}
