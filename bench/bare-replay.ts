import type pg from 'pg';
import type { CapturedPage, CapturedQuery } from './capture-sql';

/**
 * The bare route's work for one page (bench/bare-server.ts): the queries the app ran for it (bench/capture-sql.ts),
 * in the same groups — together where the app ran them together, one client between begin and commit for a
 * transaction — and the answer `{ items, total }` with every column of every row.
 */

type Runner = { query: (config: pg.QueryConfig & { rowMode?: 'array' }) => Promise<pg.QueryResult> };

/** An array row as an object keyed by the column names (a repeated name gets a suffix, so no column is lost). */
function objectsOf(result: pg.QueryResult): Record<string, unknown>[] {
  const names: string[] = [];
  for (const f of result.fields) {
    let n = f.name;
    for (let k = 2; names.includes(n); k++) n = `${f.name}_${k}`;
    names.push(n);
  }
  return result.rows.map((row) => {
    if (!Array.isArray(row)) return row;
    const o: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) o[names[i] as string] = row[i];
    return o;
  });
}

async function runGroups(runner: Runner, queries: CapturedQuery[], together: boolean): Promise<pg.QueryResult[]> {
  const results: pg.QueryResult[] = [];
  const last = queries.reduce((m, q) => Math.max(m, q.group), -1);
  for (let g = 0; g <= last; g++) {
    const group = queries.filter((q) => q.group === g);
    const run = (q: CapturedQuery) =>
      runner.query({ text: q.text, values: q.values as unknown[], ...(q.rowMode ? { rowMode: q.rowMode } : {}) });
    if (together) results.push(...(await Promise.all(group.map(run))));
    else for (const q of group) results.push(await run(q));
  }
  return results;
}

/** The page's answer: the largest result as `items`, a single one-column row (the count) as `total`. */
function answerOf(results: pg.QueryResult[]) {
  const isScalar = (r: pg.QueryResult) => r.rows.length === 1 && r.fields.length === 1;
  const lists = results.filter((r) => !isScalar(r) && r.fields.length > 0);
  const items = lists.sort((a, b) => b.fields.length * b.rows.length - a.fields.length * a.rows.length)[0];
  const first = results.find(isScalar)?.rows[0];
  return {
    items: items ? objectsOf(items) : [],
    total: first ? Number(Array.isArray(first) ? first[0] : Object.values(first)[0]) : null,
  };
}

export async function replayPage(pool: pg.Pool, page: CapturedPage) {
  if (!page.transaction) return answerOf(await runGroups(pool, page.queries, true));
  const client = await pool.connect();
  try {
    return answerOf(await runGroups(client, page.queries, false));
  } finally {
    client.release();
  }
}
