import { and, asc, count, desc, eq, ilike, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  TCentreChange,
  TCentreEvent,
  TCentreListQuery,
  TCentreStatus,
  TDecisionLetter,
} from '../../../contracts/centre';
import type { TParkKind, TParkLevel } from '../../../contracts/park';
import type { TServiceCategory } from '../../../contracts/service-category';
import type { Db } from '../../db/client';
import { centreChanges, centreEvents, centres, decisionLetters, parks, regions } from '../../db/schema';
import { contains } from '../../lib/like';
import { orderDirection } from '../../lib/xlsx';
import { HOLDS_PARK_PLACE } from './centre.machine';

const county = alias(regions, 'county');
const city = alias(regions, 'city');

/** The operator of the centre's filed engagement (Art. 10(三)), or null. */
export const filedOperatorName = sql<string | null>`(
  select o.name from engagements e join operators o on o.id = e.operator_id
  where e.centre_id = ${centres.id} and e.status = 'filed' limit 1)`;

/**
 * The centre once started operating (its operator filed, Art. 10(三)): the history centreIsServing needs to tell an
 * adjusted centre that runs from one adjusted before it ever ran.
 */
// "centres"."id" spelled out: in a select from centres alone Drizzle writes a bare "id", which inside this subquery
// would mean centre_events.id.
export const centreHasOperated = sql<boolean>`exists (
  select 1 from centre_events ev where ev.centre_id = "centres"."id" and ev.action = 'start_operating')`;

export const centreColumns = {
  id: centres.id,
  name: centres.name,
  status: centres.status,
  parkId: centres.parkId,
  parkName: parks.name,
  parkLevel: parks.level,
  parkKind: parks.kind,
  countyCode: centres.countyCode,
  countyName: county.name,
  cityCode: centres.cityCode,
  cityName: city.name,
  venueAddress: centres.venueAddress,
  venueArea: centres.venueArea,
  venueProvision: centres.venueProvision,
  venueFree: centres.venueFree,
  reasons: centres.reasons,
  services: centres.services,
  contactPerson: centres.contactPerson,
  contactPhone: centres.contactPhone,
  tradingEnterpriseCount: centres.tradingEnterpriseCount,
  supportStatement: centres.supportStatement,
  submittedAt: centres.submittedAt,
  recognisedAt: centres.recognisedAt,
  revokedAt: centres.revokedAt,
  operatorName: filedOperatorName,
  isDemo: centres.isDemo,
  version: centres.version,
  createdAt: centres.createdAt,
  updatedAt: centres.updatedAt,
};

