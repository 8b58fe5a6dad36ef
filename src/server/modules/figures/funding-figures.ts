import { and, eq, max, or, type SQL, sql, sum } from 'drizzle-orm';
import type { TFundingFigures } from '../../../contracts/funding';
import { type Db, rowsOf } from '../../db/client';
import { fundingFigures } from '../../db/schema';
import { fundingScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';

/*
 * The funding figures (issue 15, decision 0033): per (centre, year) due, paid, withheld, to recover and recovered,
 * in whole fen. Every change that moves a sum calls bumpFundingFigures in its own transaction; recomputeFundingFigures
 * derives the same sums from the raw rows (entitlements, confirmed payments, recoveries) for figures:check and tests.
 */

export interface FundingDelta {
  centreId: number;
  year: number;
  cityCode: string;
  countyCode: string;
  dueFen?: number;
  paidFen?: number;
  withheldFen?: number;
  toRecoverFen?: number;
  recoveredFen?: number;
}

/** Adds the delta to the (centre, year) row, creating it at zero first: in the caller's transaction. */
export async function bumpFundingFigures(tx: Db, d: FundingDelta): Promise<void> {
  const v = {
    dueFen: d.dueFen ?? 0,
    paidFen: d.paidFen ?? 0,
    withheldFen: d.withheldFen ?? 0,
    toRecoverFen: d.toRecoverFen ?? 0,
    recoveredFen: d.recoveredFen ?? 0,
  };
  if (Object.values(v).every((x) => x === 0)) return;
  await tx
    .insert(fundingFigures)
    .values({ centreId: d.centreId, year: d.year, cityCode: d.cityCode, countyCode: d.countyCode, ...v })
    .onConflictDoUpdate({
      target: [fundingFigures.centreId, fundingFigures.year],
      set: {
        dueFen: sql`${fundingFigures.dueFen} + ${v.dueFen}`,
        paidFen: sql`${fundingFigures.paidFen} + ${v.paidFen}`,
        withheldFen: sql`${fundingFigures.withheldFen} + ${v.withheldFen}`,
        toRecoverFen: sql`${fundingFigures.toRecoverFen} + ${v.toRecoverFen}`,
        recoveredFen: sql`${fundingFigures.recoveredFen} + ${v.recoveredFen}`,
      },
    });
}

export interface FundingFiguresRow extends TFundingFigures {
  centreId: number;
  year: number;
  cityCode: string;
  countyCode: string;
}

/** The stored rows, optionally narrowed (a scope condition on funding_figures, a year). */
export async function readFundingFigures(
  db: Db,
  opts: { where?: SQL | undefined; year?: number } = {},
): Promise<FundingFiguresRow[]> {
  const conds = [opts.where, opts.year === undefined ? undefined : eq(fundingFigures.year, opts.year)].filter(
    (c): c is SQL => c !== undefined,
  );
  const rows = await db
    .select()
    .from(fundingFigures)
    .where(conds.length ? and(...conds) : undefined);
  return rows.map((r) => ({ ...r, year: Number(r.year) }));
}

/** The five sums per (centre, year) from the raw rows, rows of five zeros left out: figures:check compares with it. */
export const FUNDING_RECOMPUTE_SQL = sql`select * from (
    with e as (
      select centre_id, year, city_code, county_code, sum(amount_fen)::bigint as due, sum(withheld_fen)::bigint as withheld
        from funding_entitlements group by 1, 2, 3, 4
    ), p as (
      select centre_id, year, city_code, county_code, sum(amount_fen)::bigint as paid
        from fund_payments where status = 'confirmed' group by 1, 2, 3, 4
    ), r as (
      select centre_id, year, city_code, county_code, sum(due_fen)::bigint as due, sum(recovered_fen)::bigint as rec
        from fund_recoveries group by 1, 2, 3, 4
    ), k as (
      select centre_id, year, city_code, county_code from e union select centre_id, year, city_code, county_code from p
      union select centre_id, year, city_code, county_code from r
    )
    select k.centre_id, k.year, k.city_code, k.county_code,
           coalesce(e.due, 0) as due_fen, coalesce(p.paid, 0) as paid_fen, coalesce(e.withheld, 0) as withheld_fen,
           coalesce(r.due, 0) - coalesce(r.rec, 0) as to_recover_fen, coalesce(r.rec, 0) as recovered_fen
      from k left join e using (centre_id, year) left join p using (centre_id, year) left join r using (centre_id, year)
  ) f where due_fen <> 0 or paid_fen <> 0 or withheld_fen <> 0 or to_recover_fen <> 0 or recovered_fen <> 0`;

/**
 * The same sums from the raw rows: due and withheld from the entitlements, paid from confirmed payments, to recover
 * and recovered from the recoveries. Rows whose five sums are all zero are left out on both sides.
 */
export async function recomputeFundingFigures(db: Db): Promise<FundingFiguresRow[]> {
  const result = await db.execute(FUNDING_RECOMPUTE_SQL);
  const rows = rowsOf<Record<string, unknown>>(result);
  return rows
    .map((r) => ({
      centreId: Number(r.centre_id),
      year: Number(r.year),
      cityCode: String(r.city_code),
      countyCode: String(r.county_code),
      dueFen: Number(r.due_fen),
      paidFen: Number(r.paid_fen),
      withheldFen: Number(r.withheld_fen),
      toRecoverFen: Number(r.to_recover_fen),
      recoveredFen: Number(r.recovered_fen),
    }))
    .filter((r) => r.dueFen || r.paidFen || r.withheldFen || r.toRecoverFen || r.recoveredFen);
}

/**
 * The overview's 奖补资金 column (Art. 11): per city — or per county of one city — what is due and what was paid in
 * the latest year with any funding in the caller's scope, from the funding figures.
 */
export async function fundsByRegion(
  db: Db,
  user: SessionUser,
  level: { by: 'city' } | { by: 'county'; cityCode: string },
): Promise<{ year: number | null; rows: Array<{ code: string; dueFen: number; paidFen: number }> }> {
  const scope = fundingScope(user, {
    cityCode: fundingFigures.cityCode,
    countyCode: fundingFigures.countyCode,
    centreId: fundingFigures.centreId,
  });
  const inCity = level.by === 'city' ? undefined : eq(fundingFigures.cityCode, level.cityCode);
  const some = or(sql`${fundingFigures.dueFen} > 0`, sql`${fundingFigures.paidFen} > 0`);
  const [latest] = await db
    .select({ year: max(fundingFigures.year) })
    .from(fundingFigures)
    .where(and(scope, inCity, some));
  const year = latest?.year === null || latest?.year === undefined ? null : Number(latest.year);
  if (year === null) return { year, rows: [] };
  const group = level.by === 'city' ? fundingFigures.cityCode : fundingFigures.countyCode;
  const rows = await db
    .select({ code: group, dueFen: sum(fundingFigures.dueFen), paidFen: sum(fundingFigures.paidFen) })
    .from(fundingFigures)
    .where(and(scope, inCity, eq(fundingFigures.year, year)))
    .groupBy(group);
  return {
    year,
    rows: rows.map((r) => ({ code: r.code, dueFen: Number(r.dueFen ?? 0), paidFen: Number(r.paidFen ?? 0) })),
  };
}
