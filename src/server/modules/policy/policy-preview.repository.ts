import { and, asc, eq, inArray, isNotNull, max, min, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TGrade } from '../../../contracts/assessment';
import type { TParkKind, TParkLevel } from '../../../contracts/park';
import type { Db } from '../../db/client';
import { assessmentResults, centres, engagements, operators, parks, regions } from '../../db/schema';

const county = alias(regions, 'county');
const city = alias(regions, 'city');

/** Art. 9: the statuses in which a centre is recognised (the verdicts of Art. 6 and 7 keep applying to it). */
const RECOGNISED = ['approved', 'operating', 'adjusted'] as const;

export interface PreviewCentre {
  centreId: number;
  centreName: string;
  cityName: string;
  countyName: string;
  parkLevel: TParkLevel;
  parkKind: TParkKind;
  venueArea: number;
}

/** Every recognised centre the caller's scope holds, in a stable order (city, county, name). */
export async function recognisedCentres(db: Db, scope: SQL): Promise<PreviewCentre[]> {
  return db
    .select({
      centreId: centres.id,
      centreName: centres.name,
      cityName: city.name,
      countyName: county.name,
      parkLevel: parks.level,
      parkKind: parks.kind,
      venueArea: centres.venueArea,
    })
    .from(centres)
    .innerJoin(parks, eq(parks.id, centres.parkId))
    .innerJoin(county, eq(county.code, centres.countyCode))
    .innerJoin(city, eq(city.code, centres.cityCode))
    .where(and(scope, inArray(centres.status, [...RECOGNISED])))
    .orderBy(asc(centres.cityCode), asc(centres.countyCode), asc(centres.name), asc(centres.id));
}

/** The latest year with published assessment results (Art. 12(三)), or null. */
export async function latestResultYear(db: Db): Promise<number | null> {
  const [row] = await db.select({ year: max(assessmentResults.year) }).from(assessmentResults);
  return row?.year ?? null;
}

export interface PublishedResult {
  centreId: number;
  total: string;
  grade: TGrade;
}

export async function publishedResults(db: Db, year: number, centreIds: number[]): Promise<PublishedResult[]> {
  if (centreIds.length === 0) return [];
  return db
    .select({ centreId: assessmentResults.centreId, total: assessmentResults.total, grade: assessmentResults.grade })
    .from(assessmentResults)
    .where(and(eq(assessmentResults.year, year), inArray(assessmentResults.centreId, centreIds)));
}

/** The earliest provincial filing (备案) of each centre (Art. 11 counts the service years from it). */
export async function earliestFilings(db: Db, centreIds: number[]): Promise<Map<number, string>> {
  if (centreIds.length === 0) return new Map();
  const rows = await db
    .select({ centreId: engagements.centreId, filedOn: min(engagements.filedOn) })
    .from(engagements)
    .where(and(inArray(engagements.centreId, centreIds), isNotNull(engagements.filedOn)))
    .groupBy(engagements.centreId);
  return new Map(rows.flatMap((r) => (r.filedOn ? [[r.centreId, r.filedOn] as const] : [])));
}

export interface ServedPeriod {
  centreId: number;
  operatorId: number;
  operatorName: string;
  from: string;
  to: string;
}

/**
 * Art. 10(六): who served each centre in the year and when — each signed engagement's service period, ended early on
 * its end day, clipped to the year. Periods that do not touch the year are left out.
 */
export async function servedPeriods(db: Db, year: number, centreIds: number[]): Promise<ServedPeriod[]> {
  if (centreIds.length === 0) return [];
  const rows = await db
    .select({
      centreId: engagements.centreId,
      operatorId: engagements.operatorId,
      operatorName: operators.name,
      serviceStart: engagements.serviceStart,
      serviceEnd: engagements.serviceEnd,
      endedOn: engagements.endedOn,
    })
    .from(engagements)
    .innerJoin(operators, eq(operators.id, engagements.operatorId))
    .where(and(inArray(engagements.centreId, centreIds), isNotNull(engagements.signedOn)))
    .orderBy(asc(engagements.serviceStart), asc(engagements.id));
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  return rows.flatMap((r) => {
    const end = r.endedOn && r.endedOn < r.serviceEnd ? r.endedOn : r.serviceEnd;
    const from = r.serviceStart > first ? r.serviceStart : first;
    const to = end < last ? end : last;
    return from <= to
      ? [{ centreId: r.centreId, operatorId: r.operatorId, operatorName: r.operatorName, from, to }]
      : [];
  });
}
