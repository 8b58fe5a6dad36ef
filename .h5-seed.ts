// Throwaway (not committed): publishes 2025 and 2026 results for demo centres so screenshots have something to show.
import { sql } from 'drizzle-orm';
import { makeDeps, openDatabase } from './src/server/bootstrap';
import { loadConfig } from './src/server/config';
import { systemContext } from './src/server/context';
import { rowsOf } from './src/server/db/client';
import { makePublishedResult } from './src/server/demo/assessment-factory';
import { applyResultConsequences } from './src/server/modules/assessment/consequences';

const config = loadConfig(process.env);
const database = await openDatabase(config);
const deps = makeDeps(config, database);
const rows = rowsOf<{ centre_id: number; operator_id: number }>(
  await deps.db.execute(sql`select centre_id, operator_id from engagements where status = 'filed' order by centre_id`),
);
const grades = ['excellent', 'good', 'good', 'fair', 'good', 'excellent', 'poor', 'good', 'fair', 'good'] as const;
const totals = { excellent: '92.40', good: '84.15', fair: '68.50', poor: '55.20' } as const;
for (const year of [2024, 2025]) {
  let i = 0;
  for (const r of rows) {
    const grade = r.centre_id === rows[0]?.centre_id ? 'poor' : grades[(i + year) % grades.length] ?? 'good';
    i++;
    await makePublishedResult(deps.db, { centreId: r.centre_id, year, grade, total: totals[grade], operatorId: r.operator_id });
  }
  const [cycle] = rowsOf<{ id: number }>(await deps.db.execute(sql`select id from assessment_cycles where year = ${year}`));
  await deps.db.transaction((tx) =>
    applyResultConsequences(tx, systemContext(deps, 'province'), { cycleId: cycle!.id, year, at: new Date(`${year + 1}-04-15T02:00:00Z`) }),
  );
}
console.log('seeded', rows.length, 'centres; first (two 较差):', rows[0]);
await database.close();
