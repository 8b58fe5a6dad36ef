import { and, eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { serviceFiguresMonth } from '../../db/schema';

/*
 * The facts of one centre's month for 楚贸通 (Art. 5(十三): the centre gathers its enterprises' orders, customers, goods,
 * countries and trade modes and exchanges them with 楚贸通). Services come from the figures tables; the trade rollup
 * tables are another piece of work, so the trade facts are summed here from the raw declaration rows of this one
 * centre's served enterprises and this one month — bounded by one centre-month, never the province.
 *
 * "Served" is the trade scope's meaning (scope.ts tradeEnterpriseScope): an enterprise with any service record at the
 * centre — Art. 12 credits a centre with the trade of the enterprises it serves, before and after its first service.
 */

export interface TradeGroup {
  /** The group's code: a country (alpha-2), a trade mode (4 digits) or an HS chapter (2 digits). */
  code: string;
  direction: 'import' | 'export';
  declarations: number;
  /** Σ CNY in fen and USD in cents (exact integers). For HS chapters, the sums of the lines in that chapter. */
  cnyFen: bigint;
  usdCent: bigint;
}

export interface CentreMonthFacts {
  month: string;
  enterprises: {
    id: number;
    creditCode: string;
    name: string;
    /** Service records at this centre submitted in the month (not cancelled). */
    servicesInMonth: number;
    declarations: number;
    cnyFen: bigint;
  }[];
  totals: { direction: 'import' | 'export'; declarations: number; cnyFen: bigint; usdCent: bigint }[];
  byCountry: TradeGroup[];
  byTradeMode: TradeGroup[];
  byHsChapter: TradeGroup[];
  /** Service records at the centre submitted in the month by category (cancelled ones not counted). */
  services: { category: string; records: number }[];
}

/** [start, end) of a 'YYYY-MM' in Beijing time. */
function monthBounds(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: new Date(`${month}-01T00:00:00+08:00`), end: new Date(`${next}-01T00:00:00+08:00`) };
}

type GroupRow = { code: string; direction: 'import' | 'export'; n: string | number; fen: string; cent: string };
const group = (rows: GroupRow[]): TradeGroup[] =>
  rows.map((r) => ({
    code: r.code,
    direction: r.direction,
    declarations: Number(r.n),
    cnyFen: BigInt(r.fen),
    usdCent: BigInt(r.cent),
  }));

export async function centreMonthFacts(db: Db, centreId: number, month: string): Promise<CentreMonthFacts> {
  const { start, end } = monthBounds(month);
  const served = sql`(select distinct enterprise_id from service_records where centre_id = ${centreId})`;
  const decls = sql`(select * from trade_declarations where month = ${month} and enterprise_id in ${served})`;
  const byDecl = async (col: string) =>
    group(
      rowsOf<GroupRow>(
        await db.execute(sql`select ${sql.raw(col)} as code, direction, count(*) as n,
          sum(amount_cny_fen)::text as fen, sum(amount_usd_cent)::text as cent
          from ${decls} d group by 1, 2 order by 1, 2`),
      ),
    );
  const enterprises = rowsOf<{
    id: number;
    credit_code: string;
    name: string;
    services: string;
    n: string;
    fen: string;
  }>(
    await db.execute(sql`select e.id, e.credit_code, e.name,
        (select count(*) from service_records r where r.centre_id = ${centreId} and r.enterprise_id = e.id
          and r.submitted_at >= ${start} and r.submitted_at < ${end} and r.status <> 'cancelled') as services,
        (select count(*) from ${decls} d where d.enterprise_id = e.id) as n,
        (select coalesce(sum(amount_cny_fen), 0)::text from ${decls} d where d.enterprise_id = e.id) as fen
      from enterprises e where e.id in ${served} order by e.credit_code`),
  );
  const totals = rowsOf<GroupRow>(
    await db.execute(sql`select '' as code, direction, count(*) as n, sum(amount_cny_fen)::text as fen,
      sum(amount_usd_cent)::text as cent from ${decls} d group by direction order by direction`),
  );
  const byHsChapter = group(
    rowsOf<GroupRow>(
      await db.execute(sql`select l.hs_chapter as code, d.direction, count(distinct d.id) as n,
        sum(l.amount_cny_fen)::text as fen, sum(l.amount_usd_cent)::text as cent
        from ${decls} d join trade_declaration_lines l on l.declaration_id = d.id group by 1, 2 order by 1, 2`),
    ),
  );
  const services = await db
    .select({ category: serviceFiguresMonth.category, records: sql<string>`sum(${serviceFiguresMonth.records})` })
    .from(serviceFiguresMonth)
    .where(
      and(
        eq(serviceFiguresMonth.centreId, centreId),
        eq(serviceFiguresMonth.month, month),
        sql`${serviceFiguresMonth.status} <> 'cancelled'`,
      ),
    )
    .groupBy(serviceFiguresMonth.category)
    .orderBy(serviceFiguresMonth.category);
  return {
    month,
    enterprises: enterprises.map((e) => ({
      id: Number(e.id),
      creditCode: e.credit_code,
      name: e.name,
      servicesInMonth: Number(e.services),
      declarations: Number(e.n),
      cnyFen: BigInt(e.fen),
    })),
    totals: totals.map((t) => ({
      direction: t.direction,
      declarations: Number(t.n),
      cnyFen: BigInt(t.fen),
      usdCent: BigInt(t.cent),
    })),
    byCountry: await byDecl('country'),
    byTradeMode: await byDecl('trade_mode'),
    byHsChapter,
    services: services
      .filter((s) => Number(s.records) > 0)
      .map((s) => ({ category: s.category, records: Number(s.records) })),
  };
}
