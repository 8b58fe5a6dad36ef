import fs from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import type { CapturedPage, CapturedQuery } from './capture-sql';

/**
 * The ceiling of a page: a bare Fastify with node-postgres and nothing else (no session, no validation, no
 * serializer schema, no request log) answering GET /bare/<key> with exactly the queries our app ran for that page
 * (bench/capture-sql.ts), in the same order and concurrency, and the rows as JSON objects — `{ items, total }` like
 * the app's list. GET /hello is the bare Fastify ceiling. Run as a child process by bench/run.ts:
 * `node --import tsx bench/bare-server.ts <spec.json>` with PORT and DATABASE_URL.
 */
interface Spec {
  poolMax: number;
  pages: Record<string, CapturedPage>;
}

const spec = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as Spec;
// The same pool size as the app's (src/server/db/client.ts openPostgres), so both queue alike on PostgreSQL.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: spec.poolMax });
pool.on('error', () => {});

type Runner = { query: (config: pg.QueryConfig & { rowMode?: 'array' }) => Promise<pg.QueryResult> };

/** An array row as an object keyed by the column names (a repeated name gets a suffix, so no column is lost). */
function objectsOf(result: pg.QueryResult): unknown[] {
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
  const lists = results.filter((r) => !(r.rows.length === 1 && r.fields.length === 1) && r.fields.length > 0);
  const scalar = results.find((r) => r.rows.length === 1 && r.fields.length === 1);
  const items = lists.sort((a, b) => b.fields.length * b.rows.length - a.fields.length * a.rows.length)[0];
  const first = scalar?.rows[0];
  return {
    items: items ? objectsOf(items) : [],
    total: first ? Number(Array.isArray(first) ? first[0] : Object.values(first)[0]) : null,
  };
}

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
app.get<{ Params: { key: string } }>('/bare/:key', async (request, reply) => {
  const page = spec.pages[request.params.key];
  if (!page) return reply.code(404).send({ error: 'no such page' });
  if (!page.transaction) return answerOf(await runGroups(pool, page.queries, true));
  const client = await pool.connect();
  try {
    return answerOf(await runGroups(client, page.queries, false));
  } finally {
    client.release();
  }
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