export interface CentreRow {
  id: number;
  name: string;
  status: TCentreStatus;
  parkId: number;
  parkName: string;
  parkLevel: TParkLevel;
  parkKind: TParkKind;
  countyCode: string;
  countyName: string;
  cityCode: string;
  cityName: string;
  venueAddress: string;
  venueArea: number;
  venueProvision: 'integration' | 'new_build' | 'replacement' | 'lease';
  venueFree: boolean;
  reasons: string;
  services: TServiceCategory[];
  contactPerson: string;
  contactPhone: string;
  tradingEnterpriseCount: number | null;
  supportStatement: string | null;
  submittedAt: Date | null;
  recognisedAt: Date | null;
  revokedAt: Date | null;
  operatorName: string | null;
  isDemo: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

function baseQuery(db: Db) {
  return db
    .select(centreColumns)
    .from(centres)
    .innerJoin(parks, eq(parks.id, centres.parkId))
    .innerJoin(county, eq(county.code, centres.countyCode))
    .innerJoin(city, eq(city.code, centres.cityCode));
}

export function centreFilters(q: Partial<TCentreListQuery>, awaiting: SQL | undefined): SQL[] {
  const conds: SQL[] = [];
  if (q.cityCode) conds.push(eq(centres.cityCode, q.cityCode));
  if (q.countyCode) conds.push(eq(centres.countyCode, q.countyCode));
  if (q.parkId) conds.push(eq(centres.parkId, q.parkId));
  if (q.status?.length) conds.push(inArray(centres.status, q.status));
  if (q.parkLevel) conds.push(eq(parks.level, q.parkLevel));
  if (q.q) conds.push(ilike(centres.name, contains(q.q)));
  if (awaiting) conds.push(awaiting);
  return conds;
}

export async function listCentres(db: Db, where: SQL | undefined, sort: string, limit: number, offset: number) {
  const { field, desc: d } = orderDirection(sort);
  const col =
    field === 'name'
      ? centres.name
      : field === 'status'
        ? centres.status
        : field === 'updatedAt'
          ? centres.updatedAt
          : centres.cityCode;
  const [rows, totals] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(d ? desc(col) : asc(col), asc(centres.name), asc(centres.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(centres).innerJoin(parks, eq(parks.id, centres.parkId)).where(where),
  ]);
  return { rows: rows as CentreRow[], total: totals[0]?.n ?? 0 };
}

/** Every centre matching `where`, by id, without a count: for work inside a transaction (one client, one query at a time). */
export async function centresWhere(db: Db, where: SQL | undefined): Promise<CentreRow[]> {
  return (await baseQuery(db).where(where).orderBy(asc(centres.id))) as CentreRow[];
}

export async function findCentre(db: Db, scope: SQL, id: number): Promise<CentreRow | undefined> {
  const rows = await baseQuery(db)
    .where(and(scope, eq(centres.id, id)))
    .limit(1);
  return rows[0] as CentreRow | undefined;
}

/**
 * Centres of a park that hold its place (Art. 9(二)), other than `exceptId`; with `onlyEarlier`, only those created
 * before it (so that the first centre of a park never reads as the "second" once another joins it); `statuses`
 * narrows what holds the place (the recognised centres only, at approval).
 */
export async function countPlaceHolders(
  db: Db,
  parkId: number,
  exceptId: number | null,
  onlyEarlier = false,
  statuses: readonly TCentreStatus[] = HOLDS_PARK_PLACE,
): Promise<number> {
  const conds = [eq(centres.parkId, parkId), inArray(centres.status, [...statuses])];
  if (exceptId !== null) conds.push(onlyEarlier ? lt(centres.id, exceptId) : ne(centres.id, exceptId));
  const [row] = await db
    .select({ n: count() })
    .from(centres)
    .where(and(...conds));
  return row?.n ?? 0;
}

export async function listEvents(db: Db, centreId: number): Promise<TCentreEvent[]> {
  const rows = await db
    .select()
    .from(centreEvents)
    .where(eq(centreEvents.centreId, centreId))
    .orderBy(asc(centreEvents.at), asc(centreEvents.id));
  return rows.map((r) => ({
    id: r.id,
    action: r.action as TCentreEvent['action'],
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    comment: r.comment,
    actorName: r.actorName,
    actorRole: r.actorRole,
    at: r.at.toISOString(),
  }));
}

export async function listChanges(db: Db, centreId: number): Promise<TCentreChange[]> {
  const rows = await db
    .select()
    .from(centreChanges)
    .where(eq(centreChanges.centreId, centreId))
    .orderBy(desc(centreChanges.requestedAt), desc(centreChanges.id));
  return rows.map((r) => ({
    id: r.id,
    centreId: r.centreId,
    kind: r.kind,
    origin: r.origin,
    status: r.status,
    reason: r.reason,
    adjustment: (r.adjustment as TCentreChange['adjustment']) ?? null,
    decisionComment: r.decisionComment,
    decisionLetterId: r.decisionLetterId,
    requestedBy: r.requestedByName,
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

export async function listLetters(db: Db, centreId: number): Promise<TDecisionLetter[]> {
  const rows = await db
    .select({
      id: decisionLetters.id,
      number: decisionLetters.number,
      kind: decisionLetters.kind,
      centreId: decisionLetters.centreId,
      centreName: centres.name,
      issuedOn: decisionLetters.issuedOn,
      reason: decisionLetters.reason,
      legalBasis: decisionLetters.legalBasis,
      issuedBy: decisionLetters.issuedBy,
    })
    .from(decisionLetters)
    .innerJoin(centres, eq(centres.id, decisionLetters.centreId))
    .where(eq(decisionLetters.centreId, centreId))
    .orderBy(asc(decisionLetters.id));
  return rows;
}

export async function pendingChange(db: Db, centreId: number) {
  return (
    await db
      .select()
      .from(centreChanges)
      .where(and(eq(centreChanges.centreId, centreId), eq(centreChanges.status, 'submitted')))
      .limit(1)
  )[0];
}

/** Counts per city and status in scope, for the province's layout chart. */
export async function centreCounts(db: Db, scope: SQL) {
  return db
    .select({ cityCode: centres.cityCode, cityName: regions.name, status: centres.status, n: count() })
    .from(centres)
    .innerJoin(regions, eq(regions.code, centres.cityCode))
    .where(scope)
    .groupBy(centres.cityCode, regions.name, centres.status)
    .orderBy(centres.cityCode);
}
