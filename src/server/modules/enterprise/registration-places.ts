import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { parks, regions } from '../../db/schema';

/**
 * The places the public registration form offers (no sign-in): Hubei's cities and counties, and the development
 * zones of a county. Names only — what a visitor needs to say where the enterprise is, nothing more.
 */
export async function listRegistrationRegions(db: Db) {
  const rows = await db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .where(inArray(regions.level, ['city', 'county']))
    .orderBy(asc(regions.code));
  return rows.map((r) => ({ ...r, level: r.level as 'city' | 'county' }));
}

export function listRegistrationParks(db: Db, countyCode: string | undefined) {
  return db
    .select({ id: parks.id, name: parks.name, countyCode: parks.countyCode, level: parks.level })
    .from(parks)
    .where(countyCode ? eq(parks.countyCode, countyCode) : undefined)
    .orderBy(asc(parks.name));
}
