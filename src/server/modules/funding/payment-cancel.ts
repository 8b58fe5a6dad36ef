import { and, eq } from 'drizzle-orm';
import { PAYMENT_STATUS_NAMES } from '../../../contracts/funding';
import type { TCancelPaymentInput, TPayment } from '../../../contracts/funding-payments';
import { auditContext, type RequestContext } from '../../context';
import { fundPayments } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { paymentScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidTransition } from '../../lib/errors';
import { getPayment } from './payment-list';

const CANCEL_LABEL = { 'zh-CN': '撤销拨付登记', en: 'cancel the payment' };

/**
 * 撤销拨付登记: a payment still waiting for its confirmation is withdrawn by a city official (a wrong amount, a
 * payment the finance bureau did not make). A confirmed payment is money paid and cannot be cancelled — what went
 * wrong then is recovered (Art. 14). Nothing was counted as paid, so no figure moves.
 */
export async function cancelPayment(ctx: RequestContext, id: number, input: TCancelPaymentInput): Promise<TPayment> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const [row] = await db
    .select()
    .from(fundPayments)
    .where(and(eq(fundPayments.id, id), paymentScope(ctx.user)));
  if (!row) throw new AppError('NOT_FOUND', { id });
  requireAction(ctx.user, 'funding.recordPayment');
  if (row.status !== 'recorded') {
    throw invalidTransition(row.status, PAYMENT_STATUS_NAMES[row.status], CANCEL_LABEL);
  }
  if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(fundPayments)
      .set({
        status: 'cancelled',
        version: input.version + 1,
        note: row.note ? `${row.note}\n撤销原因：${input.reason}` : `撤销原因：${input.reason}`,
      })
      .where(and(eq(fundPayments.id, id), eq(fundPayments.version, input.version), eq(fundPayments.status, 'recorded')))
      .returning({ id: fundPayments.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'funding.payment.cancelled',
      objectType: 'fund_payment',
      objectId: id,
      before: { status: 'recorded', version: input.version },
      after: { status: 'cancelled', reason: input.reason, amountFen: row.amountFen },
    });
  });
  return getPayment(ctx, id);
}
