import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { makeDeps, prepareDatabase } from '../../src/server/bootstrap';
import { loadConfig } from '../../src/server/config';
import { openPglite } from '../../src/server/db/client';
import { TEMPLATE_FILE, TEST_AUDIT_KEY, TEST_FIELD_KEY, TEST_START } from './constants';

/**
 * A new PGlite database costs ~5 s (initdb in WebAssembly). Build one migrated database with its reference data
 * once per run and let every test file start from a copy of it (~1 s).
 */
export default async function setup() {
  // On PostgreSQL every file makes its own database from the migrations; no template needed.
  if (process.env.TEST_DATABASE_URL) return;
  const database = await openPglite(undefined);
  const deps = makeDeps(loadConfig({}), database, {
    auditKey: TEST_AUDIT_KEY,
    fieldKey: TEST_FIELD_KEY,
    clock: () => TEST_START,
  });
  await prepareDatabase(database, deps);
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const blob = await client.dumpDataDir('none');
  fs.mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
  // Write then rename, so that a run starting meanwhile never reads half a file.
  const tmp = `${TEMPLATE_FILE}.${process.pid}`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, TEMPLATE_FILE);
  await database.close();
}
