import { and, count, desc, eq, gt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TPayableEntitlement, TPayableQuery, TPayment, TPaymentQuery } from '../../../contracts/funding-payments';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centres, fundingEntitlements, fundPayments, operators, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { paymentEntitlementScope, paymentScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { entitlementPayments } from '../figures';

const city = alias(regions, 'payment_city');
const county = alias(regions, 'payment_county');

function query(db: Db, where: SQL | undefined) {
  return db
    .select({
      p: fundPayments,
      centreName: centres.name,
      cityName: city.name,
      countyName: county.name,
      operatorName: operators.name,
    })
    .from(fundPayments)
    .innerJoin(centres, eq(centres.id, fundPayments.centreId))
    .innerJoin(operators, eq(operators.id, fundPayments.operatorId))
    .innerJoin(city, eq(city.code, fundPayments.cityCode))
    .innerJoin(county, eq(county.code, fundPayments.countyCode))
    .where(where);
}

type Row = Awaited<ReturnType<typeof query>>[number];

function present(r: Row, user: SessionUser): TPayment {
  const p = r.p;
  return {
    id: p.id,
    entitlementId: p.entitlementId,
    centreId: p.centreId,
    centreName: r.centreName,
    cityCode: p.cityCode,
    cityName: r.cityName,
    countyName: r.countyName,
    operatorId: p.operatorId,
    operatorName: r.operatorName,
    year: Number(p.year),
    amountFen: p.amountFen,
    paidOn: p.paidOn,
    note: p.note,
    status: p.status,
    recordedByName: p.recordedByName,
    recordedAt: p.recordedAt.toISOString(),
    recordedByMe: p.recordedBy !== null && p.recordedBy === user.id,
    confirmedByName: p.confirmedByName,
    confirmedAt: p.confirmedAt?.toISOString() ?? null,
    voucherNumber: p.voucherNumber,
    voucherDate: p.voucherDate,
    version: p.version,
  };
}

/** Payments in the caller's scope (拨付管理), newest first; `awaitingMe` = recorded by someone else, to confirm. */
export async function listPayments(
  ctx: RequestContext,
  q: TPaymentQuery,
  limit: number,
  offset: number,
): Promise<{ items: TPayment[]; total: number }> {
  const user = requireAction(ctx.user, 'funding.read');
  const conds: SQL[] = [paymentScope(user)];
  if (q.year) conds.push(eq(fundPayments.year, q.year));
  if (q.centreId) conds.push(eq(fundPayments.centreId, q.centreId));
  if (q.status) conds.push(eq(fundPayments.status, q.status));
  if (q.awaitingMe === 'true') {
    conds.push(eq(fundPayments.status, 'recorded'));
    conds.push(sql`${fundPayments.recordedBy} is distinct from ${user.id}`);
  }
  const where = and(...conds);
  const db = ctx.deps.db;
  const [rows, totals] = await Promise.all([
    query(db, where).orderBy(desc(fundPayments.recordedAt), desc(fundPayments.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(fundPayments).where(where),
  ]);
  return { items: rows.map((r) => present(r, user)), total: totals[0]?.n ?? 0 };
}

/** One payment through the caller's scope; outside it, not found. */
export async function getPayment(ctx: RequestContext, id: number): Promise<TPayment> {
  const user = requireAction(ctx.user, 'funding.read');
  const [row] = await query(ctx.deps.db, and(eq(fundPayments.id, id), paymentScope(user)));
  if (!row) throw new AppError('NOT_FOUND', { id });
  return present(row, user);
}

/**
 * The entitlements the city may pay against (登记拨付): due (Art. 11, 12(三)), in its scope, with what was paid, what
 * waits for confirmation and what remains. Fully paid ones are left out.
 */
export async function listPayableEntitlements(
  ctx: RequestContext,
  q: TPayableQuery,
): Promise<{ items: TPayableEntitlement[] }> {
  const user = requireAction(ctx.user, 'funding.recordPayment');
  const conds: SQL[] = [
    paymentEntitlementScope(user),
    eq(fundingEntitlements.status, 'due'),
    gt(fundingEntitlements.amountFen, 0),
    eq(operators.qualificationStatus, 'qualified'),
  ];
  if (q.year) conds.push(eq(fundingEntitlements.year, q.year));
  if (q.centreId) conds.push(eq(fundingEntitlements.centreId, q.centreId));
  const db = ctx.deps.db;
  const rows = await db
    .select({ e: fundingEntitlements, centreName: centres.name, countyName: county.name, operatorName: operators.name })
    .from(fundingEntitlements)
    .innerJoin(centres, eq(centres.id, fundingEntitlements.centreId))
    .innerJoin(operators, eq(operators.id, fundingEntitlements.operatorId))
    .innerJoin(county, eq(county.code, fundingEntitlements.countyCode))
    .where(and(...conds))
    .orderBy(desc(fundingEntitlements.year), centres.name)
    .limit(500);
  const sums = await entitlementPayments(
    db,
    rows.map((r) => r.e.id),
  );
  const items: TPayableEntitlement[] = [];
  for (const r of rows) {
    const s = sums.get(r.e.id) ?? { paidFen: 0, pendingFen: 0, reportedFen: 0 };
    const remainingFen = Math.max(0, r.e.amountFen - s.paidFen - s.pendingFen);
    if (remainingFen === 0) continue;
    items.push({
      entitlementId: r.e.id,
      centreId: r.e.centreId,
      centreName: r.centreName,
      countyName: r.countyName,
      operatorId: r.e.operatorId,
      operatorName: r.operatorName,
      year: Number(r.e.year),
      status: r.e.status,
      amountFen: r.e.amountFen,
      paidFen: s.paidFen,
      pendingFen: s.pendingFen,
      remainingFen,
    });
  }
  return { items };
}
