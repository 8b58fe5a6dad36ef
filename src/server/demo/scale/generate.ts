import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { rowsOf } from '../../db/client';
import { type AuditBuffer, appendBufferedAudit } from '../../lib/audit';
import { rebuildFigures } from '../../modules/figures';
import { type ScaleProgress, writeScaleEnterprises, writeScaleHistory } from './history';
import type { ScaleSize } from './sizes';
import { type ScaleTradeResult, writeScaleTrade } from './trade';
import { buildScaleWorld } from './world';

export interface ScaleResult {
  parks: number;
  centres: number;
  enterprises: number;
  records: number;
  ratings: number;
  rectifications: number;
  progress: number;
  /** Issue 13: rates, declarations and lines, traders; null when `lines` is 0. */
  trade: ScaleTradeResult | null;
  seconds: { world: number; enterprises: number; records: number; trade: number; vacuum: number };
}

/** Refused: the database is not one the generator may fill (decision 0015). */
export class ScaleRefused extends Error {}

/**
 * Why the database cannot take a generated data set, or null. Anything not marked is_demo is someone's real data:
 * never touched. The demo's own data is refused too: its hand-made history would interleave with the generated
 * one (FW numbers out of date order), so the generator builds the whole province itself on an empty database.
 */
export async function scaleRefusal(deps: Deps): Promise<{ zh: string; en: string } | null> {
  const [row] = rowsOf<{ real: boolean; demo: boolean }>(
    await deps.db.execute(sql`select
      (exists (select 1 from users where not is_demo) or exists (select 1 from parks where not is_demo)
        or exists (select 1 from centres where not is_demo) or exists (select 1 from enterprises where not is_demo)
        or exists (select 1 from service_records where not is_demo)
        or exists (select 1 from trade_declarations where not is_demo)) as real,
      (exists (select 1 from users) or exists (select 1 from parks)) as demo`),
  );
  if (row?.real)
    return {
      zh: '数据库中有非演示数据（真实账号、园区、中心、企业或服务记录），拒绝生成。请使用一个空数据库。',
      en: 'The database holds data that is not demo data (real accounts, parks, centres, enterprises or records): refused. Use an empty database.',
    };
  if (row?.demo)
    return {
      zh: '数据库中已有演示数据。全省规模数据集需从空数据库生成：请先运行 npm run demo:reset（PostgreSQL 需 DEMO_RESET_CONFIRM=yes）。',
      en: 'The database already holds demo data. The province-sized set is built on an empty database: run npm run demo:reset first (DEMO_RESET_CONFIRM=yes on PostgreSQL).',
    };
  return null;
}

/**
 * The province-sized data set (issue 12, SPEC §6): parks, accounts and operating centres through the use cases
 * (their audit entries appended in time order, as the demo does), then enterprises and the service history in bulk,
 * one audit entry per batch. Call on a migrated database with regions and policy (prepareDatabase).
 */
export async function generateScale(
  deps: Deps,
  size: ScaleSize,
  password: string,
  progress: ScaleProgress = () => {},
): Promise<ScaleResult> {
  const refusal = await scaleRefusal(deps);
  if (refusal) throw new ScaleRefused(`${refusal.zh}\n${refusal.en}`);
  let last = performance.now();
  const lap = () => {
    const t = performance.now();
    const s = (t - last) / 1000;
    last = t;
    return s;
  };
  const buffer: AuditBuffer = [];
  const world = await buildScaleWorld({ ...deps, auditBuffer: buffer }, size, password);
  await deps.db.transaction((tx) => appendBufferedAudit(tx, buffer));
  const worldS = lap();
  const enterprises = await writeScaleEnterprises(deps, world, size, password, progress);
  const enterprisesS = lap();
  const sums = await writeScaleHistory(deps, world, enterprises, size, progress);
  const recordsS = lap();
  const trade = size.lines > 0 ? await writeScaleTrade(deps, size, progress) : null;
  // The history and the trade went in by bulk SQL, past the use cases that move the figures: count them once from
  // the rows (the figures layer covers trade once issue 13's trade figures extend rebuildFigures).
  await rebuildFigures(deps.db);
  const tradeS = lap();
  // What autovacuum would have done long before anyone looks: planner statistics and the visibility map.
  for (const table of [
    'enterprises',
    'users',
    'service_records',
    'service_progress',
    'service_ratings',
    'rectifications',
    'service_figures_month',
    'service_figures_status',
    'service_figures_centre',
    'service_figures_enterprise',
    'exchange_rates',
    'trade_intakes',
    'trade_declarations',
    'trade_declaration_lines',
    // The trade figures (decision 0026): without statistics the planner took a year of trade_figures_enterprise_total
    // for 289 rows (34,679) and spilled the 新开口 sort to disk.
    'trade_figures_month',
    'trade_figures_enterprise_year',
    'trade_figures_enterprise_total',
    'trade_figures_region',
    'trade_figures_region_year',
    'trade_served',
  ])
    await deps.db.execute(sql.raw(`vacuum (analyze) ${table}`));
  const vacuumS = lap();
  return {
    parks: world.parks,
    centres: world.centres.length,
    enterprises: [...enterprises.values()].reduce((s, l) => s + l.length, 0),
    ...sums,
    trade,
    seconds: { world: worldS, enterprises: enterprisesS, records: recordsS, trade: tradeS, vacuum: vacuumS },
  };
}
