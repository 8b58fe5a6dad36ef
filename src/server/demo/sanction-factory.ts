import { eq } from 'drizzle-orm';
import type { TDecideSanctionInput, TSanction } from '../../contracts/sanction';
import type { Deps } from '../context';
import type { Db } from '../db/client';
import { centres, fundingEntitlements, fundPayments, fundRecoveries } from '../db/schema';
import type { SessionUser } from '../lib/access/session-user';
import { bumpFundingFigures } from '../modules/figures';
import { decideSanction } from '../modules/sanction/decide-sanction';
import { beijingDay } from '../policy/policy';
import { actor } from './factories';

/**
 * A confirmed payment to an operator for a centre's year (Art. 11), with the entitlement it is paid against and the
 * funding figures moved as the funding module moves them — what a sanction lists for recovery (Art. 14). Written
 * directly here (one per centre, year and operator): the tests and the demo need paid money to recover, whatever
 * screens record it.
 */
export async function makeConfirmedPayment(
  db: Db,
  opts: { centreId: number; operatorId: number; year: number; amountFen: number; paidOn: string; at?: Date },
): Promise<{ entitlementId: number; paymentId: number }> {
  const at = opts.at ?? new Date(`${opts.paidOn}T02:00:00Z`);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select({ cityCode: centres.cityCode, countyCode: centres.countyCode })
      .from(centres)
      .where(eq(centres.id, opts.centreId));
    if (!c) throw new Error(`no centre ${opts.centreId}`);
    const where = { centreId: opts.centreId, year: opts.year, cityCode: c.cityCode, countyCode: c.countyCode };
    const [e] = await tx
      .insert(fundingEntitlements)
      .values({
        ...where,
        operatorId: opts.operatorId,
        status: 'due',
        amountFen: opts.amountFen,
        withheldFen: 0,
        policyVersion: 1,
        computation: {} as never,
        computedAt: at,
      })
      .returning({ id: fundingEntitlements.id });
    if (!e) throw new Error('entitlement insert returned nothing');
    const [p] = await tx
      .insert(fundPayments)
      .values({
        ...where,
        entitlementId: e.id,
        operatorId: opts.operatorId,
        amountFen: opts.amountFen,
        paidOn: opts.paidOn,
        status: 'confirmed',
        recordedAt: at,
        confirmedAt: at,
        voucherNumber: `鄂财拨〔${opts.paidOn.slice(0, 4)}〕${opts.centreId}-${opts.year}号`,
        voucherDate: opts.paidOn,
      })
      .returning({ id: fundPayments.id });
    if (!p) throw new Error('payment insert returned nothing');
    await bumpFundingFigures(tx, { ...where, dueFen: opts.amountFen, paidFen: opts.amountFen });
    return { entitlementId: e.id, paymentId: p.id };
  });
}

/** A decision made through the real use case (the province's account, or the platform acting as the province). */
export async function makeSanction(
  deps: Deps,
  input: Omit<TDecideSanctionInput, 'decidedOn' | 'effectiveOn'> & { decidedOn?: string; effectiveOn?: string },
  opts: { as?: SessionUser; at?: Date } = {},
): Promise<TSanction> {
  const ctx = actor(deps, 'province', {}, opts.as, opts.at);
  const today = beijingDay(opts.at ?? deps.clock());
  return decideSanction(ctx, {
    ...input,
    decidedOn: input.decidedOn ?? today,
    effectiveOn: input.effectiveOn ?? input.decidedOn ?? today,
  });
}

/**
 * A sanction through the real use case (blacklisting by default, Art. 14) and the recoveries it listed: every payment
 * confirmed to the operator (Art. 14 追回已拨付资金).
 */
export async function makeSanctionWithRecoveries(
  deps: Deps,
  opts: { operatorId: number; decidedOn: string; kind?: TDecideSanctionInput['kind'] },
): Promise<{ sanctionId: number; recoveryIds: number[] }> {
  const kind = opts.kind ?? 'blacklist';
  const sanction = await makeSanction(deps, {
    kind,
    operatorId: opts.operatorId,
    grounds: kind === 'blacklist' ? ['14'] : ['13.3'],
    facts: '经查实，该企业虚报服务事项套取财政补助资金，情节严重。',
    decidedOn: opts.decidedOn,
  });
  const rows = await deps.db
    .select({ id: fundRecoveries.id })
    .from(fundRecoveries)
    .where(eq(fundRecoveries.sanctionId, sanction.id))
    .orderBy(fundRecoveries.id);
  return { sanctionId: sanction.id, recoveryIds: rows.map((r) => r.id) };
}
