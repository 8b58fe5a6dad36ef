import { type SQLWrapper, sql } from 'drizzle-orm';
import { LIST_COUNT_CAP } from '../config';
import { type Db, rowsOf } from '../db/client';

/** A list's total: exact, or `capped` when there are more than `total` rows and counting stopped there. */
export interface ListTotal {
  total: number;
  capped: boolean;
}

/**
 * Counts the rows of `query` (a select of the list's rows with its scope and filters, no order and no limit) up to
 * `cap`: `select count(*) from (… limit cap + 1)`, so that a list of a million rows costs at most cap + 1 index
 * entries to count instead of all of them. More than `cap` rows answer `{ total: cap, capped: true }`, which the
 * web shows as "共 1万条以上".
 */
export async function countCapped(
  db: Db,
  query: { limit(n: number): SQLWrapper },
  cap: number = LIST_COUNT_CAP,
): Promise<ListTotal> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from (${query.limit(cap + 1)}) as capped`),
  );
  const n = Number(rows[0]?.n ?? 0);
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

/** The list's answer fields for a total: `totalCapped` only when counting stopped (zListOf). */
export function totalFields(t: ListTotal): { total: number; totalCapped?: true } {
  return t.capped ? { total: t.total, totalCapped: true } : { total: t.total };
}
