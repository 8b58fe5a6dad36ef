import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { exchangeFiles } from '../../db/schema';

/** Extensions the store's key shape allows (3–4 letters), by the content types an exchange deals in. */
function extensionOf(fileName: string, contentType: string): string {
  const ext = /\.([a-z]{3,4})$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext && ['xml', 'json', 'csv', 'xlsx', 'zip'].includes(ext)) return ext;
  if (contentType.includes('json')) return 'json';
  if (contentType.includes('csv')) return 'csv';
  if (contentType.includes('spreadsheet')) return 'xlsx';
  if (contentType.includes('xml')) return 'xml';
  return 'bin';
}

export interface PutFile {
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Put an exchange's bytes in the file store (before the run's transaction, as every upload does: stored-file.ts);
 * the caller removes them again if its transaction fails.
 */
export async function putExchangeBytes(
  deps: Deps,
  bytes: Buffer,
  fileName: string,
  contentType: string,
): Promise<PutFile> {
  const now = deps.clock();
  const storageKey = path.posix.join(
    now.toISOString().slice(0, 7),
    `${randomUUID()}.${extensionOf(fileName, contentType)}`,
  );
  await deps.files.put(storageKey, bytes, contentType);
  return {
    storageKey,
    fileName: fileName.slice(0, 200),
    contentType,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export async function insertExchangeFile(tx: Db, f: PutFile, at: Date): Promise<number> {
  const [row] = await tx
    .insert(exchangeFiles)
    .values({ ...f, createdAt: at })
    .returning({ id: exchangeFiles.id });
  return row.id;
}

export async function readExchangeFile(deps: Deps, id: number) {
  const [row] = await deps.db.select().from(exchangeFiles).where(eq(exchangeFiles.id, id));
  if (!row) return null;
  return { ...row, bytes: await deps.files.get(row.storageKey) };
}
