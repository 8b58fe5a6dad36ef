import { makeDeps, openDatabase, prepareDatabase } from '../bootstrap';
import { loadConfig } from '../config';
import { demoPassword } from '../demo/demo-password';
import { generateScale, ScaleRefused, scaleRefusal } from '../demo/scale/generate';
import { progressBar } from '../demo/scale/progress-bar';
import { parseScaleArgs } from '../demo/scale/sizes';

/**
 * `npm run demo:scale -- --size=province|small|tiny [--records=N --enterprises=N --centres=N …]`: a province-sized
 * demo data set (issue 12, SPEC §6) on an empty database — PostgreSQL at DATABASE_URL, else PGlite in DATA_DIR.
 * Refuses a database holding any data (decision 0015). Sign in with the demo accounts (admin, province, city.<code>,
 * county.<code>, operator.<centre id>, enterprise.<credit code>) and DEMO_PASSWORD.
 */
let size: ReturnType<typeof parseScaleArgs>;
try {
  size = parseScaleArgs(process.argv.slice(2));
} catch (e) {
  console.error(
    `${(e as Error).message}\nusage: npm run demo:scale -- --size=province|small|tiny [--records=N] [--enterprises=N] [--centres=N] [--parks=N] [--cities=N] [--years=N] [--batch=N] [--lines=N]`,
  );
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(config);
try {
  const deps = makeDeps(config, database);
  await prepareDatabase(database, deps);
  const refusal = await scaleRefusal(deps);
  if (refusal) throw new ScaleRefused(`${refusal.zh}\n${refusal.en}`);
  console.log(
    `生成全省规模演示数据 / generating on ${database.kind}: ${size.cities} cities, ${size.parks} parks, ${size.centres} centres, ${size.enterprises.toLocaleString('en')} enterprises, ${size.records.toLocaleString('en')} records, ${size.lines.toLocaleString('en')} declaration lines over ${size.years} years (batches of ${size.batch})`,
  );
  console.log('parks, accounts and centres through the use cases …');
  const result = await generateScale(deps, size, demoPassword(config.demoPassword, config.dataDir), progressBar());
  console.log(
    `完成 / done: ${result.parks} parks, ${result.centres} centres, ${result.enterprises.toLocaleString('en')} enterprises, ${result.records.toLocaleString('en')} records, ${result.progress.toLocaleString('en')} progress entries, ${result.ratings.toLocaleString('en')} ratings, ${result.rectifications.toLocaleString('en')} rectifications`,
  );
  const t = result.trade;
  if (t)
    console.log(
      `贸易 / trade: ${t.months} months, ${t.rates} rates, ${t.declarations.toLocaleString('en')} declarations, ${t.lines.toLocaleString('en')} lines, ${t.traders.toLocaleString('en')} traders (${t.newTraders.toLocaleString('en')} new in the window)`,
    );
  const s = result.seconds;
  console.log(
    `time: centres ${s.world.toFixed(1)} s, enterprises ${s.enterprises.toFixed(1)} s, records ${s.records.toFixed(1)} s (${Math.round(result.records / s.records).toLocaleString('en')} records/s), trade + figures ${s.trade.toFixed(1)} s${t ? ` (${Math.round(t.lines / s.trade).toLocaleString('en')} lines/s)` : ''}, vacuum ${s.vacuum.toFixed(1)} s`,
  );
} catch (e) {
  if (e instanceof ScaleRefused) {
    console.error(e.message);
    process.exitCode = 2;
  } else throw e;
} finally {
  await database.close();
}
