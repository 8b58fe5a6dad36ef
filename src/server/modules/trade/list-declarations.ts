import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  TTradeDeclaration,
  TTradeDeclarationDetail,
  TTradeDeclarationFilters,
} from '../../../contracts/trade-intake';
import type { RequestContext } from '../../context';
import { enterprises, regions, serviceRecords, tradeDeclarationLines, tradeDeclarations } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { tradeDeclarationScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { countCapped, totalFields } from '../../lib/list-count';
import type { ListPage } from '../../lib/list-route';

/** Fen or cents as a decimal text with 2 places (exact: no floating point on money). */
export function fromMinor(units: number | string | bigint): string {
  const v = BigInt(units);
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** The caller's scope and the agreed filters (shared-paths: the drill-down links of the monitoring use them). */
export function declarationConditions(scope: SQL, q: TTradeDeclarationFilters): SQL {
  const d = tradeDeclarations;
  const conds: SQL[] = [scope];
  if (q.cityCode) conds.push(eq(d.cityCode, q.cityCode));
  if (q.countyCode) conds.push(eq(d.countyCode, q.countyCode));
  if (q.enterpriseId) conds.push(eq(d.enterpriseId, q.enterpriseId));
  if (q.centreId)
    conds.push(
      sql`${d.enterpriseId} in (select ${serviceRecords.enterpriseId} from ${serviceRecords} where ${serviceRecords.centreId} = ${q.centreId})`,
    );
  // Days as ranges, so that the (scope column, declared_on) indexes serve the filter and the order.
  if (q.year) conds.push(sql`${d.declaredOn} >= ${`${q.year}-01-01`} and ${d.declaredOn} <= ${`${q.year}-12-31`}`);
  if (q.month) conds.push(eq(d.month, q.month));
  if (q.direction) conds.push(eq(d.direction, q.direction));
  if (q.tradeMode) conds.push(eq(d.tradeMode, q.tradeMode));
  if (q.country) conds.push(eq(d.country, q.country.toUpperCase()));
  if (q.hsChapter)
    conds.push(
      sql`exists (select 1 from ${tradeDeclarationLines} l where l.declaration_id = ${d.id} and l.hs_chapter = ${q.hsChapter})`,
    );
  if (q.declarationNo) conds.push(sql`${d.declarationNo} like ${`${q.declarationNo}%`}`);
  return and(...conds) as SQL;
}

const county = alias(regions, 'county');
const city = alias(regions, 'city');

function selectDeclarations(ctx: RequestContext, where: SQL) {
  const d = tradeDeclarations;
  return ctx.deps.db
    .select({
      id: d.id,
      declarationNo: d.declarationNo,
      enterpriseId: d.enterpriseId,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      cityName: city.name,
      countyName: county.name,
      direction: d.direction,
      declaredOn: d.declaredOn,
      tradeMode: d.tradeMode,
      country: d.country,
      currency: d.currency,
      amount: d.amount,
      amountCnyFen: d.amountCnyFen,
      amountUsdCent: d.amountUsdCent,
      lineCount: d.lineCount,
      orderNo: d.orderNo,
      foreignCustomer: d.foreignCustomer,
      source: d.source,
      createdAt: d.createdAt,
    })
    .from(d)
    .innerJoin(enterprises, eq(enterprises.id, d.enterpriseId))
    .innerJoin(county, eq(county.code, d.countyCode))
    .innerJoin(city, eq(city.code, d.cityCode))
    .where(where);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectDeclarations>['execute']>>[number];
function present(r: Row): TTradeDeclaration {
  const { amountCnyFen, amountUsdCent, createdAt, ...rest } = r;
  return {
    ...rest,
    declarationNo: r.declarationNo.trim(),
    amountCny: fromMinor(amountCnyFen),
    amountUsd: fromMinor(amountUsdCent),
    createdAt: createdAt.toISOString(),
  };
}

/**
 * Declarations in scope with the agreed filters, newest declaration day first. As decision 0017: the page's ids
 * from trade_declarations alone (served by the scope column's (…, declared_on) index), names for those rows only,
 * and a count that stops at the cap.
 */
export async function listDeclarations(
  ctx: RequestContext,
  q: TTradeDeclarationFilters,
  limit: number,
  offset: number,
): Promise<ListPage<TTradeDeclaration>> {
  const user = requireAction(ctx.user, 'trade.read');
  const d = tradeDeclarations;
  const where = declarationConditions(tradeDeclarationScope(user), q);
  const ids = ctx.deps.db
    .select({ id: d.id })
    .from(d)
    .where(where)
    .orderBy(desc(d.declaredOn), desc(d.id))
    .limit(limit)
    .offset(offset);
  const [rows, total] = await Promise.all([
    selectDeclarations(ctx, sql`${d.id} in (${ids})`).orderBy(desc(d.declaredOn), desc(d.id)),
    countCapped(ctx.deps.db, ctx.deps.db.select({ id: d.id }).from(d).where(where)),
  ]);
  return { items: rows.map(present), ...totalFields(total) };
}

/** One declaration with its lines, if in scope; otherwise not found (its existence is not revealed). */
export async function getDeclaration(ctx: RequestContext, id: number): Promise<TTradeDeclarationDetail> {
  const user = requireAction(ctx.user, 'trade.read');
  const d = tradeDeclarations;
  const [row] = await selectDeclarations(ctx, and(eq(d.id, id), tradeDeclarationScope(user)) as SQL);
  if (!row) throw new AppError('NOT_FOUND');
  const lines = await ctx.deps.db
    .select()
    .from(tradeDeclarationLines)
    .where(eq(tradeDeclarationLines.declarationId, id))
    .orderBy(asc(tradeDeclarationLines.lineNo));
  return {
    ...present(row),
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      commodityCode: l.commodityCode,
      hsChapter: l.hsChapter,
      goodsName: l.goodsName,
      quantity: l.quantity,
      unit: l.unit,
      amount: l.amount,
      amountCny: fromMinor(l.amountCnyFen),
      amountUsd: fromMinor(l.amountUsdCent),
    })),
  };
}
