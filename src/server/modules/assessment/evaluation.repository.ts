import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TMetricKey, TSubmissionStatus } from '../../../contracts/assessment';
import type { Db } from '../../db/client';
import {
  assessmentCycles,
  assessmentInspections,
  assessmentScores,
  assessmentSubmissionEvents,
  assessmentSubmissions,
  centres,
  evaluationAgencies,
  indicatorSystems,
  operators,
  regions,
  users,
} from '../../db/schema';

/* Drizzle queries of the evaluation and publication (Art. 12(二)(3), 12(三)); the use cases decide, these only read and write. */

const county = alias(regions, 'county');
const city = alias(regions, 'city');
const scorer = alias(users, 'scorer');

export async function listAgencyRows(db: Db) {
  // Qualified by hand: drizzle writes a single-table select's columns bare, and a bare "id" in the subquery is users.id.
  const evaluators = sql<number>`(select count(*)::int from ${users} e
    where e.role = 'evaluator' and e.evaluator_id = ${evaluationAgencies}.id)`;
  return db
    .select({ a: evaluationAgencies, evaluatorCount: evaluators })
    .from(evaluationAgencies)
    .orderBy(asc(evaluationAgencies.name));
}

export async function findAgency(db: Db, id: number) {
  const [row] = await db.select().from(evaluationAgencies).where(eq(evaluationAgencies.id, id)).limit(1);
  return row;
}

export async function findAgencyByName(db: Db, name: string) {
  const [row] = await db.select().from(evaluationAgencies).where(eq(evaluationAgencies.name, name)).limit(1);
  return row;
}

export async function listCycleRows(db: Db) {
  return db.select().from(assessmentCycles).orderBy(desc(assessmentCycles.year));
}

export async function findCycle(db: Db, id: number) {
  const [row] = await db
    .select({ c: assessmentCycles, systemBody: indicatorSystems.body })
    .from(assessmentCycles)
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, assessmentCycles.systemId))
    .where(eq(assessmentCycles.id, id))
    .limit(1);
  return row;
}

function submissionQuery(db: Db) {
  return db
    .select({
      s: assessmentSubmissions,
      cycle: assessmentCycles,
      systemBody: indicatorSystems.body,
      centreName: centres.name,
      cityName: city.name,
      countyName: county.name,
      operatorName: operators.name,
      agencyName: evaluationAgencies.name,
      scoredByName: scorer.displayName,
    })
    .from(assessmentSubmissions)
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentSubmissions.cycleId))
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, assessmentCycles.systemId))
    .innerJoin(centres, eq(centres.id, assessmentSubmissions.centreId))
    .innerJoin(city, eq(city.code, assessmentSubmissions.cityCode))
    .innerJoin(county, eq(county.code, assessmentSubmissions.countyCode))
    .leftJoin(operators, eq(operators.id, assessmentSubmissions.operatorId))
    .leftJoin(evaluationAgencies, eq(evaluationAgencies.id, assessmentSubmissions.agencyId))
    .leftJoin(scorer, eq(scorer.id, assessmentSubmissions.scoredBy));
}

export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof findSubmission>>>;

/** One submission through the caller's scope (assessmentSubmissionScope): undefined outside it. */
export async function findSubmission(db: Db, scope: SQL, id: number) {
  const [row] = await submissionQuery(db)
    .where(and(scope, eq(assessmentSubmissions.id, id)))
    .limit(1);
  return row;
}

/** The same, locked for the step that changes it (two provincial officers, or an officer and the evaluator). */
export async function lockSubmission(tx: Db, id: number) {
  await tx.execute(sql`select id from assessment_submissions where id = ${id} for update`);
}

export async function listSubmissionRows(db: Db, where: SQL | undefined, limit: number, offset: number) {
  const [rows, totals] = await Promise.all([
    submissionQuery(db)
      .where(where)
      .orderBy(desc(assessmentCycles.year), asc(city.code), asc(centres.name), asc(assessmentSubmissions.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: count() })
      .from(assessmentSubmissions)
      .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentSubmissions.cycleId))
      .where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** The submissions of a cycle (no scope: the province's own steps and the rank cohort read the whole cycle). */
export async function submissionsOfCycle(db: Db, cycleId: number) {
  return submissionQuery(db).where(eq(assessmentSubmissions.cycleId, cycleId)).orderBy(asc(assessmentSubmissions.id));
}

/** Statuses of a submission that passed the city's pre-review: these are assessed and ranked (Art. 12(二)(2)). */
export const ASSESSED_STATUSES = [
  'passed',
  'assigned',
  'scored',
  'sent_back',
  'confirmed',
  'published',
] as const satisfies readonly TSubmissionStatus[];

/** The computed figures of every assessed submission of a cycle: the cohort a rank rule ranks within. */
export async function cohortOf(db: Db, cycleId: number): Promise<Array<Partial<Record<TMetricKey, number | null>>>> {
  const rows = await db
    .select({ metrics: assessmentSubmissions.metrics })
    .from(assessmentSubmissions)
    .where(
      and(eq(assessmentSubmissions.cycleId, cycleId), inArray(assessmentSubmissions.status, [...ASSESSED_STATUSES])),
    );
  return rows.map((r) => metricValuesOf(r.metrics));
}

/** The values of a submission's snapshot (ZMetricSnapshot); none before it was computed. */
export function metricValuesOf(metrics: unknown): Partial<Record<TMetricKey, number | null>> {
  const values = (metrics as { values?: unknown } | null)?.values;
  return values && typeof values === 'object' ? (values as Partial<Record<TMetricKey, number | null>>) : {};
}

export async function scoreRows(db: Db, submissionId: number) {
  return db
    .select()
    .from(assessmentScores)
    .where(eq(assessmentScores.submissionId, submissionId))
    .orderBy(asc(assessmentScores.indicatorKey));
}

export async function inspectionRows(db: Db, submissionId: number) {
  return db
    .select({ i: assessmentInspections, recordedByName: users.displayName })
    .from(assessmentInspections)
    .leftJoin(users, eq(users.id, assessmentInspections.recordedBy))
    .where(eq(assessmentInspections.submissionId, submissionId))
    .orderBy(asc(assessmentInspections.inspectedOn), asc(assessmentInspections.id));
}

export async function findInspection(db: Db, submissionId: number, inspectionId: number) {
  const [row] = await db
    .select()
    .from(assessmentInspections)
    .where(and(eq(assessmentInspections.submissionId, submissionId), eq(assessmentInspections.id, inspectionId)))
    .limit(1);
  return row;
}

export async function eventRows(db: Db, submissionId: number) {
  return db
    .select({ e: assessmentSubmissionEvents, actorName: users.displayName })
    .from(assessmentSubmissionEvents)
    .leftJoin(users, eq(users.id, assessmentSubmissionEvents.actorId))
    .where(eq(assessmentSubmissionEvents.submissionId, submissionId))
    .orderBy(asc(assessmentSubmissionEvents.at), asc(assessmentSubmissionEvents.id));
}
