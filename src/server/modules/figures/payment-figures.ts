import { and, type Column, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { fundPayments, fundUseReports } from '../../db/schema';

/*
 * Per-entitlement sums of payments and fund-use reports (issue 15, decision 0033): what was paid (confirmed), what is
 * recorded and waiting for its second official, and what the operator has reported using. Read live from the rows
 * (an entitlement has a handful of payments, indexed by entitlement), so the remaining amount a payment is checked
 * against is never stale; the per-(centre, year) totals stay in funding_figures.
 */

export interface EntitlementPayments {
  paidFen: number;
  pendingFen: number;
  reportedFen: number;
}

const ZERO: EntitlementPayments = { paidFen: 0, pendingFen: 0, reportedFen: 0 };

/** Paid, pending and reported sums per entitlement id (zeros for ids without any), in the caller's transaction. */
export async function entitlementPayments(db: Db, ids: number[]): Promise<Map<number, EntitlementPayments>> {
  const out = new Map<number, EntitlementPayments>(ids.map((id) => [id, { ...ZERO }]));
  if (ids.length === 0) return out;
  const paid = await db
    .select({
      id: fundPayments.entitlementId,
      paid: sql<string>`coalesce(sum(${fundPayments.amountFen}) filter (where ${fundPayments.status} = 'confirmed'), 0)`,
      pending: sql<string>`coalesce(sum(${fundPayments.amountFen}) filter (where ${fundPayments.status} = 'recorded'), 0)`,
    })
    .from(fundPayments)
    .where(inArray(fundPayments.entitlementId, ids))
    .groupBy(fundPayments.entitlementId);
  for (const r of paid) {
    const e = out.get(r.id);
    if (e) Object.assign(e, { paidFen: Number(r.paid), pendingFen: Number(r.pending) });
  }
  const reported = await db
    .select({ id: fundUseReports.entitlementId, total: sql<string>`coalesce(sum(${fundUseReports.totalFen}), 0)` })
    .from(fundUseReports)
    .where(inArray(fundUseReports.entitlementId, ids))
    .groupBy(fundUseReports.entitlementId);
  for (const r of reported) {
    const e = out.get(r.id);
    if (e) e.reportedFen = Number(r.total);
  }
  return out;
}

/** The confirmed payments of one entitlement: what a confirmation adds to. */
export async function confirmedPaidFen(db: Db, entitlementId: number): Promise<number> {
  const [r] = await db
    .select({ paid: sql<string>`coalesce(sum(${fundPayments.amountFen}), 0)` })
    .from(fundPayments)
    .where(and(eq(fundPayments.entitlementId, entitlementId), eq(fundPayments.status, 'confirmed')));
  return Number(r?.paid ?? 0);
}

/** SQL on fund_use_reports: the use reported on the report's entitlement up to and including this report. */
export function reportedToDateSql(): SQL<string> {
  return sql<string>`(select coalesce(sum(r2.total_fen), 0) from fund_use_reports r2
    where r2.entitlement_id = ${fundUseReports.entitlementId} and r2.id <= ${fundUseReports.id})`;
}

/** SQL: what was paid (confirmed payments) on the entitlement `entitlementId` names. */
export function entitlementPaidSql(entitlementId: Column): SQL<string> {
  return sql<string>`(select coalesce(sum(p2.amount_fen), 0) from fund_payments p2
    where p2.entitlement_id = ${entitlementId} and p2.status = 'confirmed')`;
}
