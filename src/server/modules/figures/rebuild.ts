import { type SQL, sql } from 'drizzle-orm';
import { auditContext, type RequestContext } from '../../context';
import { type Db, rowsOf } from '../../db/client';
import { writeAudit } from '../../lib/audit';
import { bumpFiguresVersion } from './figures-version';
import { FUNDING_RECOMPUTE_SQL } from './funding-figures';
import {
  CENTRE_COLUMNS,
  CENTRE_FROM_MONTH_SQL,
  CENTRE_KEY,
  CENTRE_MEASURES,
  CENTRE_RECOMPUTE_SQL,
  ENTERPRISE_COLUMNS,
  ENTERPRISE_KEY,
  ENTERPRISE_MEASURES,
  ENTERPRISE_RECOMPUTE_SQL,
  MONTH_COLUMNS,
  MONTH_KEY,
  MONTH_MEASURES,
  raw,
  recomputeMonth,
  recomputeStatus,
  STATUS_COLUMNS,
  STATUS_FROM_MONTH_SQL,
  STATUS_KEY,
} from './recompute';
import { TRADE_TABLES, type TradeTable } from './trade-recompute';

/**
 * Recompute both figures tables from the raw service records and ratings, in one transaction (readers go on reading
 * the old figures until it commits: never empty or half-built ones). Grouped `insert … select`: one pass over the
 * records. For bulk loaders (demo history, demo:scale, the bench seeder) and `npm run figures:check -- --repair`.
 */
export function rebuildFigures(db: Db): Promise<RebuiltCounts> {
  return db.transaction((tx) => rebuildIn(tx));
}

export interface RebuiltCounts {
  monthRows: number;
  statusRows: number;
  centreRows: number;
  /** Rows of the trade figures (decision 0026), all four tables. */
  tradeRows: number;
  /** Rows of the funding figures (issue 15, decision 0033). */
  fundingRows: number;
}

/**
 * `npm run figures:check -- --repair`: rebuild, with the audit entry `figures.rebuilt` in the same transaction (the
 * differences found before, so the log tells why the figures changed).
 */
export function repairFigures(ctx: RequestContext, differences: number): Promise<RebuiltCounts> {
  const now = ctx.deps.clock();
  return ctx.deps.db.transaction(async (tx) => {
    const counts = await rebuildIn(tx);
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'figures.rebuilt',
      objectType: 'figures',
      objectId: null,
      after: { differences, ...counts },
    });
    return counts;
  });
}

async function rebuildIn(tx: Db): Promise<RebuiltCounts> {
  {
    // Lock out writers for the moment of the rebuild: a change committed between the recount and the swap would
    // be lost from the figures (its delta applied to rows the rebuild then replaces).
    await tx.execute(
      sql`lock table service_figures_month, service_figures_status, service_figures_centre, service_figures_enterprise,
        ${raw(TRADE_TABLES.map((t) => t.table).join(', '))}, funding_figures in exclusive mode`,
    );
    // Delete, not truncate: truncate would take an access-exclusive lock and stall every reader for the rebuild;
    // deleted rows stay visible to readers (MVCC) until the new ones commit.
    await tx.execute(sql`delete from service_figures_month`);
    await tx.execute(sql`delete from service_figures_status`);
    await tx.execute(sql`delete from service_figures_centre`);
    await tx.execute(sql`delete from service_figures_enterprise`);
    await tx.execute(sql`insert into service_figures_month (${raw(MONTH_COLUMNS)}) ${recomputeMonth()}`);
    await tx.execute(raw(`insert into service_figures_status (${STATUS_COLUMNS}) ${STATUS_FROM_MONTH_SQL}`));
    await tx.execute(raw(`insert into service_figures_centre (${CENTRE_COLUMNS}) ${CENTRE_FROM_MONTH_SQL}`));
    await tx.execute(
      raw(
        `insert into service_figures_enterprise (${ENTERPRISE_COLUMNS}) ${ENTERPRISE_RECOMPUTE_SQL} order by 1, 2, 3`,
      ),
    );
    for (const t of TRADE_TABLES) {
      await tx.execute(sql`delete from ${raw(t.table)}`);
      // In key order: the rows of one enterprise (or county) land on neighbouring pages, so that a centre's or a
      // park's enterprises are read from a few pages each.
      await tx.execute(
        sql`insert into ${raw(t.table)} (${raw(t.columns)}) select * from (${t.recompute()}) r
          order by ${raw(t.key.join(', '))}`,
      );
    }
    // The funding figures (decision 0033): due, paid, withheld, to recover and recovered per centre and year.
    await tx.execute(sql`delete from funding_figures`);
    await tx.execute(
      sql`insert into funding_figures (centre_id, year, city_code, county_code, due_fen, paid_fen, withheld_fen,
          to_recover_fen, recovered_fen)
        select centre_id, year, city_code, county_code, due_fen, paid_fen, withheld_fen, to_recover_fen, recovered_fen
          from (${FUNDING_RECOMPUTE_SQL}) f order by centre_id, year`,
    );
    // Rebuilt figures may differ from those any cached monitoring answer was made of (decision 0031).
    await bumpFiguresVersion(tx, 'trade');
    const tradeCount = TRADE_TABLES.map((t) => `(select count(*) from ${t.table})`).join(' + ');
    const [n] = rowsOf<{ m: number; s: number; c: number; t: number; f: number }>(
      await tx.execute(sql`select (select count(*) from service_figures_month)::int as m,
        (select count(*) from funding_figures)::int as f,
        (select count(*) from service_figures_status)::int as s,
        (select count(*) from service_figures_centre)::int as c,
        (${raw(tradeCount)})::int as t`),
    );
    return {
      monthRows: n?.m ?? 0,
      statusRows: n?.s ?? 0,
      centreRows: n?.c ?? 0,
      tradeRows: n?.t ?? 0,
      fundingRows: n?.f ?? 0,
    };
  }
}

