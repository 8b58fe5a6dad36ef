import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { TAttachment } from '../../../contracts/attachment';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { attachments } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { centreScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { detectFileType } from '../../lib/file-type';
import { findCentre } from '../centre/centre.repository';
import { toAttachment } from './attachment.repository';

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
  name = path
    .basename(name.replace(/\\/g, '/'))
    // Control characters would break the Content-Disposition header and the logs: drop them.
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return name || `附件.${extension}`;
}

/**
 * Attach a file to a centre's application. The type comes from the bytes (magic numbers); the bytes are stored
 * in the file store (DATA_DIR/uploads or S3) under a key made here, and the row and its audit entry are written in
 * one transaction.
 */
export async function uploadAttachment(
  ctx: RequestContext,
  centreId: number,
  body: Buffer,
  rawFileName: string | undefined,
): Promise<TAttachment> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const centre = await findCentre(ctx.deps.db, centreScope(ctx.user), centreId);
  if (!centre) throw new AppError('NOT_FOUND', { id: centreId });
  const user = requireAction(ctx.user, 'centre.attach');
  return storeAttachment(ctx, user, { centreId, engagementId: null, kind: null }, body, rawFileName);
}

/**
 * Store a file for a record the caller has already been allowed to attach to (scope and role checked by the
 * caller): the type comes from its bytes, the key is made here, and the row and its audit entry go in one
 * transaction; a file whose row was not written is removed again.
 */
export async function storeAttachment(
  ctx: RequestContext,
  user: SessionUser,
  owner: { centreId: number; engagementId: number | null; kind: string | null },
  body: Buffer,
  rawFileName: string | undefined,
): Promise<TAttachment> {
  const { centreId } = owner;
  // A body the JSON or form parser took is not a file of an accepted type either.
  const type = Buffer.isBuffer(body) ? detectFileType(body) : null;
  if (!type) throw new AppError('UNSUPPORTED_FILE', ACCEPTED);
  const now = ctx.deps.clock();
  // "2026-11/<uuid>.pdf": '/' on every platform, since the key is also an S3 object's name.
  const storageKey = path.posix.join(now.toISOString().slice(0, 7), `${randomUUID()}.${type.extension}`);
  await ctx.deps.files.put(storageKey, body, type.contentType);
  try {
    return await ctx.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(attachments)
        .values({
          centreId,
          engagementId: owner.engagementId,
          kind: owner.kind,
          fileName: cleanFileName(rawFileName, type.extension),
          contentType: type.contentType,
          size: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
          storageKey,
          uploadedBy: user.id === SYSTEM_USER_ID ? null : user.id,
          uploadedByName: user.displayName,
          uploadedAt: now,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'attachment.uploaded',
        objectType: 'attachment',
        objectId: row.id,
        after: { ...row, storageKey: undefined },
      });
      return toAttachment(row);
    });
  } catch (err) {
    // Nothing half-kept: a file whose row was not written is removed again.
    await ctx.deps.files.remove(storageKey).catch(() => {});
    throw err;
  }
}
