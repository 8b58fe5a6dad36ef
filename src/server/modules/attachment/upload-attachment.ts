import type { TAttachment } from '../../../contracts/attachment';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { attachments } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import type { SessionUser } from '../../lib/access/session-user';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { storeUploadedFile } from '../../lib/stored-file';
import { findCentreInScope } from '../centre';
import { toAttachment } from './attachment.repository';

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
  const centre = await findCentreInScope(ctx.deps.db, ctx.user, centreId);
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
  return storeUploadedFile(ctx, body, rawFileName, async (tx, f) => {
    const [row] = await tx
      .insert(attachments)
      .values({
        centreId: owner.centreId,
        engagementId: owner.engagementId,
        kind: owner.kind,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.size,
        sha256: f.sha256,
        storageKey: f.storageKey,
        uploadedBy: user.id === SYSTEM_USER_ID ? null : user.id,
        uploadedByName: user.displayName,
        uploadedAt: f.at,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, f.at), {
      action: 'attachment.uploaded',
      objectType: 'attachment',
      objectId: row.id,
      after: { ...row, storageKey: undefined },
    });
    return toAttachment(row);
  });
}
