import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TAnnualContract, TEngagementAttachment, TEngagementFileKind } from '../../../contracts/engagement';
import type { Db } from '../../db/client';
import { annualContracts, centres, engagementEvents, engagements, operators, parks, regions } from '../../db/schema';
import { centreRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { listOwnerFiles, toAttachment } from '../attachment/attachment-files';

const county = alias(regions, 'county');
const city = alias(regions, 'city');

/** Engagements in scope (SPEC §1): see centreRecordScope; the park's come through the joined centre. */
export function engagementScope(user: SessionUser): SQL {
  return centreRecordScope(user, {
    cityCode: engagements.cityCode,
    countyCode: engagements.countyCode,
    centreId: engagements.centreId,
    parkId: centres.parkId,
  });
}

function baseQuery(db: Db) {
  return db
    .select({
      e: engagements,
      centreName: centres.name,
      parkName: parks.name,
      countyName: county.name,
      cityName: city.name,
      operatorName: operators.name,
      operatorCreditCode: operators.creditCode,
      operatorStatus: operators.qualificationStatus,
    })
    .from(engagements)
    .innerJoin(centres, eq(centres.id, engagements.centreId))
    .innerJoin(parks, eq(parks.id, centres.parkId))
    .innerJoin(operators, eq(operators.id, engagements.operatorId))
    .innerJoin(county, eq(county.code, engagements.countyCode))
    .innerJoin(city, eq(city.code, engagements.cityCode));
}

export type EngagementRow = NonNullable<Awaited<ReturnType<typeof findEngagement>>>;

export async function findEngagement(db: Db, scope: SQL, id: number) {
  const rows = await baseQuery(db)
    .where(and(scope, eq(engagements.id, id)))
    .limit(1);
  return rows[0];
}

export async function listEngagementRows(db: Db, where: SQL | undefined, limit: number, offset: number) {
  const [rows, totals] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(asc(engagements.cityCode), asc(centres.name), desc(engagements.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(engagements).innerJoin(centres, eq(centres.id, engagements.centreId)).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** The centre's engagement that has not ended, if any (at most one: a partial unique index). */
export async function currentEngagement(db: Db, centreId: number) {
  const rows = await baseQuery(db)
    .where(and(eq(engagements.centreId, centreId), sql`${engagements.status} <> 'ended'`))
    .limit(1);
  return rows[0];
}

export async function listContracts(db: Db, engagementId: number): Promise<TAnnualContract[]> {
  const rows = await db
    .select()
    .from(annualContracts)
    .where(eq(annualContracts.engagementId, engagementId))
    .orderBy(asc(annualContracts.year));
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    contractNumber: r.contractNumber,
    signedOn: r.signedOn,
    amount: r.amount === null ? null : Number(r.amount),
    evaluation: r.evaluation,
    evaluatedOn: r.evaluatedOn,
    evaluationNote: r.evaluationNote,
    recordedBy: r.recordedByName,
  }));
}

/** The engagement's files (materials, evidence, the agreement), oldest first. */
export async function listEngagementAttachments(
  db: Db,
  engagement: { id: number; centreId: number },
): Promise<TEngagementAttachment[]> {
  const rows = await listOwnerFiles(db, {
    kind: 'engagement',
    centreId: engagement.centreId,
    engagementId: engagement.id,
  });
  return rows.map((r) => ({ ...toAttachment(r), kind: r.kind as TEngagementFileKind }));
}

export async function listEngagementEvents(db: Db, engagementId: number) {
  const rows = await db
    .select()
    .from(engagementEvents)
    .where(eq(engagementEvents.engagementId, engagementId))
    .orderBy(asc(engagementEvents.at), asc(engagementEvents.id));
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    comment: r.comment,
    actorName: r.actorName,
    actorRole: r.actorRole,
    at: r.at.toISOString(),
  }));
}
