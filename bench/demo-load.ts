import { rmSync } from 'node:fs';
import { makeDeps, openDatabase, prepareDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { loadDemo } from '../src/server/demo/load-demo';

/**
 * How long the first start spends loading the demo data set (README: first start). Reports wall time and the
 * process's CPU time: on a shared machine the CPU time is the steadier measure.
 */
process.env.TZ ??= 'Asia/Shanghai';
const dataDir = process.env.DATA_DIR ?? '/tmp/demo-load-bench';
rmSync(dataDir, { recursive: true, force: true });
const config = loadConfig({ ...process.env, DATA_DIR: dataDir });
const database = await openDatabase(config);
const deps = makeDeps(config, database);
const cpu0 = process.cpuUsage();
const t0 = Date.now();
await prepareDatabase(database, deps);
const cpu1 = process.cpuUsage(cpu0);
const t1 = Date.now();
const accounts = await loadDemo(deps, 'Demo#2026pw');
const cpu2 = process.cpuUsage();
const cpuDemo = (cpu2.user + cpu2.system - cpu0.user - cpu0.system - cpu1.user - cpu1.system) / 1000;
console.log(
  `prepare: ${t1 - t0} ms wall, ${Math.round((cpu1.user + cpu1.system) / 1000)} ms cpu; demo: ${Date.now() - t1} ms wall, ${Math.round(cpuDemo)} ms cpu; ${accounts.length} accounts`,
);
await database.close();
