import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { TGrade } from '../../../contracts/assessment';
import type { TGradeDistribution } from '../../../contracts/assessment-results';
import type { Db } from '../../db/client';
import { assessmentResults } from '../../db/schema';
import { assessmentResultScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';

/**
 * Art. 12(三): how many centres in the user's scope got each grade in one published year (the latest when not asked)
 * — the province's overview. Counted from assessment_results, the one table of published grades (decision 0029).
 */
export async function gradeDistribution(db: Db, user: SessionUser, year?: number): Promise<TGradeDistribution> {
  const scope = assessmentResultScope(user);
  const years = (
    await db
      .selectDistinct({ year: assessmentResults.year })
      .from(assessmentResults)
      .where(scope)
      .orderBy(desc(assessmentResults.year))
  ).map((r) => Number(r.year));
  const chosen = year ?? years[0] ?? null;
  const counts = { excellent: 0, good: 0, fair: 0, poor: 0 };
  if (chosen === null) return { year: null, years, counts, total: 0 };
  const rows = await db
    .select({ grade: assessmentResults.grade, n: count() })
    .from(assessmentResults)
    .where(and(scope, eq(assessmentResults.year, chosen)))
    .groupBy(assessmentResults.grade);
  for (const r of rows) counts[r.grade] = r.n;
  return { year: chosen, years, counts, total: rows.reduce((a, r) => a + r.n, 0) };
}

/**
 * The latest published grade of the centre in a select from `centres` (public directory, centre list): the year and
 * the grade only. "centres"."id" spelled out, as Drizzle writes a bare "id" in a select from centres alone.
 */
export const latestCentreGrade = sql<{ year: number; grade: string } | null>`(
  select json_build_object('year', ar.year, 'grade', ar.grade) from assessment_results ar
  where ar.centre_id = "centres"."id" order by ar.year desc limit 1)`;

/**
 * Art. 12(三): per city (or per county of one city) how many centres got each grade in the latest published year in
 * the user's scope — the overview's grade column. From assessment_results, the one table of published grades.
 */
export async function gradesByRegion(
  db: Db,
  user: SessionUser,
  level: { by: 'city' } | { by: 'county'; cityCode: string },
): Promise<{ year: number | null; rows: Array<{ code: string; grade: TGrade; n: number }> }> {
  const scope = assessmentResultScope(user);
  const inCity = level.by === 'city' ? undefined : eq(assessmentResults.cityCode, level.cityCode);
  const [latest] = await db
    .select({
      year: sql<number | null>`max(${assessmentResults.year})`.mapWith((v) => (v === null ? null : Number(v))),
    })
    .from(assessmentResults)
    .where(and(scope, inCity));
  const year = latest?.year ?? null;
  if (year === null) return { year, rows: [] };
  const group = level.by === 'city' ? assessmentResults.cityCode : assessmentResults.countyCode;
  const rows = await db
    .select({ code: group, grade: assessmentResults.grade, n: count() })
    .from(assessmentResults)
    .where(and(scope, inCity, eq(assessmentResults.year, year)))
    .groupBy(group, assessmentResults.grade);
  return { year, rows };
}
