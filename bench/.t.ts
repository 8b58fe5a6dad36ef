import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { rowsOf } from '../src/server/db/client';
import * as f from '../src/server/modules/figures';

const d = await openDatabase(loadConfig());
const db = d.db;
const ids = rowsOf<{ id: number }>(await db.execute(sql`select id from centres order by id`)).map((r) => Number(r.id));
const y = 2026;
const fns: [string, () => Promise<unknown>][] = [
  ['service', () => f.serviceYearByCentre(db, y, ids)],
  ['enterprises', () => f.servedEnterpriseCounts(db, y, ids)],
  ['rect', () => f.rectificationOnTime(db, y, ids, '2026-12-07')],
  ['newly', () => f.newlyTradingOfProvince(db, y)],
  ['trade', () => f.servedTradeOfYear(db, y, ids)],
  ['act', () => f.activityFigures(db, ids, { from: '2026-01-01', to: '2026-12-07' })],
];
for (const [n, fn] of fns) {
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  console.log(n, ms.map((m) => m.toFixed(0)).join(' '));
}
await d.close();
