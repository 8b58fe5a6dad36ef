import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { oneStatement, type StatementPart } from '../../db/one-statement';
import { bumpFiguresVersion, bumpVersionStatement } from './figures-version';
import { raw } from './recompute';
import {
  recomputeTradeEnterpriseTotal,
  recomputeTradeEnterpriseYear,
  recomputeTradeMonth,
  recomputeTradeRegion,
  recomputeTradeRegionYear,
  TRADE_MONTH_COLUMNS,
  TRADE_MONTH_KEY,
  TRADE_MONTH_MEASURES,
  TRADE_REGION_COLUMNS,
  TRADE_REGION_KEY,
  TRADE_REGION_MEASURES,
  TRADE_REGION_YEAR_COLUMNS,
  TRADE_REGION_YEAR_KEY,
  TRADE_REGION_YEAR_MEASURES,
  TRADE_TOTAL_COLUMNS,
  TRADE_TOTAL_KEY,
  TRADE_YEAR_COLUMNS,
  TRADE_YEAR_KEY,
} from './trade-recompute';

/** Which declarations were just written: one intake's, or those with the given ids. */
export type NewDeclarations = { intakeId: number } | { declarationIds: number[] };

const add = (measures: readonly string[]) => measures.map((m) => `${m} = t.${m} + excluded.${m}`).join(', ');

/**
 * Add newly written declarations to the trade figures, in the caller's transaction (decision 0026): five
 * `insert … select … group by … on conflict do update set x = x + excluded.x`, one per table, sorted by key so that
 * two intakes take the rows in the same order. Declarations are only ever added, so the year's first day is least().
 * ingestDeclarations calls it right after writeDeclarations; a bulk writer that writes declarations another way calls
 * it after its own insert (or rebuildFigures once after a large load).
 */
export async function addTradeFigures(tx: Db, which: NewDeclarations): Promise<void> {
  const where =
    'intakeId' in which
      ? sql`intake_id = ${which.intakeId}`
      : which.declarationIds.length
        ? sql`id in (${sql.join(
            which.declarationIds.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : null;
  if (!where) return;
  const d: SQL = sql`(select * from trade_declarations where ${where})`;
  await upsert(
    tx,
    'trade_figures_month',
    TRADE_MONTH_COLUMNS,
    TRADE_MONTH_KEY,
    recomputeTradeMonth(d),
    add(TRADE_MONTH_MEASURES),
  );
  await upsert(
    tx,
    'trade_figures_enterprise_year',
    TRADE_YEAR_COLUMNS,
    TRADE_YEAR_KEY,
    recomputeTradeEnterpriseYear(d),
    `${add(['items', 'cny_fen', 'usd_cent'])}, first_on = least(t.first_on, excluded.first_on)`,
  );
  await upsert(
    tx,
    'trade_figures_enterprise_total',
    TRADE_TOTAL_COLUMNS,
    TRADE_TOTAL_KEY,
    recomputeTradeEnterpriseTotal(d),
    `${add(['declarations', 'cny_fen', 'usd_cent'])}, first_on = least(t.first_on, excluded.first_on)`,
  );
  await upsert(
    tx,
    'trade_figures_region',
    TRADE_REGION_COLUMNS,
    TRADE_REGION_KEY,
    recomputeTradeRegion(d),
    add(TRADE_REGION_MEASURES),
  );
  await upsert(
    tx,
    'trade_figures_region_year',
    TRADE_REGION_YEAR_COLUMNS,
    TRADE_REGION_YEAR_KEY,
    recomputeTradeRegionYear(d),
    add(TRADE_REGION_YEAR_MEASURES),
  );
  // The monitoring answers cached under the old version are not this transaction's answers any more (decision 0031).
  await bumpFiguresVersion(tx, 'trade');
}

async function upsert(tx: Db, table: string, columns: string, key: readonly string[], rows: SQL, set: string) {
  await tx.execute(sql`insert into ${raw(table)} as t (${raw(columns)})
    select * from (${rows}) r order by ${raw(key.join(', '))}
    on conflict (${raw(key.join(', '))}) do update set ${raw(set)}`);
}

/** A new service record's facts that the trade figures and their version care about. */
export interface ServedFacts {
  enterpriseId: number;
  centreId: number;
  submittedAt: Date;
  /** Beijing day of submittedAt, 'YYYY-MM-DD'. */
  day: string;
}

/**
 * A service record was created: its enterprise is served by its centre from then on (first_served_at the earliest).
 * Called by createService in its transaction.
 */
export async function noteServed(tx: Db, r: ServedFacts) {
  const statement = oneStatement(noteServedStatements(r));
  if (statement) await tx.execute(statement);
}

/**
 * The same as parts of one statement (db/one-statement.ts, decision 0027): the upsert of the (enterprise, centre)
 * pair, named `served`, saying whether it inserted (xmax = 0 on a row the statement inserted, the updated row's
 * xmax otherwise); then the trade figures' version bumped (decision 0031) only when the pair is new — the centre's
 * monitoring gains an enterprise — or when the enterprise's first declaration of the year is this very day: its
 * 新开口 credit (Art. 12(一)) goes to the latest service on or before that day, which may now be this one. Any
 * other service leaves every monitoring answer as it was, and takes no lock on the version row.
 */
export function noteServedStatements(r: ServedFacts): StatementPart[] {
  return [
    {
      cte: 'served',
      sql: sql`insert into trade_served as t (enterprise_id, centre_id, first_served_at)
        values (${r.enterpriseId}, ${r.centreId}, ${r.submittedAt})
        on conflict (enterprise_id, centre_id) do update set first_served_at = least(t.first_served_at, excluded.first_served_at)
        returning (t.xmax = 0) as inserted`,
    },
    sql`${bumpVersionStatement('trade')} and (exists (select 1 from served where inserted)
      or exists (select 1 from trade_figures_enterprise_total f where f.enterprise_id = ${r.enterpriseId}
        and f.year = ${Number(r.day.slice(0, 4))} and f.first_on = ${r.day}::date))`,
  ];
}
