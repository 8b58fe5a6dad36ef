import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { TMatchingFundInput } from '../../../contracts/funding';
import type { TMatchingFund, TMatchingFundQuery } from '../../../contracts/funding-entitlement';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { centres, matchingFunds } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreRecordScope, centreScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';

type Row = typeof matchingFunds.$inferSelect;

/** Matching funds in scope: officials by region, a park committee its park's centres, an operator its centre's. */
const matchingScope = (user: SessionUser): SQL =>
  centreRecordScope(user, {
    cityCode: matchingFunds.cityCode,
    countyCode: matchingFunds.countyCode,
    centreId: matchingFunds.centreId,
  });

const present = (r: Row & { centreName: string }): TMatchingFund => ({
  id: r.id,
  centreId: r.centreId,
  centreName: r.centreName,
  cityCode: r.cityCode,
  countyCode: r.countyCode,
  year: Number(r.year),
  source: r.source,
  amountFen: r.amountFen,
  documentNumber: r.documentNumber,
  grantedOn: r.grantedOn,
  note: r.note,
  recordedByName: r.recordedByName,
  recordedAt: r.recordedAt.toISOString(),
});

/**
 * 配套资金 (Art. 11 "市州、县市区商务主管部门……给予配套资金支持"): a city records its own support for a centre of its
 * city (source city), a county for a centre of its county (source county). A centre outside the caller's region is
 * not found (404); the source must be the caller's own level. Matching funds are the region's own money: they are
 * shown beside the entitlement and are not part of the provincial figures.
 */
export async function recordMatchingFund(ctx: RequestContext, input: TMatchingFundInput): Promise<TMatchingFund> {
  const user = requireAction(ctx.user, 'funding.recordMatching');
  const db = ctx.deps.db;
  const [centre] = await db
    .select({ id: centres.id, name: centres.name, cityCode: centres.cityCode, countyCode: centres.countyCode })
    .from(centres)
    .where(and(eq(centres.id, input.centreId), centreScope(user)));
  if (!centre) throw new AppError('NOT_FOUND', { id: input.centreId });
  if (input.source !== user.role)
    throw invalidField('source', {
      'zh-CN': user.role === 'city' ? '市州商务主管部门登记的是市级配套资金' : '县市区商务主管部门登记的是县级配套资金',
      en: `a ${user.role} records the ${user.role}'s own matching funds`,
    });
  const at = ctx.deps.clock();
  if (input.grantedOn > beijingDay(at))
    throw invalidField('grantedOn', { 'zh-CN': '拨付日期不能晚于今天', en: 'the date cannot be in the future' });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(matchingFunds)
      .values({
        centreId: centre.id,
        year: input.year,
        source: input.source,
        cityCode: centre.cityCode,
        countyCode: centre.countyCode,
        amountFen: input.amountFen,
        documentNumber: input.documentNumber,
        grantedOn: input.grantedOn,
        note: input.note ?? null,
        recordedBy: user.id === SYSTEM_USER_ID ? null : user.id,
        recordedByName: user.displayName,
        recordedAt: at,
      })
      .returning();
    if (!row) throw new Error('matching fund not written');
    await writeAudit(tx, auditContext(ctx, at), {
      action: 'funding.matching.recorded',
      objectType: 'matching_fund',
      objectId: row.id,
      after: {
        centreId: row.centreId,
        year: input.year,
        source: row.source,
        amountFen: row.amountFen,
        documentNumber: row.documentNumber,
        grantedOn: row.grantedOn,
      },
    });
    return present({ ...row, centreName: centre.name });
  });
}

/** Matching funds in the caller's scope, by year (newest first) and centre. */
export async function listMatchingFunds(
  ctx: RequestContext,
  q: TMatchingFundQuery,
  limit: number,
  offset: number,
): Promise<{ items: TMatchingFund[]; total: number }> {
  const user = requireAction(ctx.user, 'funding.read');
  const db = ctx.deps.db;
  const conds: SQL[] = [matchingScope(user)];
  if (q.year !== undefined) conds.push(eq(matchingFunds.year, q.year));
  if (q.centreId) conds.push(eq(matchingFunds.centreId, q.centreId));
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    db
      .select({ m: matchingFunds, centreName: centres.name })
      .from(matchingFunds)
      .innerJoin(centres, eq(centres.id, matchingFunds.centreId))
      .where(where)
      .orderBy(desc(matchingFunds.year), asc(centres.name), asc(matchingFunds.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(matchingFunds).where(where),
  ]);
  return { items: rows.map((r) => present({ ...r.m, centreName: r.centreName })), total: totals[0]?.n ?? 0 };
}
