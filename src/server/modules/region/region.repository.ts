import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TRegion, TRegionListQuery } from '../../../contracts/region';
import type { Db } from '../../db/client';
import { regions } from '../../db/schema';
import { contains, startsWith } from '../../lib/like';
import { orderDirection } from '../../lib/xlsx';

const parent = alias(regions, 'parent');

const parkCount = sql<number>`(select count(*)::int from parks p
  where p.county_code = ${regions.code} or (${regions.level} = 'city' and p.city_code = ${regions.code}))`;
const childCount = sql<number>`(select count(*)::int from regions c where c.parent_code = ${regions.code})`;

const columns = {
  code: regions.code,
  name: regions.name,
  level: regions.level,
  parentCode: regions.parentCode,
  parentName: parent.name,
  childCount,
  parkCount,
};

function filters(q: Partial<TRegionListQuery>): SQL | undefined {
  const conds: SQL[] = [];
  if (q.level) conds.push(eq(regions.level, q.level));
  if (q.parentCode) conds.push(eq(regions.parentCode, q.parentCode));
  if (q.q) {
    const cond = or(ilike(regions.name, contains(q.q)), ilike(regions.code, startsWith(q.q)));
    if (cond) conds.push(cond);
  }
  return conds.length ? and(...conds) : undefined;
}

export async function listRegions(
  db: Db,
  q: TRegionListQuery,
  limit: number,
  offset: number,
): Promise<{ items: TRegion[]; total: number }> {
  const where = filters(q);
  const { field, desc: descending } = orderDirection(q.sort);
  const sortColumn = field === 'name' ? regions.name : field === 'parkCount' ? parkCount : regions.code;
  const [items, totals] = await Promise.all([
    db
      .select(columns)
      .from(regions)
      .leftJoin(parent, eq(parent.code, regions.parentCode))
      .where(where)
      .orderBy(descending ? desc(sortColumn) : asc(sortColumn), asc(regions.code))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(regions).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function findRegion(db: Db, code: string): Promise<TRegion | undefined> {
  const rows = await db
    .select(columns)
    .from(regions)
    .leftJoin(parent, eq(parent.code, regions.parentCode))
    .where(eq(regions.code, code))
    .limit(1);
  return rows[0];
}
