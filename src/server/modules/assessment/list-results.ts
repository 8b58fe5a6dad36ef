import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TAssessmentResult, TAssessmentResultListQuery } from '../../../contracts/assessment-results';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { assessmentResults, centres, operators, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { assessmentResultScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';

const city = alias(regions, 'result_city');
const county = alias(regions, 'result_county');

/** The latest year with a published result the user may see, or null. */
export async function latestResultYear(db: Db, user: SessionUser): Promise<number | null> {
  const [row] = await db
    .select({ year: sql<number | null>`max(${assessmentResults.year})` })
    .from(assessmentResults)
    .where(assessmentResultScope(user));
  return row?.year === null || row?.year === undefined ? null : Number(row.year);
}

/**
 * Published grades (Art. 12(三)) in the caller's scope: one year (the latest when not asked, unless one centre's
 * results are asked for, which lists every year), by city then centre. The same list is the year's .xlsx.
 */
export async function listResults(
  ctx: RequestContext,
  q: TAssessmentResultListQuery,
  limit: number,
  offset: number,
): Promise<{ items: TAssessmentResult[]; total: number }> {
  const user = requireAction(ctx.user, 'assessment.read');
  const db = ctx.deps.db;
  const year = q.year ?? (q.centreId ? undefined : await latestResultYear(db, user));
  if (year === null) return { items: [], total: 0 };
  const conds: SQL[] = [assessmentResultScope(user)];
  if (year !== undefined) conds.push(eq(assessmentResults.year, year));
  if (q.cityCode) conds.push(eq(assessmentResults.cityCode, q.cityCode));
  if (q.centreId) conds.push(eq(assessmentResults.centreId, q.centreId));
  if (q.grade) conds.push(eq(assessmentResults.grade, q.grade));
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    db
      .select({
        r: assessmentResults,
        centreName: centres.name,
        cityName: city.name,
        countyName: county.name,
        operatorName: operators.name,
      })
      .from(assessmentResults)
      .innerJoin(centres, eq(centres.id, assessmentResults.centreId))
      .innerJoin(city, eq(city.code, assessmentResults.cityCode))
      .innerJoin(county, eq(county.code, assessmentResults.countyCode))
      .leftJoin(operators, eq(operators.id, assessmentResults.operatorId))
      .where(where)
      .orderBy(
        desc(assessmentResults.year),
        asc(assessmentResults.cityCode),
        asc(centres.name),
        asc(assessmentResults.centreId),
      )
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(assessmentResults).where(where),
  ]);
  return {
    items: rows.map(({ r, ...names }) => ({
      centreId: r.centreId,
      centreName: names.centreName,
      cityCode: r.cityCode,
      cityName: names.cityName,
      countyName: names.countyName,
      year: r.year,
      operatorId: r.operatorId,
      operatorName: names.operatorName,
      total: r.total,
      grade: r.grade,
      publishedAt: r.publishedAt.toISOString(),
    })),
    total: totals[0]?.n ?? 0,
  };
}
