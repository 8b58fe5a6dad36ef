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

/** Names a type may end with: a JPEG is as often ".jpeg" as ".jpg". */
const EXTENSION_ALIASES: Record<string, string[]> = { jpg: ['jpg', 'jpeg'] };

/**
 * The name with the extension of the file's real type: "报告.html" holding a PDF becomes "报告.pdf", so that a
 * downloaded file never opens as something it is not (an HTML page on the user's disk runs its scripts).
 */
export function nameWithExtension(name: string, extension: string): string {
  // Only a word after the last dot is an extension to replace: "方案 v1.2" keeps its ".2" and gets ".pdf" added.
  const current = /\.([a-z0-9]*[a-z][a-z0-9]*)$/i.exec(name);
  if (!current) return `${name}.${extension}`;
  if ((EXTENSION_ALIASES[extension] ?? [extension]).includes((current[1] ?? '').toLowerCase())) return name;
  return `${name.slice(0, current.index) || '附件'}.${extension}`;
}

/**
 * The file name an upload route was sent in its X-File-Name header (percent-encoded by the web client; cleaned by
 * cleanFileName). Every upload route reads it through here.
 */
export function uploadedFileName(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-file-name'];
  return Array.isArray(header) ? header[0] : header;
}

/**
 * A display name from the upload's header: no directories, no control characters, the extension of the type the
 * bytes are (never the one the client claimed), at most 200 characters.
 */
export function cleanFileName(raw: string | undefined, extension: string): string {
  let name = '';
  try {
    name = decodeURIComponent(raw ?? '');
  } catch {
    name = raw ?? '';
  }
  // Control characters would break the Content-Disposition header and the logs; a cut through a surrogate pair
  // would leave half a character that the audit entry (jsonb) cannot hold.
  name = storableText(path.basename(name.replace(/\\/g, '/')).trim(), 1000).trim();
  if (!name) return `附件.${extension}`;
  const named = nameWithExtension(name, extension);
  return named.length <= 200 ? named : `${storableText(named, 200 - extension.length - 1)}.${extension}`;
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

/**
 * A stored file as a download: the type its bytes are (detected again, not taken from the row or the upload) and
 * a name with that type's extension, in UTF-8; never sniffed, never cached by a shared cache. Bytes of no accepted
 * type (which no upload can store) go out as opaque bytes.
 */
export function sendStoredFile(reply: FastifyReply, file: { bytes: Buffer; fileName: string }) {
  const type = detectFileType(file.bytes);
  const fileName = type ? nameWithExtension(file.fileName, type.extension) : file.fileName;
  return reply
    .header('content-type', type?.contentType ?? 'application/octet-stream')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}
