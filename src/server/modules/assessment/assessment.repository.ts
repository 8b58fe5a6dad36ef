import { aliasedTable, and, asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TSubmissionStatus } from '../../../contracts/assessment';
import type { TSubmissionListQuery } from '../../../contracts/assessment-cycle';
import type { Db } from '../../db/client';
import {
  assessmentCycles,
  assessmentSubmissionEvents,
  assessmentSubmissions,
  centres,
  engagements,
  indicatorSystems,
  operators,
  regions,
  users,
} from '../../db/schema';
import { centreHasOperated } from '../centre';

/* Drizzle queries of the assessment's cycles, systems and submissions (Art. 12(二)); no rules here. */

export type SystemRow = typeof indicatorSystems.$inferSelect;
export type CycleRow = typeof assessmentCycles.$inferSelect;
export type SubmissionRow = typeof assessmentSubmissions.$inferSelect;

export async function selectSystems(db: Db, where?: SQL): Promise<SystemRow[]> {
  return db
    .select()
    .from(indicatorSystems)
    .where(where ?? sql`true`)
    .orderBy(desc(indicatorSystems.year), desc(indicatorSystems.id));
}

export async function findSystem(db: Db, id: number): Promise<SystemRow | undefined> {
  const [row] = await db.select().from(indicatorSystems).where(eq(indicatorSystems.id, id)).limit(1);
  return row;
}

/** Systems that some cycle uses: every assessment reader may see those (it is what the centres are measured by). */
export const systemUsedByACycle = sql`exists (select 1 from ${assessmentCycles} where ${assessmentCycles.systemId} = ${indicatorSystems.id})`;

/** systemId → the years of the cycles that use it. */
export async function cycleYearsBySystem(db: Db): Promise<Map<number, number[]>> {
  const rows = await db
    .select({ systemId: assessmentCycles.systemId, year: assessmentCycles.year })
    .from(assessmentCycles)
    .orderBy(asc(assessmentCycles.year));
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.systemId, [...(out.get(r.systemId) ?? []), r.year]);
  return out;
}

const opener = aliasedTable(users, 'opener');

export async function selectCycles(db: Db, id?: number) {
  return db
    .select({ c: assessmentCycles, systemTitle: indicatorSystems.title, openedByName: opener.displayName })
    .from(assessmentCycles)
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, assessmentCycles.systemId))
    .leftJoin(opener, eq(opener.id, assessmentCycles.openedBy))
    .where(id === undefined ? sql`true` : eq(assessmentCycles.id, id))
    .orderBy(desc(assessmentCycles.year));
}

export async function findCycleOfYear(db: Db, year: number): Promise<CycleRow | undefined> {
  const [row] = await db.select().from(assessmentCycles).where(eq(assessmentCycles.year, year)).limit(1);
  return row;
}

/** The cycle still running (opened, not yet published): the one home pages show. At most one in practice. */
export async function findOpenCycle(db: Db): Promise<CycleRow | undefined> {
  const [row] = await db
    .select()
    .from(assessmentCycles)
    .where(eq(assessmentCycles.status, 'open'))
    .orderBy(desc(assessmentCycles.year))
    .limit(1);
  return row;
}

/** Submissions by cycle and status within a scope (≤ 150 rows a cycle: counted from the table itself). */
export async function statusCounts(db: Db, scope: SQL, cycleIds: number[]) {
  if (cycleIds.length === 0) return [];
  return db
    .select({ cycleId: assessmentSubmissions.cycleId, status: assessmentSubmissions.status, n: count() })
    .from(assessmentSubmissions)
    .where(and(scope, inArray(assessmentSubmissions.cycleId, cycleIds)))
    .groupBy(assessmentSubmissions.cycleId, assessmentSubmissions.status);
}

const city = aliasedTable(regions, 'city');
const county = aliasedTable(regions, 'county');

function submissionSelect(db: Db) {
  return db
    .select({
      s: assessmentSubmissions,
      year: assessmentCycles.year,
      centreName: centres.name,
      cityName: city.name,
      countyName: county.name,
      operatorName: operators.name,
    })
    .from(assessmentSubmissions)
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentSubmissions.cycleId))
    .innerJoin(centres, eq(centres.id, assessmentSubmissions.centreId))
    .innerJoin(city, eq(city.code, assessmentSubmissions.cityCode))
    .innerJoin(county, eq(county.code, assessmentSubmissions.countyCode))
    .leftJoin(operators, eq(operators.id, assessmentSubmissions.operatorId));
}
export type SubmissionListRow = Awaited<ReturnType<typeof selectSubmissions>>[number];

export async function selectSubmissions(db: Db, scope: SQL, q: TSubmissionListQuery) {
  return submissionSelect(db)
    .where(
      and(
        scope,
        q.cycleId === undefined ? undefined : eq(assessmentSubmissions.cycleId, q.cycleId),
        q.status === undefined ? undefined : eq(assessmentSubmissions.status, q.status),
        q.cityCode === undefined ? undefined : eq(assessmentSubmissions.cityCode, q.cityCode),
      ),
    )
    .orderBy(
      desc(assessmentCycles.year),
      asc(assessmentSubmissions.cityCode),
      asc(assessmentSubmissions.countyCode),
      asc(assessmentSubmissions.centreId),
    );
}

export async function findSubmission(db: Db, scope: SQL, id: number): Promise<SubmissionListRow | undefined> {
  const [row] = await submissionSelect(db)
    .where(and(scope, eq(assessmentSubmissions.id, id)))
    .limit(1);
  return row;
}

export async function selectEvents(db: Db, submissionId: number) {
  return db
    .select({ e: assessmentSubmissionEvents, actorName: users.displayName })
    .from(assessmentSubmissionEvents)
    .leftJoin(users, eq(users.id, assessmentSubmissionEvents.actorId))
    .where(eq(assessmentSubmissionEvents.submissionId, submissionId))
    .orderBy(asc(assessmentSubmissionEvents.at), asc(assessmentSubmissionEvents.id));
}

export async function displayNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Art. 12: the centres a year's assessment covers — recognised and serving on the opening day (operating, or adjusted
 * after it started operating, Art. 10(三)) with a filed engagement naming the operator running it.
 */
export async function servingCentresWithOperator(db: Db) {
  return db
    .select({
      centreId: centres.id,
      cityCode: centres.cityCode,
      countyCode: centres.countyCode,
      parkId: centres.parkId,
      operatorId: engagements.operatorId,
    })
    .from(centres)
    .innerJoin(engagements, and(eq(engagements.centreId, centres.id), eq(engagements.status, 'filed')))
    .where(or(eq(centres.status, 'operating'), and(eq(centres.status, 'adjusted'), centreHasOperated)))
    .orderBy(asc(centres.id));
}

/**
 * Everyone concerned by a cycle's notice: the operator accounts of its centres, the cities and counties they lie in,
 * and the evaluators (Art. 12(二)(1)).
 */
export async function cycleNoticeRecipients(db: Db, centreIds: number[], cityCodes: string[], countyCodes: string[]) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        or(
          centreIds.length ? and(eq(users.role, 'operator'), inArray(users.centreId, centreIds)) : undefined,
          cityCodes.length ? and(eq(users.role, 'city'), inArray(users.regionCode, cityCodes)) : undefined,
          countyCodes.length ? and(eq(users.role, 'county'), inArray(users.regionCode, countyCodes)) : undefined,
          eq(users.role, 'evaluator'),
        ),
      ),
    );
  return rows.map((r) => r.id);
}

export type StatusCountRow = { cycleId: number; status: TSubmissionStatus; n: number };