const FUNDING_KEY = ['centre_id', 'year'] as const;
const FUNDING_MEASURES = ['due_fen', 'paid_fen', 'withheld_fen', 'to_recover_fen', 'recovered_fen'] as const;

/** One row where the stored figures and the recomputation differ; null on the side that has no such row. */
export interface FiguresDifference {
  table:
    | 'service_figures_month'
    | 'service_figures_status'
    | 'service_figures_centre'
    | 'service_figures_enterprise'
    | 'funding_figures'
    | TradeTable;
  key: Record<string, string | number>;
  stored: Record<string, number> | null;
  recomputed: Record<string, number> | null;
}

/**
 * Recompute every figure from the raw rows and compare with what is stored: the rows that differ (a stored row whose
 * measures are all zero counts as absent — a record moved out of it). Empty means the figures are right.
 */
export async function checkFigures(db: Db): Promise<{ checked: number; differences: FiguresDifference[] }> {
  const SCOPE = ['city_code', 'county_code', 'park_id'];
  const all = await Promise.all([
    compare(db, 'service_figures_month', MONTH_KEY, MONTH_MEASURES, SCOPE, recomputeMonth()),
    compare(db, 'service_figures_status', STATUS_KEY, MONTH_MEASURES, SCOPE, recomputeStatus()),
    compare(db, 'service_figures_centre', CENTRE_KEY, CENTRE_MEASURES, SCOPE, raw(CENTRE_RECOMPUTE_SQL)),
    compare(
      db,
      'service_figures_enterprise',
      ENTERPRISE_KEY,
      ENTERPRISE_MEASURES,
      SCOPE,
      raw(ENTERPRISE_RECOMPUTE_SQL),
    ),
    ...TRADE_TABLES.map((t) => compare(db, t.table, t.key, t.measures, t.scope, t.recompute())),
    compare(db, 'funding_figures', FUNDING_KEY, FUNDING_MEASURES, ['city_code', 'county_code'], FUNDING_RECOMPUTE_SQL),
  ]);
  return {
    checked: all.reduce((s, c) => s + c.checked, 0),
    differences: all.flatMap((c) => c.differences),
  };
}

async function compare(
  db: Db,
  table: FiguresDifference['table'],
  keyCols: readonly string[],
  measures: readonly string[],
  scope: readonly string[],
  recompute: SQL,
): Promise<{ checked: number; differences: FiguresDifference[] }> {
  // A stored row whose additive measures are all zero counts as absent (dates are not additive: left out here).
  const additive = measures.filter((m) => !m.startsWith('first_'));
  const nonZero = additive.length ? additive.map((m) => `${m} <> 0`).join(' or ') : 'true';
  const cols = [...scope, ...measures];
  const differ = cols.map((c) => `s.${c} is distinct from x.${c}`).join(' or ');
  const pick = (alias: string) => `json_build_object(${cols.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`with s as (select * from ${raw(table)} where ${raw(nonZero)}), x as (${recompute}), ${raw(`
        j as (select ${keyCols.map((k) => `coalesce(s.${k}, x.${k}) as ${k}`).join(', ')},
            case when s.${keyCols[0]} is null then null else ${pick('s')} end as stored,
            case when x.${keyCols[0]} is null then null else ${pick('x')} end as recomputed,
            (s.${keyCols[0]} is null or x.${keyCols[0]} is null or ${differ}) as differs
          from s full join x on ${keyCols.map((k) => `s.${k} = x.${k}`).join(' and ')})
      select count(*) over ()::int as checked, * from j order by differs desc, ${keyCols.join(', ')} limit 1000`)}`,
    ),
  );
  const numbers = (o: unknown) =>
    o === null || o === undefined
      ? null
      : Object.fromEntries(
          Object.entries(typeof o === 'string' ? JSON.parse(o) : (o as object)).map(([k, v]) => [
            k,
            k.endsWith('_code') || k.startsWith('first_') ? (v as number) : Number(v),
          ]),
        );
  return {
    checked: Number(rows[0]?.checked ?? 0),
    differences: rows
      .filter((r) => r.differs === true || r.differs === 't')
      .map((r) => ({
        table,
        key: Object.fromEntries(keyCols.map((k) => [k, r[k] as string | number])),
        stored: numbers(r.stored),
        recomputed: numbers(r.recomputed),
      })),
  };
}
