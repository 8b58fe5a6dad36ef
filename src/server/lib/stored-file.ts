import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { AppError } from './errors';
import { detectFileType } from './file-type';
import { storableText } from './hostile-input';

const ACCEPTED = {
  field: 'file',
  'accepted_zh-CN': '只接受 PDF、JPEG、PNG、Word（.docx）、Excel（.xlsx）文件',
  accepted_en: 'only PDF, JPEG, PNG, Word (.docx) and Excel (.xlsx) files are accepted',
};

/** A display name from the upload's header: no directories, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined, extension: string): string {
  let name = '';
  try {
    name = decodeURIComponent(raw ?? '');
  } catch {
    name = raw ?? '';
  }
  // Control characters would break the Content-Disposition header and the logs; a cut through a surrogate pair
  // would leave half a character that the audit entry (jsonb) cannot hold.
  name = storableText(path.basename(name.replace(/\\/g, '/')).trim(), 200).trim();
  return name || `附件.${extension}`;
}

/** What the row of a stored file holds about it. */
export interface StoredFileMeta {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  at: Date;
}

/**
 * Every upload of the platform (centre applications, engagements, service records, activities): the type comes
 * from the bytes (magic numbers), the bytes go to the file store (DATA_DIR/uploads or S3) under a key made here —
 * never one a user supplied — and `writeRow` writes the owning row and its audit entry in one transaction. Bytes
 * whose row was not written are removed again: nothing half-kept.
 */
export async function storeUploadedFile<T>(
  ctx: RequestContext,
  body: Buffer,
  rawFileName: string | undefined,
  writeRow: (tx: Db, meta: StoredFileMeta) => Promise<T>,
): Promise<T> {
  // A body the JSON or form parser took is not a file of an accepted type either.
  const type = Buffer.isBuffer(body) ? detectFileType(body) : null;
  if (!type) throw new AppError('UNSUPPORTED_FILE', ACCEPTED);
  const now = ctx.deps.clock();
  // "2026-11/<uuid>.pdf": '/' on every platform, since the key is also an S3 object's name.
  const storageKey = path.posix.join(now.toISOString().slice(0, 7), `${randomUUID()}.${type.extension}`);
  await ctx.deps.files.put(storageKey, body, type.contentType);
  const meta: StoredFileMeta = {
    fileName: cleanFileName(rawFileName, type.extension),
    contentType: type.contentType,
    size: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    storageKey,
    at: now,
  };
  try {
    return await ctx.deps.db.transaction((tx) => writeRow(tx, meta));
  } catch (err) {
    await ctx.deps.files.remove(storageKey).catch(() => {});
    throw err;
  }
}

/** A stored file as a download: its own type, its name in UTF-8, never sniffed, never cached by a shared cache. */
export function sendStoredFile(reply: FastifyReply, file: { bytes: Buffer; fileName: string; contentType: string }) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}
