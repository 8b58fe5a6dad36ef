import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TActivityDetail } from '../../../contracts/activity';
import type { Db } from '../../db/client';
import { activities, activityEnterprises, centres, enterprises, regions } from '../../db/schema';
import { centreRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';

const county = alias(regions, 'county');
const city = alias(regions, 'city');

/** Activities in scope (SPEC §1): officials by region and park, an operator its own centre's, nobody else any. */
export function activityScope(user: SessionUser): SQL {
  return centreRecordScope(user, {
    cityCode: activities.cityCode,
    countyCode: activities.countyCode,
    centreId: activities.centreId,
    parkId: activities.parkId,
  });
}

const enterpriseCount = sql<number>`(select count(*)::int from ${activityEnterprises}
  where ${activityEnterprises.activityId} = ${activities.id})`;

function baseQuery(db: Db) {
  return db
    .select({
      a: activities,
      centreName: centres.name,
      countyName: county.name,
      cityName: city.name,
      enterpriseCount,
    })
    .from(activities)
    .innerJoin(centres, eq(centres.id, activities.centreId))
    .innerJoin(county, eq(county.code, activities.countyCode))
    .innerJoin(city, eq(city.code, activities.cityCode));
}

export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

export async function findActivity(db: Db, scope: SQL, id: number) {
  const rows = await baseQuery(db)
    .where(and(scope, eq(activities.id, id)))
    .limit(1);
  return rows[0];
}

/** Latest first (start day, then the later record), as the list and its export show them. */
export async function listActivityRows(db: Db, where: SQL | undefined, limit: number, offset: number) {
  const [rows, totals] = await Promise.all([
    baseQuery(db).where(where).orderBy(desc(activities.startOn), desc(activities.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(activities).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function listActivityEnterprises(db: Db, activityId: number): Promise<TActivityDetail['enterprises']> {
  return db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
    .from(activityEnterprises)
    .innerJoin(enterprises, eq(enterprises.id, activityEnterprises.enterpriseId))
    .where(eq(activityEnterprises.activityId, activityId))
    .orderBy(asc(enterprises.name), asc(enterprises.id));
}

/** Which of `ids` are enterprises inside `scope` (the caller's enterpriseScope). */
export async function enterprisesWithin(db: Db, scope: SQL, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(scope, inArray(enterprises.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function participantIds(db: Db, activityId: number): Promise<number[]> {
  const rows = await db
    .select({ id: activityEnterprises.enterpriseId })
    .from(activityEnterprises)
    .where(eq(activityEnterprises.activityId, activityId))
    .orderBy(asc(activityEnterprises.enterpriseId));
  return rows.map((r) => r.id);
}
