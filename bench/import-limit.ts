import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { ENTERPRISE_IMPORT_HEADERS, type TImportJob } from '../src/contracts/enterprise';
import { buildApp } from '../src/server/app';
import { makeDeps, openDatabase, prepareDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { makeUser } from '../src/server/demo/factories';
import { makeCreditCode } from '../src/server/demo/identity-factory';
import { xlsxOf } from '../test/helpers/zip';

/**
 * The import of an oversized file (issue 10): an .xlsx of BENCH_IMPORT_ROWS rows (default 650,000), laid out as Excel
 * lays one out (shared strings stored after the sheet), is posted to /api/enterprises/import; the time until the job
 * is refused and the memory the process held meanwhile are printed. The file is written by this script, then read
 * by a child process of its own, so that the peak memory measured is the import's, not the file's writing.
 * BENCH_IMPORT_COMPARE=1 also times ExcelJS loading the whole workbook, as the import did before.
 * `npm run bench` runs it after the others; `node --import tsx bench/import-limit.ts` runs it alone.
 */
const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const file = process.argv[2];
/** Peak resident memory so far, from the kernel (maxRSS is in kilobytes). */
const maxRss = () => process.resourceUsage().maxRSS * 1024;

if (!file) await writeAndMeasure();
else if (process.argv[3] === 'load-whole') await loadWhole(file);
else await measure(file);

async function writeAndMeasure() {
  const rows = Number(process.env.BENCH_IMPORT_ROWS || 650_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-import-bench-'));
  const target = path.join(dir, 'enterprises.xlsx');
  const started = performance.now();
  function* lines() {
    yield [...ENTERPRISE_IMPORT_HEADERS];
    // Values repeat (codes every 20,000 rows, the rest every 500) so that the file stays under the 20 MB upload
    // limit, as the 18 MB file of the report did: the refusal must come from the reader, not the body limit.
    for (let i = 1; i <= rows; i++) {
      const k = i % 500;
      yield [
        makeCreditCode(i % 20_000, '420502'),
        `宜昌批量导入外贸有限公司${k}`,
        '420502',
        '宜昌高新技术产业开发区',
        '李经理',
        `0717-${6_000_000 + k}`,
        // No e-mail (it is optional): one cell fewer keeps 650,000 rows under the upload limit.
        null,
        '是',
        '2024-03-01',
      ];
    }
  }
  fs.writeFileSync(target, xlsxOf(lines(), { sharedStrings: true }));
  const size = fs.statSync(target).size;
  console.log(
    `\nimport of an oversized file: ${rows.toLocaleString('en')} rows, ${mb(size)} .xlsx written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const run = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, ...args], { stdio: 'inherit' });
  try {
    run(target);
    if (process.env.BENCH_IMPORT_COMPARE === '1') run(target, 'load-whole');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(xlsxFile: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-import-bench-db-'));
  const config = { ...loadConfig(), dataDir, port: 0 };
  const database = await openDatabase(config);
  const deps = makeDeps(config, database);
  await prepareDatabase(database, deps);
  const password = 'Bench#2026pw';
  await makeUser(deps, { username: 'bench.county', role: 'county', regionCode: '420502', password });
  const app = await buildApp(deps, { webDir: '/nonexistent' });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'bench.county', password },
  });
  const cookie = (login.headers['set-cookie'] as string | string[] | undefined)?.toString().split(';')[0] ?? '';
  const body = fs.readFileSync(xlsxFile);

  const before = { rss: process.memoryUsage().rss, maxRss: maxRss() };
  let peakRss = before.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/enterprises/import',
    payload: body,
    headers: { cookie, 'content-type': XLSX, 'x-file-name': 'enterprises.xlsx' },
  });
  if (res.statusCode !== 202) throw new Error(`import: ${res.statusCode} ${res.body}`);
  let job: TImportJob = res.json();
  // The longest the event loop was held between two polls: what every other request would have waited.
  let longestStall = 0;
  while (job.status === 'running') {
    const polled = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    job = (await app.inject({ method: 'GET', url: `/api/import-jobs/${job.id}`, headers: { cookie } })).json();
    longestStall = Math.max(longestStall, performance.now() - polled - 20);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(`  ${job.status} after ${seconds.toFixed(2)} s: ${job.errors[0]?.reason ?? ''}`);
  console.log(
    `  memory: rss ${mb(before.rss)} before the upload, peak ${mb(peakRss)} while it was read (+${mb(peakRss - before.rss)}); maxRSS of the process ${mb(maxRss())} (${mb(before.maxRss)} before)`,
  );
  console.log(`  longest wait of a concurrent request (job polls): ${longestStall.toFixed(0)} ms`);
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** What the import did before: ExcelJS loads the whole workbook, then the rows are counted. */
async function loadWhole(xlsxFile: string) {
  const body = fs.readFileSync(xlsxFile);
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows = wb.worksheets[0]?.rowCount ?? 0;
  console.log(
    `  for comparison, ExcelJS loading the whole workbook: ${rows.toLocaleString('en')} rows after ${((performance.now() - started) / 1000).toFixed(1)} s, maxRSS ${mb(maxRss())} (rss ${mb(before)} before)`,
  );
}
