import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ENTERPRISE_IMPORT_HEADERS, type TImportJob } from '../src/contracts/enterprise';
import { buildApp } from '../src/server/app';
import { makeDeps, prepareDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { openPglite } from '../src/server/db/client';
import { makeCreditCode } from '../src/server/demo/identity-factory';
import { loadDemo } from '../src/server/demo/load-demo';
import { xlsxOf } from '../test/helpers/zip';

/**
 * Target 6 of issue 12: the embedded default (PGlite, demo data) answers the service records list with p99 ≤ 200 ms
 * at 10 connections, also while a 20,000-row enterprise import runs. The list is loaded by two autocannon processes
 * of 5 connections each (the province and 武汉市), each its own process so that the load generator does not share
 * the server's event loop; once alone, once while the import of a valid 20,000-row .xlsx started through the API by
 * 西陵区 runs. `node --import tsx bench/import-while-serving.ts` runs it alone; bench/run.ts can call
 * `importWhileServing()`. BENCH_IMPORT_SECONDS sets the length of each load run (default 15).
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const require = createRequire(import.meta.url);
const LIST = '/api/service-records?page=1&pageSize=20';
const COUNTY = '420502';

export interface LoadFigures {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

export interface ImportWhileServingResult {
  alone: Record<string, LoadFigures>;
  duringImport: Record<string, LoadFigures>;
  importSeconds: number;
  importStatus: string;
  imported: number;
  /** The longest gap between two ticks of a 10 ms timer in the server's process while the import ran. */
  longestStallMs: number;
}

/** A valid file of `rows` enterprises of 西陵区 (no park, so that every row is right whatever the demo's parks). */
export function enterpriseFile(rows: number, firstSerial = 700_000): Buffer {
  function* lines() {
    yield [...ENTERPRISE_IMPORT_HEADERS];
    for (let i = 0; i < rows; i++) {
      const serial = firstSerial + i;
      yield [
        makeCreditCode(serial, COUNTY),
        `宜昌压测导入外贸有限公司${serial}`,
        COUNTY,
        null,
        '李经理',
        `0717-${6_000_000 + (serial % 1_000_000)}`,
        `trade${serial}@example.com`,
        '是',
        '2024-03-01',
      ];
    }
  }
  return xlsxOf(lines(), { sharedStrings: true });
}

/**
 * autocannon in a process of its own (its own event loop, so that the server's stalls are measured, not shared; in
 * a worker thread autocannon answers raw histograms): it runs for `seconds`, or until `stop` when `seconds` is 0.
 */
function cannon(url: string, cookie: string, connections: number, seconds: number) {
  const code = `const autocannon = require(${JSON.stringify(require.resolve('autocannon'))});
    const instance = autocannon({ url: ${JSON.stringify(url)}, connections: ${connections},
      duration: ${seconds || 3600}, headers: { cookie: ${JSON.stringify(cookie)} } }, (err, r) => {
      if (err) throw err;
      process.send({ requests: r.requests.total, reqPerSec: r.requests.average, p50: r.latency.p50,
        p99: r.latency.p99, max: r.latency.max, non2xx: r.non2xx, errors: r.errors + r.timeouts },
        () => process.exit(0));
    });
    process.on('message', () => instance.stop());`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const result = new Promise<LoadFigures>((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadFigures));
    child.once('error', reject);
    child.once('exit', (status) => status && reject(new Error(`autocannon exited ${status}`)));
  });
  return { result, stop: () => child.send('stop') };
}

function line(title: string, f: LoadFigures): string {
  return `  ${title.padEnd(34)} ${String(Math.round(f.reqPerSec)).padStart(5)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  max ${f.max} ms  non-2xx ${f.non2xx}  errors ${f.errors}`;
}

export async function importWhileServing(
  opts: { rows?: number; seconds?: number; log?: (s: string) => void } = {},
): Promise<ImportWhileServingResult> {
  const rows = opts.rows ?? 20_000;
  const seconds = opts.seconds ?? Number(process.env.BENCH_IMPORT_SECONDS || 15);
  const log = opts.log ?? console.log;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-import-serving-'));
  const config = { ...loadConfig(), dataDir, port: 0, databaseUrl: undefined };
  const database = await openPglite(dataDir);
  const deps = makeDeps(config, database);
  try {
    await prepareDatabase(database, deps);
    const password = 'Bench#2026pw';
    await loadDemo(deps, password);
    const app = await buildApp(deps, { webDir: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const signIn = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!res.ok) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };
    const who = {
      province: await signIn('province'),
      'city.420100': await signIn('city.420100'),
      importer: await signIn(`county.${COUNTY}`),
    };
    const made = performance.now();
    const file = enterpriseFile(rows);
    log(
      `\nimport while serving (PGlite, demo): ${rows.toLocaleString('en')}-row .xlsx of ${(file.length / 1024 / 1024).toFixed(1)} MB made in ${((performance.now() - made) / 1000).toFixed(1)} s; list ${LIST}, 5 connections as the province and 5 as a city, ${seconds} s alone, then for as long as the import runs`,
    );
    /** 5 connections as the province and 5 as 武汉市; `seconds` 0: until `stop`. */
    const load = (secs: number) => {
      const runs = {
        province: cannon(`${base}${LIST}`, who.province, 5, secs),
        'city.420100': cannon(`${base}${LIST}`, who['city.420100'], 5, secs),
      };
      return {
        stop: () => {
          for (const r of Object.values(runs)) r.stop();
        },
        result: Promise.all([runs.province.result, runs['city.420100'].result]).then(([province, city]) => ({
          province,
          'city.420100': city,
        })),
      };
    };

    const alone = await load(seconds).result;
    for (const [k, f] of Object.entries(alone)) log(line(`alone · ${k}`, f));

    // The event loop's longest stall while the import runs, seen from inside the server's process.
    let longestStallMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStallMs = Math.max(longestStallMs, now - last - 10);
      last = now;
    }, 10);
    const started = performance.now();
    const during = load(0);
    const res = await fetch(`${base}/api/enterprises/import`, {
      method: 'POST',
      headers: { cookie: who.importer, 'content-type': XLSX, 'x-file-name': 'bench.xlsx' },
      body: new Uint8Array(file),
    });
    if (res.status !== 202) throw new Error(`import: ${res.status} ${await res.text()}`);
    let job = (await res.json()) as TImportJob;
    while (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      job = (await (
        await fetch(`${base}/api/import-jobs/${job.id}`, { headers: { cookie: who.importer } })
      ).json()) as TImportJob;
    }
    const importSeconds = (performance.now() - started) / 1000;
    during.stop();
    const duringImport = await during.result;
    clearInterval(ticker);
    log(
      `  import: ${job.status}, ${job.imported.toLocaleString('en')} rows in ${importSeconds.toFixed(1)} s${job.errors[0] ? ` (${job.errors[0].reason})` : ''}; longest event-loop stall ${Math.round(longestStallMs)} ms`,
    );
    for (const [k, f] of Object.entries(duringImport)) log(line(`during import · ${k}`, f));
    await app.close();
    return {
      alone,
      duringImport,
      importSeconds,
      importStatus: job.status,
      imported: job.imported,
      longestStallMs,
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) await importWhileServing();
