import { and, asc, count, desc, eq, ilike, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TPark, TParkListQuery } from '../../../contracts/park';
import type { Db } from '../../db/client';
import { parks, regions } from '../../db/schema';
import { contains } from '../../lib/like';
import { orderDirection } from '../../lib/xlsx';

const county = alias(regions, 'county');
const city = alias(regions, 'city');

const columns = {
  id: parks.id,
  name: parks.name,
  kind: parks.kind,
  level: parks.level,
  countyCode: parks.countyCode,
  countyName: county.name,
  cityCode: parks.cityCode,
  cityName: city.name,
  isDemo: parks.isDemo,
  version: parks.version,
  createdAt: parks.createdAt,
  updatedAt: parks.updatedAt,
};

type ParkRow = Omit<TPark, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

function toPark(row: ParkRow): TPark {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function filters(q: Partial<TParkListQuery>): SQL[] {
  const conds: SQL[] = [];
  if (q.cityCode) conds.push(eq(parks.cityCode, q.cityCode));
  if (q.countyCode) conds.push(eq(parks.countyCode, q.countyCode));
  if (q.level) conds.push(eq(parks.level, q.level));
  if (q.kind) conds.push(eq(parks.kind, q.kind));
  if (q.q) conds.push(ilike(parks.name, contains(q.q)));
  return conds;
}

// national < provincial < other, the order an official reads a layout in.
const levelRank = sql`case ${parks.level} when 'national' then 0 when 'provincial' then 1 else 2 end`;

export async function listParks(
  db: Db,
  scope: SQL,
  q: TParkListQuery,
  limit: number,
  offset: number,
): Promise<{ items: TPark[]; total: number }> {
  const where = and(scope, ...filters(q));
  const { field, desc: descending } = orderDirection(q.sort);
  const primary =
    field === 'name'
      ? parks.name
      : field === 'level'
        ? levelRank
        : field === 'createdAt'
          ? parks.createdAt
          : parks.cityCode;
  const [rows, totals] = await Promise.all([
    db
      .select(columns)
      .from(parks)
      .innerJoin(county, eq(county.code, parks.countyCode))
      .innerJoin(city, eq(city.code, parks.cityCode))
      .where(where)
      .orderBy(descending ? desc(primary) : asc(primary), asc(levelRank), asc(parks.name), asc(parks.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(parks).where(where),
  ]);
  return { items: rows.map(toPark), total: totals[0]?.n ?? 0 };
}

export async function findPark(db: Db, scope: SQL, id: number): Promise<TPark | undefined> {
  const rows = await db
    .select(columns)
    .from(parks)
    .innerJoin(county, eq(county.code, parks.countyCode))
    .innerJoin(city, eq(city.code, parks.cityCode))
    .where(and(scope, eq(parks.id, id)))
    .limit(1);
  return rows[0] ? toPark(rows[0]) : undefined;
}

/**
 * True when a write lost a race for a park name: two officers saving the same new name at once both pass the
 * findParkByName check, and the unique constraint refuses the second. Both drivers put the PostgreSQL error in `cause`.
 */
export function isParkNameConflict(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string; constraint?: string } } | null)?.cause;
  return cause?.code === '23505' && cause.constraint === 'parks_name_unique';
}

export async function findParkByName(db: Db, name: string) {
  return (await db.select({ id: parks.id }).from(parks).where(eq(parks.name, name)).limit(1))[0];
}

/**
 * A region a park can sit in: a county-level unit, or one of the province-administered county-level cities
 * (仙桃/潜江/天门/神农架), which are city-level units without counties below them. Returns its city.
 */
export async function resolveParkRegion(
  db: Db,
  code: string,
): Promise<{ countyCode: string; cityCode: string } | null> {
  const rows = await db
    .select({
      code: regions.code,
      level: regions.level,
      cityCode: regions.cityCode,
      // Spelled out: in a one-table select Drizzle renders ${regions.code} as a bare "code", which inside this
      // subquery would mean c.code, so every city would look childless.
      children: sql<number>`(select count(*)::int from regions c where c.parent_code = regions.code)`,
    })
    .from(regions)
    .where(eq(regions.code, code))
    .limit(1);
  const r = rows[0];
  if (!r?.cityCode) return null;
  if (r.level === 'county' || (r.level === 'city' && r.children === 0)) {
    return { countyCode: r.code, cityCode: r.cityCode };
  }
  return null;
}
