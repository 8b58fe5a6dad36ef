import { makeDeps, openDatabase } from '../bootstrap';
import { loadConfig } from '../config';
import { systemContext } from '../context';
import { checkFigures, type FiguresDifference, repairFigures } from '../modules/figures';

/**
 * `npm run figures:check`: recompute every figure of the figures layer from the raw service records and ratings and
 * compare with what is stored (decision 0019). Prints "figures match" or the rows that differ and exits 1.
 *   npm run figures:check -- --repair   rebuild the figures from the rows (audited as figures.rebuilt), then check again
 */
const repair = process.argv.slice(2).includes('--repair');
const config = loadConfig();
const database = await openDatabase(config);

/** One line per differing row: its key, and only the measures that differ (stored → recomputed). */
function printDifferences(differences: FiguresDifference[]) {
  console.table(
    differences.slice(0, 50).map((d) => {
      const names = [...new Set([...Object.keys(d.stored ?? {}), ...Object.keys(d.recomputed ?? {})])];
      const differing = names.filter((k) => d.stored?.[k] !== d.recomputed?.[k]);
      return {
        table: d.table,
        key: Object.values(d.key).join(' / '),
        'stored → recomputed': differing
          .map((k) => `${k} ${d.stored?.[k] ?? '(none)'} → ${d.recomputed?.[k] ?? '(none)'}`)
          .join(', '),
      };
    }),
  );
  if (differences.length > 50) console.error(`… ${differences.length - 50} more`);
}

try {
  const deps = makeDeps(config, database);
  let result = await checkFigures(deps.db);
  if (result.differences.length > 0) {
    console.error(
      `统计数据与原始记录不符 / figures DIFFER from the raw rows: ${result.differences.length} of ${result.checked} rows`,
    );
    printDifferences(result.differences);
    if (repair) {
      const counts = await repairFigures(systemContext(deps), result.differences.length);
      console.log(
        `已重新核算 / rebuilt: ${counts.monthRows} month rows, ${counts.centreRows} centre rows, ${counts.tradeRows} trade rows, ${counts.fundingRows} funding rows`,
      );
      result = await checkFigures(deps.db);
    }
  } else if (repair) {
    console.log('统计数据无差异，无需重建 / nothing to repair');
  }
  if (result.differences.length === 0) {
    console.log(`统计数据与原始记录一致 / figures match the raw rows (${result.checked} rows checked)`);
  } else {
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
