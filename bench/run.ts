import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/server/app';
import { makeDeps, openDatabase, prepareDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { loadDemo } from '../src/server/demo/load-demo';

/**
 * `npm run bench`: the scoped park list and /api/me against /healthz in the same run (the machines' speed wanders;
 * compare ratios, shared/notes/performance.md). PGlite in a temporary folder, or DATABASE_URL when set.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-bench-'));
const config = { ...loadConfig(), dataDir, port: 0 };
const database = await openDatabase(config);
const deps = makeDeps(config, database);
await prepareDatabase(database, deps);
const password = 'Bench#2026pw';
await loadDemo(deps, password);
const app = await buildApp(deps);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'city.420100', password }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

async function run(title: string, url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url: `${base}${url}`, connections: 20, duration: 5, headers });
  console.log(
    `${title.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}`,
  );
  return r.requests.average;
}

console.log(`database: ${database.kind}`);
const health = await run('GET /healthz', '/healthz');
const me = await run('GET /api/me (session lookup)', '/api/me', { cookie });
const parks = await run('GET /api/parks (city scope)', '/api/parks?pageSize=20', { cookie });
console.log(`ratios to /healthz: me ${(me / health).toFixed(2)}, parks ${(parks / health).toFixed(2)}`);

await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
