import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TGrade } from '../../../contracts/assessment';
import { centreIsServing, RECOGNISED_STATUSES, type TPublicCentre } from '../../../contracts/centre';
import type { TServiceCategory } from '../../../contracts/service-category';
import type { Db } from '../../db/client';
import { centres, parks, regions } from '../../db/schema';
import { contains } from '../../lib/like';
import { latestCentreGrade } from '../figures';
import { centreHasOperated, filedOperatorName } from './centre.repository';

const county = alias(regions, 'county');
const city = alias(regions, 'city');

export interface PublicCentreQuery {
  cityCode?: string;
  service?: TServiceCategory;
  q?: string;
}

/**
 * The recognised centres as the province publishes them (SPEC §8 GET /api/public/centres): no sign-in, and only
 * what a trade enterprise needs to find one — never drafts, applications or internal comments.
 */
export async function listPublicCentres(
  db: Db,
  q: PublicCentreQuery,
  limit: number,
  offset: number,
): Promise<{ items: TPublicCentre[]; total: number }> {
  const conds: SQL[] = [inArray(centres.status, [...RECOGNISED_STATUSES])];
  if (q.cityCode) conds.push(eq(centres.cityCode, q.cityCode));
  if (q.service) conds.push(sql`${centres.services} @> ${JSON.stringify([q.service])}::jsonb`);
  if (q.q) {
    // What a visitor types: a centre's name, its park's name, or a street.
    const text = contains(q.q);
    const any = or(ilike(centres.name, text), ilike(parks.name, text), ilike(centres.venueAddress, text));
    if (any) conds.push(any);
  }
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: centres.id,
        name: centres.name,
        status: centres.status,
        parkName: parks.name,
        parkLevel: parks.level,
        cityName: city.name,
        countyName: county.name,
        address: centres.venueAddress,
        contactPerson: centres.contactPerson,
        contactPhone: centres.contactPhone,
        services: centres.services,
        recognisedAt: centres.recognisedAt,
        operatorName: filedOperatorName,
        hasOperated: centreHasOperated,
        grade: latestCentreGrade,
        isDemo: centres.isDemo,
      })
      .from(centres)
      .innerJoin(parks, eq(parks.id, centres.parkId))
      .innerJoin(county, eq(county.code, centres.countyCode))
      .innerJoin(city, eq(city.code, centres.cityCode))
      .where(where)
      .orderBy(asc(centres.cityCode), asc(centres.name), asc(centres.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(centres).innerJoin(parks, eq(parks.id, centres.parkId)).where(where),
  ]);
  return {
    items: rows.map(({ hasOperated, ...r }) => ({
      ...r,
      serving: centreIsServing({ status: r.status, hasOperated }),
      services: r.services as TServiceCategory[],
      recognisedAt: r.recognisedAt?.toISOString() ?? null,
      grade: r.grade ? { year: Number(r.grade.year), grade: r.grade.grade as TGrade } : null,
    })),
    total: totals[0]?.n ?? 0,
  };
}
