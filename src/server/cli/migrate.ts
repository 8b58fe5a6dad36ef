import { makeDeps, openDatabase, prepareDatabase } from '../bootstrap';
import { loadConfig } from '../config';

/** `npm run db:migrate`: apply the committed migrations and the reference data, then exit. */
const config = loadConfig();
const database = await openDatabase(config);
try {
  await prepareDatabase(database, makeDeps(config, database));
  console.log(`迁移完成 / migrations applied (${database.kind})`);
} finally {
  await database.close();
}
