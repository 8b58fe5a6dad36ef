import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TStaff } from '../../../contracts/staff';
import type { Db } from '../../db/client';
import { centreStaff } from '../../db/schema';

type Row = typeof centreStaff.$inferSelect;

export function toStaff(r: Row): TStaff {
  return {
    id: r.id,
    name: r.name,
    tradeYears: Number(r.tradeYears),
    customsDeclarant: r.customsDeclarant,
    foreignLanguage: r.foreignLanguage,
    socialInsuranceProof: r.socialInsuranceProof,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listStaff(db: Db, centreId: number): Promise<TStaff[]> {
  const rows = await db
    .select()
    .from(centreStaff)
    .where(eq(centreStaff.centreId, centreId))
    .orderBy(asc(centreStaff.id));
  return rows.map(toStaff);
}

export async function findStaff(db: Db, centreId: number, staffId: number) {
  return (
    await db
      .select()
      .from(centreStaff)
      .where(and(eq(centreStaff.centreId, centreId), eq(centreStaff.id, staffId)))
      .limit(1)
  )[0];
}

/** Rosters of several centres at once (one query), for lists and dashboards. */
export async function rostersOf(db: Db, centreIds: number[]): Promise<Map<number, TStaff[]>> {
  const out = new Map<number, TStaff[]>(centreIds.map((id) => [id, []]));
  if (centreIds.length === 0) return out;
  const rows = await db.select().from(centreStaff).where(inArray(centreStaff.centreId, centreIds));
  for (const r of rows) out.get(r.centreId)?.push(toStaff(r));
  return out;
}
