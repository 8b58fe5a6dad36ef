import { sql } from 'drizzle-orm';
import { makeDeps, openDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { type RequestContext, systemContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { checkFigures, rebuildFigures } from '../src/server/modules/figures';
import { getServiceStats } from '../src/server/modules/service-stats/service-stats';
import { beijingDay } from '../src/server/policy/policy';

/**
 * `node --import tsx bench/figures.ts`: on the database at DATABASE_URL (or DATA_DIR), time the figures layer's
 * rebuild and check, and the service statistics for this year, each alone (best and median of 5) for the province, a
 * city and an operator — the figures issue 12 asks for beside the bench's loaded runs.
 */
const config = loadConfig();
const database = await openDatabase(config);
const deps = makeDeps(config, database);
const time = async <T>(f: () => Promise<T>) => {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
};
const runs = async (label: string, f: () => Promise<unknown>) => {
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) ms.push((await time(f)).ms);
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(36)} best ${ms[0]?.toFixed(0)} ms, median ${ms[2]?.toFixed(0)} ms`);
};
try {
  const [n] = rowsOf<{ records: number; month: number }>(
    await deps.db.execute(sql`select (select count(*) from service_records)::int as records,
      (select count(*) from service_figures_month)::int as month`),
  );
  console.log(`${database.kind}: ${n?.records.toLocaleString('en')} records, ${n?.month} month rows`);
  // `-- --stats`: the statistics' timings only, on figures already built.
  const statsOnly = process.argv.includes('--stats');
  if (!statsOnly) await timeRebuildAndCheck();
  await timeStatistics();
} finally {
  await database.close();
}

async function timeRebuildAndCheck() {
  const rebuilt = await time(() => rebuildFigures(deps.db));
  console.log(`rebuildFigures                       ${rebuilt.ms.toFixed(0)} ms (${JSON.stringify(rebuilt.value)})`);
  const checked = await time(() => checkFigures(deps.db));
  console.log(
    `checkFigures                         ${checked.ms.toFixed(0)} ms (${checked.value.checked} rows, ${checked.value.differences.length} differences)`,
  );
  await deps.db.execute(sql`vacuum (analyze) service_figures_month`);
}

async function timeStatistics() {
  const today = beijingDay(deps.clock());
  const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
  const [busy] = rowsOf<{ city_code: string; centre_id: number }>(
    await deps.db.execute(
      sql`select city_code, centre_id from service_records group by 1, 2 order by count(*) desc limit 1`,
    ),
  );
  const province = systemContext(deps, 'province');
  const city = systemContext(deps, 'city', { regionCode: busy?.city_code ?? '420100' });
  const op = systemContext(deps, 'operator');
  const operator: RequestContext = { ...op, user: { ...(op.user as SessionUser), centreId: busy?.centre_id ?? 1 } };
  await runs('stats this year · province', () => getServiceStats(province, year));
  await runs(`stats this year · city ${busy?.city_code}`, () => getServiceStats(city, year));
  await runs(`stats this year · operator ${busy?.centre_id}`, () => getServiceStats(operator, year));
  const cut = { from: `${today.slice(0, 4)}-01-15`, to: `${today.slice(0, 8)}01` };
  await runs('stats year cut at both ends · province', () => getServiceStats(province, cut));
}
