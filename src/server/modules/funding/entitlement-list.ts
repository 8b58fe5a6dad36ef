import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TEntitlement, TEntitlementQuery } from '../../../contracts/funding';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centres, fundingEntitlements, operators, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { fundingScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';

const city = alias(regions, 'entitlement_city');
const county = alias(regions, 'entitlement_county');

/** The scope of funding_entitlements for the user (fundingScope). */
export const entitlementScope = (user: SessionUser): SQL =>
  fundingScope(user, {
    cityCode: fundingEntitlements.cityCode,
    countyCode: fundingEntitlements.countyCode,
    centreId: fundingEntitlements.centreId,
    operatorId: fundingEntitlements.operatorId,
  });

// What was paid against the row (confirmed payments only) and what is listed for recovery and recovered.
const paidFen = sql<string>`coalesce((select sum(p.amount_fen) from fund_payments p
  where p.entitlement_id = ${fundingEntitlements.id} and p.status = 'confirmed'), 0)`;
const toRecoverFen = sql<string>`coalesce((select sum(r.due_fen - r.recovered_fen) from fund_recoveries r
  join fund_payments p on p.id = r.payment_id where p.entitlement_id = ${fundingEntitlements.id}), 0)`;
const recoveredFen = sql<string>`coalesce((select sum(r.recovered_fen) from fund_recoveries r
  join fund_payments p on p.id = r.payment_id where p.entitlement_id = ${fundingEntitlements.id}), 0)`;

function select(db: Db) {
  return db
    .select({
      e: fundingEntitlements,
      centreName: centres.name,
      cityName: city.name,
      countyName: county.name,
      operatorName: operators.name,
      paidFen,
      toRecoverFen,
      recoveredFen,
    })
    .from(fundingEntitlements)
    .innerJoin(centres, eq(centres.id, fundingEntitlements.centreId))
    .innerJoin(city, eq(city.code, fundingEntitlements.cityCode))
    .innerJoin(county, eq(county.code, fundingEntitlements.countyCode))
    .innerJoin(operators, eq(operators.id, fundingEntitlements.operatorId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

function present(r: Selected): TEntitlement {
  const e = r.e;
  return {
    id: e.id,
    centreId: e.centreId,
    centreName: r.centreName,
    cityCode: e.cityCode,
    cityName: r.cityName,
    countyCode: e.countyCode,
    countyName: r.countyName,
    year: Number(e.year),
    operatorId: e.operatorId,
    operatorName: r.operatorName,
    status: e.status,
    amountFen: e.amountFen,
    withheldFen: e.withheldFen,
    paidFen: Number(r.paidFen),
    toRecoverFen: Number(r.toRecoverFen),
    recoveredFen: Number(r.recoveredFen),
    computation: e.computation,
    computedAt: e.computedAt.toISOString(),
    version: e.version,
  };
}

/**
 * Entitlements in the caller's scope (Art. 11): filtered by year, city, centre and status, newest year first, then
 * by city and centre. The same list is the .xlsx download.
 */
export async function listEntitlements(
  ctx: RequestContext,
  q: TEntitlementQuery,
  limit: number,
  offset: number,
): Promise<{ items: TEntitlement[]; total: number }> {
  const user = requireAction(ctx.user, 'funding.read');
  const db = ctx.deps.db;
  const conds: SQL[] = [entitlementScope(user)];
  if (q.year !== undefined) conds.push(eq(fundingEntitlements.year, q.year));
  if (q.cityCode) conds.push(eq(fundingEntitlements.cityCode, q.cityCode));
  if (q.centreId) conds.push(eq(fundingEntitlements.centreId, q.centreId));
  if (q.status) conds.push(eq(fundingEntitlements.status, q.status));
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    select(db)
      .where(where)
      .orderBy(
        desc(fundingEntitlements.year),
        asc(fundingEntitlements.cityCode),
        asc(centres.name),
        asc(fundingEntitlements.centreId),
        asc(fundingEntitlements.id),
      )
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(fundingEntitlements).where(where),
  ]);
  return { items: rows.map(present), total: totals[0]?.n ?? 0 };
}

/** One entitlement with its computation (rule, article, parameter version, inputs); outside the scope: 404. */
export async function getEntitlement(ctx: RequestContext, id: number): Promise<TEntitlement> {
  const user = requireAction(ctx.user, 'funding.read');
  const [row] = await select(ctx.deps.db).where(and(eq(fundingEntitlements.id, id), entitlementScope(user)));
  if (!row) throw new AppError('NOT_FOUND', { id });
  return present(row);
}
