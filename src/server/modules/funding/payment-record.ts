import { and, eq } from 'drizzle-orm';
import type { TRecordPaymentInput } from '../../../contracts/funding';
import type { TPayment } from '../../../contracts/funding-payments';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { fundingEntitlements, fundPayments } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { paymentEntitlementScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { beijingDay, policyInForce } from '../../policy/policy';
import { entitlementPayments } from '../figures';
import { findOperatorRow } from '../operator';
import { getPayment } from './payment-list';
import { amountWithinVerdict, entitlementDueVerdict, operatorStandingVerdict, refusePayment } from './payment-rules';

/**
 * The entitlement a payment or a fund-use report is made against, in the caller's scope (the payment screens' rule):
 * one outside it is not found (404), before the action is checked, so that its existence is not told.
 */
export async function entitlementInScope(db: Db, user: SessionUser, id: number) {
  const [ent] = await db
    .select()
    .from(fundingEntitlements)
    .where(and(eq(fundingEntitlements.id, id), paymentEntitlementScope(user)));
  if (!ent) throw new AppError('NOT_FOUND', { id });
  return ent;
}

/**
 * 登记拨付 (Art. 11 "由各市州商务局商财政局拨付给承办企业"): a city official records a payment to the operator against
 * its entitlement. Refused, naming the rule and article, when the entitlement is not due (Art. 11, 12(三)), the
 * operator is disqualified or blacklisted (Art. 13, 14) or the amount is above what remains after confirmed and
 * pending payments. The entitlement row is locked for the check, so two recordings at once cannot both take the
 * last of it. The payment counts as paid only once a second official confirms it (payment-confirm.ts).
 */
export async function recordPayment(ctx: RequestContext, input: TRecordPaymentInput): Promise<TPayment> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const ent = await entitlementInScope(db, ctx.user, input.entitlementId);
  const user = requireAction(ctx.user, 'funding.recordPayment');
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  if (input.paidOn > today) {
    throw invalidField('paidOn', {
      'zh-CN': `拨付日期不能晚于今天（${today}）`,
      en: `cannot be after today (${today})`,
    });
  }
  const policy = await policyInForce(db, today);
  const id = await db.transaction(async (tx) => {
    const locked = await lockEntitlement(tx, ent.id);
    await checkPayable(tx, locked, input.amountFen, policy.version);
    const [row] = await tx
      .insert(fundPayments)
      .values({
        entitlementId: locked.id,
        centreId: locked.centreId,
        operatorId: locked.operatorId,
        year: locked.year,
        cityCode: locked.cityCode,
        countyCode: locked.countyCode,
        amountFen: input.amountFen,
        paidOn: input.paidOn,
        note: input.note ?? null,
        status: 'recorded',
        recordedBy: user.id || null,
        recordedByName: user.displayName,
        recordedAt: now,
      })
      .returning({ id: fundPayments.id });
    if (!row) throw new Error('payment not written');
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'funding.payment.recorded',
      objectType: 'fund_payment',
      objectId: row.id,
      before: null,
      after: {
        entitlementId: locked.id,
        centreId: locked.centreId,
        operatorId: locked.operatorId,
        year: locked.year,
        amountFen: input.amountFen,
        paidOn: input.paidOn,
        status: 'recorded',
        article: '第十一条',
        policyVersion: policy.version,
      },
    });
    return row.id;
  });
  return getPayment(ctx, id);
}

type Entitlement = typeof fundingEntitlements.$inferSelect;

/** The entitlement, locked for the rest of the transaction (row lock): payments against it are checked one by one. */
export async function lockEntitlement(tx: Db, id: number): Promise<Entitlement> {
  const [row] = await tx.select().from(fundingEntitlements).where(eq(fundingEntitlements.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND', { id });
  return row;
}

/**
 * Art. 11, 12(三), 13, 14: the entitlement is due, the operator in good standing, and `amountFen` fits in what
 * remains (`countPending`: the payments still waiting for confirmation are taken off too — at recording; at a
 * confirmation the payment itself is one of them, so only confirmed ones count).
 */
export async function checkPayable(
  tx: Db,
  ent: Entitlement,
  amountFen: number,
  policyVersion: number,
  opts: { countPending: boolean } = { countPending: true },
): Promise<void> {
  const operator = await findOperatorRow(tx, ent.operatorId);
  if (!operator) throw new AppError('NOT_FOUND', { operatorId: ent.operatorId });
  const sums = (await entitlementPayments(tx, [ent.id])).get(ent.id);
  const taken = (sums?.paidFen ?? 0) + (opts.countPending ? (sums?.pendingFen ?? 0) : 0);
  const remaining = Math.max(0, ent.amountFen - taken);
  refusePayment([
    entitlementDueVerdict(ent.status, policyVersion),
    operatorStandingVerdict(operator.qualificationStatus, operator.name, policyVersion),
    amountWithinVerdict(amountFen, remaining, policyVersion),
  ]);
}
