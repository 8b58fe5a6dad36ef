import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { type Db, rowsOf } from '../src/server/db/client';
import { computeYearMetrics } from '../src/server/modules/assessment/metrics';
import { beijingDay } from '../src/server/policy/policy';
import type { FnResult } from './harness';
import type { BenchContext } from './scenarios';

/*
 * Issue 14's target: computing the submissions of 150 centres for a year at SPEC §6 scale in ≤ 2 s — one call of
 * computeYearMetrics for every centre of the database (the figures of Art. 12(一) with their evidence), for the last
 * full calendar year, as the assessment opened in January computes them. Alone, with nothing else running: the figure
 * is the time one cycle's computation takes (best and median of 5 after a warm-up).
 *
 * In `npm run bench` (the offline group: the app stopped) on the bench's own database; standalone on any database,
 * e.g. one built by `npm run demo:scale` (150 centres):
 *   DATABASE_URL=postgres://…/scale node --import tsx bench/assessment-metrics.ts [--year=2025]
 */

export interface MetricsTiming {
  centres: number;
  year: number;
  records: number;
  bestMs: number;
  medianMs: number;
  runs: number[];
}

export async function timeYearMetrics(db: Db, year: number): Promise<MetricsTiming> {
  const ids = rowsOf<{ id: number }>(await db.execute(sql`select id from centres order by id`)).map((r) =>
    Number(r.id),
  );
  const [n] = rowsOf<{ records: number }>(
    await db.execute(sql`select count(*)::int as records from service_records
      where submitted_at >= ${new Date(`${year}-01-01T00:00:00+08:00`)}
        and submitted_at < ${new Date(`${year + 1}-01-01T00:00:00+08:00`)}`),
  );
  await computeYearMetrics(db, year, ids); // warm-up: plans and pages
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const out = await computeYearMetrics(db, year, ids);
    runs.push(performance.now() - t);
    if (out.size !== ids.length) throw new Error(`computed ${out.size} of ${ids.length} centres`);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    centres: ids.length,
    year,
    records: n?.records ?? 0,
    bestMs: sorted[0] ?? 0,
    medianMs: sorted[2] ?? 0,
    runs,
  };
}

const lastFullYear = () => Number(beijingDay(new Date()).slice(0, 4)) - 1;

/** The bench scenario (offline group): the bench's database, PostgreSQL through ctx.db, PGlite from its folder. */
export async function assessmentSubmissions(ctx: BenchContext): Promise<FnResult> {
  const own = ctx.db ? null : await openDatabase({ ...loadConfig(), dataDir: ctx.dataDir, databaseUrl: undefined });
  try {
    const t = await timeYearMetrics((ctx.db ?? own?.db) as Db, lastFullYear());
    return {
      aloneMs: t.medianMs,
      value: { n: Math.round(t.medianMs) / 1000, unit: 's' },
      note: `assessment submissions: ${t.centres} centres, year ${t.year} (${t.records.toLocaleString('en')} records), median ${t.medianMs.toFixed(0)} ms, best ${t.bestMs.toFixed(0)} ms of 5`,
      extra: { ...t },
    };
  } finally {
    await own?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const yearArg = process.argv.find((a) => a.startsWith('--year='));
  const year = yearArg ? Number(yearArg.slice(7)) : lastFullYear();
  const database = await openDatabase(loadConfig());
  try {
    const t = await timeYearMetrics(database.db, year);
    console.log(
      `${database.kind}: computeYearMetrics for ${t.centres} centres, year ${t.year} (${t.records.toLocaleString('en')} records): median ${t.medianMs.toFixed(0)} ms, best ${t.bestMs.toFixed(0)} ms (runs ${t.runs.map((r) => r.toFixed(0)).join(', ')} ms)`,
    );
  } finally {
    await database.close();
  }
}
