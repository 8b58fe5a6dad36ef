import { eq } from 'drizzle-orm';
import type { TEntitlementStatus } from '../../contracts/funding';
import type { Db } from '../db/client';
import { centres, fundingEntitlements, fundPayments } from '../db/schema';
import { bumpFundingFigures } from '../modules/figures';

/*
 * Funding rows for tests and the demo (issue 15): an entitlement as the province's computation leaves it, a sanction
 * with its recoveries as the sanction decision leaves them. Each keeps the funding figures current, as the real use
 * cases do, so figures == recomputeFundingFigures holds after every factory call.
 */

export interface MakeEntitlementOptions {
  centreId: number;
  year: number;
  operatorId: number;
  amountFen: number;
  status?: TEntitlementStatus;
  withheldFen?: number;
  policyVersion?: number;
}

/** An entitlement row (Art. 11) with a computation that says it was made by this factory. */
export async function makeEntitlement(
  db: Db,
  opts: MakeEntitlementOptions,
): Promise<typeof fundingEntitlements.$inferSelect> {
  const [centre] = await db
    .select({ cityCode: centres.cityCode, countyCode: centres.countyCode })
    .from(centres)
    .where(eq(centres.id, opts.centreId));
  if (!centre) throw new Error(`no centre ${opts.centreId}`);
  const status = opts.status ?? 'due';
  const amountFen = status === 'due' ? opts.amountFen : 0;
  const withheldFen = opts.withheldFen ?? (status === 'withheld' ? opts.amountFen : 0);
  const policyVersion = opts.policyVersion ?? 1;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(fundingEntitlements)
      .values({
        centreId: opts.centreId,
        year: opts.year,
        operatorId: opts.operatorId,
        cityCode: centre.cityCode,
        countyCode: centre.countyCode,
        status,
        amountFen,
        withheldFen,
        policyVersion,
        computation: {
          rule: 'funding.entitlement',
          article: '第十一条',
          policyVersion,
          explanation: { 'zh-CN': '演示数据：直接登记的支持额度', en: 'Demo data: an entitlement entered directly' },
          inputs: {
            year: opts.year,
            parkLevel: 'national',
            filedOn: null,
            eligibleFrom: null,
            grade: null,
            baseFen: opts.amountFen,
            sharePercent: null,
            periods: [],
          },
        },
        computedAt: new Date(),
      })
      .returning();
    if (!row) throw new Error('entitlement not written');
    await bumpFundingFigures(tx, {
      centreId: row.centreId,
      year: opts.year,
      cityCode: row.cityCode,
      countyCode: row.countyCode,
      dueFen: amountFen,
      withheldFen,
    });
    return row;
  });
}

/**
 * A payment row as the four-eyes flow leaves it, without the flow (for fixtures that need money already paid):
 * `confirmed` bumps the paid figure, as confirming does.
 */
export async function makePayment(
  db: Db,
  opts: {
    entitlement: typeof fundingEntitlements.$inferSelect;
    amountFen: number;
    status: 'recorded' | 'confirmed';
    paidOn: string;
    recordedBy?: number | null;
    recordedByName?: string;
    confirmedBy?: number | null;
    confirmedByName?: string;
    voucherNumber?: string;
  },
): Promise<typeof fundPayments.$inferSelect> {
  const e = opts.entitlement;
  const confirmed = opts.status === 'confirmed';
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(fundPayments)
      .values({
        entitlementId: e.id,
        centreId: e.centreId,
        operatorId: e.operatorId,
        year: e.year,
        cityCode: e.cityCode,
        countyCode: e.countyCode,
        amountFen: opts.amountFen,
        paidOn: opts.paidOn,
        status: opts.status,
        recordedBy: opts.recordedBy ?? null,
        recordedByName: opts.recordedByName ?? '市商务局经办人',
        recordedAt: new Date(`${opts.paidOn}T02:00:00Z`),
        confirmedBy: confirmed ? (opts.confirmedBy ?? null) : null,
        confirmedByName: confirmed ? (opts.confirmedByName ?? '市商务局复核人') : null,
        confirmedAt: confirmed ? new Date(`${opts.paidOn}T06:00:00Z`) : null,
        voucherNumber: confirmed ? (opts.voucherNumber ?? `财拨${opts.paidOn.replaceAll('-', '')}`) : null,
        voucherDate: confirmed ? opts.paidOn : null,
        version: confirmed ? 2 : 1,
      })
      .returning();
    if (!row) throw new Error('payment not written');
    if (confirmed) {
      await bumpFundingFigures(tx, {
        centreId: e.centreId,
        year: Number(e.year),
        cityCode: e.cityCode,
        countyCode: e.countyCode,
        paidFen: opts.amountFen,
      });
    }
    return row;
  });
}
