import fs from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import { prepareByText } from '../src/server/db/prepared';
import { replayPage } from './bare-replay';
import type { CapturedPage } from './capture-sql';

/**
 * The ceiling of a page: a bare Fastify with node-postgres and nothing else (no session, no validation, no
 * serializer schema, no request log) answering GET /bare/<key> with exactly the queries our app ran for that page
 * (bench/capture-sql.ts, bench/bare-replay.ts). GET /hello is the bare Fastify ceiling. Run as a child process by
 * bench/run.ts: `node --import tsx bench/bare-server.ts <spec.json>` with PORT and DATABASE_URL.
 */
interface Spec {
  poolMax: number;
  pages: Record<string, CapturedPage>;
}

const spec = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as Spec;
// The same pool size as the app's (src/server/db/client.ts openPostgres), so both queue alike on PostgreSQL.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: spec.poolMax });
// The same protocol as the app: each statement prepared once per connection (decision 0022), so the ceiling differs
// from the app by the framework only, not by planning every query again.
pool.on('connect', (client) => prepareByText(client));
pool.on('error', () => {});

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
app.get<{ Params: { key: string } }>('/bare/:key', async (request, reply) => {
  const page = spec.pages[request.params.key];
  if (!page) return reply.code(404).send({ error: 'no such page' });
  return replayPage(pool, page);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
