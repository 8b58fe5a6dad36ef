import { and, count, desc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  TFundUseFlag,
  TFundUseReport,
  TFundUseReportQuery,
  TFundUseTarget,
} from '../../../contracts/funding-payments';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centres, fundingEntitlements, fundUseReports, operators, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { fundUseReportScope, paymentEntitlementScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { entitlementPaidSql, entitlementPayments, reportedToDateSql } from '../figures';
import { agreementFundLines } from './fund-use-lines';

const city = alias(regions, 'fund_use_city');

function query(db: Db, where: SQL | undefined) {
  return db
    .select({
      r: fundUseReports,
      centreName: centres.name,
      cityName: city.name,
      operatorName: operators.name,
      reportedToDate: reportedToDateSql(),
      paid: entitlementPaidSql(fundUseReports.entitlementId),
    })
    .from(fundUseReports)
    .innerJoin(centres, eq(centres.id, fundUseReports.centreId))
    .innerJoin(operators, eq(operators.id, fundUseReports.operatorId))
    .innerJoin(city, eq(city.code, fundUseReports.cityCode))
    .where(where);
}

type Row = Awaited<ReturnType<typeof query>>[number];

function present(row: Row): TFundUseReport {
  const r = row.r;
  const reportedToDateFen = Number(row.reportedToDate);
  const paidFen = Number(row.paid);
  const flags: TFundUseFlag[] = [];
  if (r.outsideScopeFen > 0) flags.push('outside_scope');
  if (reportedToDateFen > paidFen) flags.push('above_paid');
  return {
    id: r.id,
    entitlementId: r.entitlementId,
    centreId: r.centreId,
    centreName: row.centreName,
    cityName: row.cityName,
    operatorId: r.operatorId,
    operatorName: row.operatorName,
    year: Number(r.year),
    lines: r.lines.map((l) => ({ ...l, flag: l.fundLineItem === null ? ('outside_scope' as const) : null })),
    totalFen: r.totalFen,
    outsideScopeFen: r.outsideScopeFen,
    reportedToDateFen,
    paidFen,
    flags,
    note: r.note,
    submittedByName: r.submittedByName,
    submittedAt: r.submittedAt.toISOString(),
  };
}

/** Fund-use reports in the caller's scope with their flags (Art. 11); `flagged` keeps only the flagged ones. */
export async function listFundUseReports(
  ctx: RequestContext,
  q: TFundUseReportQuery,
  limit: number,
  offset: number,
): Promise<{ items: TFundUseReport[]; total: number }> {
  const user = requireAction(ctx.user, 'funding.read');
  const conds: SQL[] = [fundUseReportScope(user)];
  if (q.year) conds.push(eq(fundUseReports.year, q.year));
  if (q.centreId) conds.push(eq(fundUseReports.centreId, q.centreId));
  const flagged = or(
    gt(fundUseReports.outsideScopeFen, 0),
    sql`${reportedToDateSql()} > ${entitlementPaidSql(fundUseReports.entitlementId)}`,
  );
  if (q.flagged === 'true' && flagged) conds.push(flagged);
  if (q.flagged === 'false' && flagged) conds.push(sql`not (${flagged})`);
  const where = and(...conds);
  const db = ctx.deps.db;
  const [rows, totals] = await Promise.all([
    query(db, where).orderBy(desc(fundUseReports.submittedAt), desc(fundUseReports.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(fundUseReports).where(where),
  ]);
  return { items: rows.map(present), total: totals[0]?.n ?? 0 };
}

export async function getFundUseReport(ctx: RequestContext, id: number): Promise<TFundUseReport> {
  const user = requireAction(ctx.user, 'funding.read');
  const [row] = await query(ctx.deps.db, and(eq(fundUseReports.id, id), fundUseReportScope(user)));
  if (!row) throw new AppError('NOT_FOUND', { id });
  return present(row);
}

/**
 * What the operator may report against (资金使用报告): its entitlements that have been paid something or are due,
 * with what was paid, what it has reported so far and the fund-use lines of the agreement it served under.
 */
export async function listFundUseTargets(ctx: RequestContext): Promise<{ items: TFundUseTarget[] }> {
  const user = requireAction(ctx.user, 'funding.reportUse');
  const db = ctx.deps.db;
  const rows = await db
    .select({ e: fundingEntitlements, centreName: centres.name })
    .from(fundingEntitlements)
    .innerJoin(centres, eq(centres.id, fundingEntitlements.centreId))
    .where(and(paymentEntitlementScope(user), eq(fundingEntitlements.status, 'due')))
    .orderBy(desc(fundingEntitlements.year))
    .limit(50);
  const sums = await entitlementPayments(
    db,
    rows.map((r) => r.e.id),
  );
  const items: TFundUseTarget[] = [];
  for (const r of rows) {
    const year = Number(r.e.year);
    const agreement = await agreementFundLines(db, { centreId: r.e.centreId, operatorId: r.e.operatorId, year });
    const s = sums.get(r.e.id);
    items.push({
      entitlementId: r.e.id,
      centreName: r.centreName,
      year,
      status: r.e.status,
      amountFen: r.e.amountFen,
      paidFen: s?.paidFen ?? 0,
      reportedFen: s?.reportedFen ?? 0,
      agreementNumber: agreement.agreementNumber,
      fundLines: agreement.lines.map((l) => ({ item: l.item, description: l.description ?? null })),
    });
  }
  return { items };
}
