import { inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { auditContext, type Deps, systemContext } from '../context';
import { attachments, exchangeFiles } from '../db/schema';
import { writeAudit } from './audit';
import { LocalFileStore } from './file-store';

/**
 * Every table whose rows own stored bytes, with the column holding the key. A table added with a `storage_key`
 * must be listed here, or the sweep below would take its files for orphans: test/crash-leftovers.test.ts checks
 * that every such column of the schema is.
 */
export const FILE_OWNERS: { table: PgTable; key: PgColumn }[] = [
  // Every uploaded file of every owner (centre, engagement, service record, activity): docs/decisions/0013-one-attachment-table.md.
  { table: attachments, key: attachments.storageKey },
  // The input and output of data exchanges (issue 13): modules/exchange/exchange-files.ts.
  { table: exchangeFiles, key: exchangeFiles.storageKey },
];

/** Older than this, bytes without a row are no upload still on its way to its commit. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

/**
 * storeUploadedFile() writes the bytes before the transaction of their row and removes them if that transaction
 * fails; a process killed between the two leaves bytes that no row refers to. Remove those older than a day (the
 * age keeps uploads in flight safe) and audit the keys removed. Local store only: an S3 bucket is shared by every
 * instance and may hold objects of other deployments under other prefixes, so it is not listed and deleted from
 * here (README, "Files").
 * Answers how many files were removed.
 */
export async function removeOrphanUploads(deps: Deps): Promise<number> {
  if (!(deps.files instanceof LocalFileStore)) return 0;
  const now = deps.clock();
  const candidates = await deps.files.keysWrittenBefore(new Date(now.getTime() - ORPHAN_AGE_MS));
  const orphans: string[] = [];
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    const owned = new Set<string>();
    for (const { table, key } of FILE_OWNERS) {
      const rows = await deps.db.select({ key }).from(table).where(inArray(key, batch));
      for (const row of rows) owned.add(row.key as string);
    }
    orphans.push(...batch.filter((k) => !owned.has(k)));
  }
  if (orphans.length === 0) return 0;
  // Recorded first, then removed: an entry that names a file still there is better than a file gone unrecorded.
  await deps.db.transaction((tx) =>
    writeAudit(tx, auditContext(systemContext(deps), now), {
      action: 'upload.orphans.removed',
      objectType: 'system',
      objectId: null,
      after: { count: orphans.length, keys: orphans.slice(0, 1000) },
    }),
  );
  for (const key of orphans) await deps.files.remove(key);
  return orphans.length;
}
