import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TAction } from '../../../contracts/access';
import type { TServiceCategory } from '../../../contracts/service-category';
import type { TServiceRecord, TServiceStatus } from '../../../contracts/service-record';
import { type Db, rowsOf } from '../../db/client';
import { centreStaff, centres, enterprises, regions, serviceProgress, serviceRecords } from '../../db/schema';
import { serviceRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';

const county = alias(regions, 'record_county');
const city = alias(regions, 'record_city');

/**
 * Service records with the names a list and a page show (one join each, all on primary keys). The rating level is
 * the record's own copy (rating_level), so no join to the ratings.
 */
export function selectServiceRecords(db: Db) {
  return db
    .select({
      r: serviceRecords,
      centreName: centres.name,
      enterpriseName: enterprises.name,
      enterpriseCreditCode: enterprises.creditCode,
      countyName: county.name,
      cityName: city.name,
      assigneeName: centreStaff.name,
    })
    .from(serviceRecords)
    .innerJoin(centres, eq(centres.id, serviceRecords.centreId))
    .innerJoin(enterprises, eq(enterprises.id, serviceRecords.enterpriseId))
    .innerJoin(county, eq(county.code, serviceRecords.countyCode))
    .innerJoin(city, eq(city.code, serviceRecords.cityCode))
    .leftJoin(centreStaff, eq(centreStaff.id, serviceRecords.assigneeId));
}

export type ServiceRecordRow = Awaited<ReturnType<ReturnType<typeof selectServiceRecords>['execute']>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentServiceRecord(x: ServiceRecordRow): TServiceRecord {
  const r = x.r;
  return {
    id: r.id,
    number: r.number,
    centreId: r.centreId,
    centreName: x.centreName,
    enterpriseId: r.enterpriseId,
    enterpriseName: x.enterpriseName,
    enterpriseCreditCode: x.enterpriseCreditCode,
    cityCode: r.cityCode,
    cityName: x.cityName,
    countyCode: r.countyCode,
    countyName: x.countyName,
    category: r.category as TServiceCategory,
    subItem: r.subItem,
    channel: r.channel,
    source: r.source,
    requestText: r.requestText,
    status: r.status,
    assigneeId: r.assigneeId,
    assigneeName: x.assigneeName,
    resultText: r.resultText,
    cancelReason: r.cancelReason,
    submittedAt: r.submittedAt.toISOString(),
    acceptedAt: iso(r.acceptedAt),
    completedAt: iso(r.completedAt),
    cancelledAt: iso(r.cancelledAt),
    ratingLevel: r.ratingLevel ?? null,
    isDemo: r.isDemo,
    version: r.version,
  };
}

export async function findServiceRecord(db: Db, id: number, scope: SQL): Promise<ServiceRecordRow | null> {
  const [row] = await selectServiceRecords(db)
    .where(and(eq(serviceRecords.id, id), scope))
    .limit(1);
  return row ?? null;
}

/** FW + year + six digits from one sequence: unique across centres, readable on the phone. */
export async function nextRecordNumber(tx: Db, year: number): Promise<string> {
  const rows = rowsOf<{ n: number }>(await tx.execute(sql`select nextval('service_record_number_seq')::int as n`));
  return `FW${year}${String(rows[0]?.n ?? 0).padStart(6, '0')}`;
}

/**
 * A new record's id and number (nextRecordNumber's) in one round trip, before its row is written: so that the row,
 * its figures, progress and audit entries can go as one statement. A write that then fails leaves a gap in both
 * sequences, as a rolled-back insert always did.
 */
export async function reserveRecordIds(db: Db, year: number): Promise<{ id: number; number: string }> {
  const [row] = rowsOf<{ id: number; n: number }>(
    await db.execute(sql`select nextval(pg_get_serial_sequence('service_records', 'id'))::int as id,
      nextval('service_record_number_seq')::int as n`),
  );
  if (!row) throw new Error('sequences returned nothing');
  return { id: Number(row.id), number: `FW${year}${String(row.n).padStart(6, '0')}` };
}

type ProgressKind = (typeof serviceProgress.$inferInsert)['kind'];
type ProgressEntry = {
  recordId: number;
  /** The record's centre (the table's distribution key, docs/deployment.md §3). */
  centreId: number;
  kind: ProgressKind;
  note: string | null;
  statusAfter: TServiceStatus;
  at: Date;
};

/** One entry of the record's 进度可查 log, written in the step's transaction, signed by who took the step. */
export async function appendProgress(tx: Db, user: SessionUser, entry: ProgressEntry): Promise<void> {
  await progressInsert(tx, user, entry);
}

/** appendProgress's insert, for a caller that joins it with its other writes (db/one-statement.ts); returns its id. */
export function progressInsert(tx: Db, user: SessionUser, entry: ProgressEntry) {
  return tx
    .insert(serviceProgress)
    .values({
      ...entry,
      actorId: user.id || null,
      actorName: user.displayName,
      actorRole: user.role,
    })
    .returning({ id: serviceProgress.id });
}

/** A record in the caller's scope, or 404: what is outside the scope does not exist for the caller. */
export async function findScopedRecord(db: Db, user: SessionUser, id: number) {
  const [row] = await db
    .select()
    .from(serviceRecords)
    .where(and(eq(serviceRecords.id, id), serviceRecordScope(user)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id });
  return row;
}

/**
 * A record the caller acts on: in its scope, and its own — its centre's for an operator, its enterprise's for an
 * enterprise. Officials read records but do not act on them (403 naming the action).
 */
export async function loadOwnRecord(db: Db, user: SessionUser, id: number, action: TAction) {
  const row = await findScopedRecord(db, user, id);
  const mine = user.role === 'operator' ? user.centreId === row.centreId : user.enterpriseId === row.enterpriseId;
  if (!mine) throw new AppError('FORBIDDEN', { action });
  return row;
}
