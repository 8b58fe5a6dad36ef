import { ATTACHMENT_MAX_BYTES } from '../../../contracts/attachment';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import type { Db } from '../../db/client';
import { attachments } from '../../db/schema';
import type { SessionUser } from '../../lib/access/session-user';
import { type AuditEvent, writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { type StoredFileMeta, storeUploadedFile } from '../../lib/stored-file';
import {
  type AttachmentOwner,
  type AttachmentRow,
  attachmentsOf,
  findAttachment,
  listAttachments,
  ownerColumns,
} from './attachment.repository';

// What other modules use of the one attachment table: they never read it themselves.
export type { AttachmentOwner, AttachmentRow } from './attachment.repository';
export { attachToEvent, toAttachment, toStoredFile } from './attachment.repository';

/**
 * The audit entry of an upload, as each owner has always written it: a centre's and an engagement's file is an
 * object of its own, a service record's and an activity's file is a change of that record.
 */
function uploadAudit(owner: AttachmentOwner, row: AttachmentRow): AuditEvent {
  const after = { ...row, storageKey: undefined };
  switch (owner.kind) {
    case 'centre':
    case 'engagement':
      return { action: 'attachment.uploaded', objectType: 'attachment', objectId: row.id, after };
    case 'service_record':
      return { action: 'service.attachment.uploaded', objectType: 'service_record', objectId: owner.recordId, after };
    case 'activity':
      return { action: 'activity.attachment.uploaded', objectType: 'activity', objectId: owner.activityId, after };
    case 'assessment_submission':
      return {
        action: 'assessment.attachment.uploaded',
        objectType: 'assessment_submission',
        objectId: owner.submissionId,
        after,
      };
    case 'assessment_inspection':
      return {
        action: 'assessment.attachment.uploaded',
        objectType: 'assessment_inspection',
        objectId: owner.inspectionId,
        after,
      };
    case 'sanction':
      return { action: 'sanction.attachment.uploaded', objectType: 'sanction', objectId: owner.sanctionId, after };
  }
}

export interface StoreAttachmentOptions {
  /** What the file is to its owner (an engagement material's kind). */
  kind?: string | null;
  /** What the owner writes with the file in the same transaction (a service record's progress entry). */
  alsoWrite?: (tx: Db, row: AttachmentRow, meta: StoredFileMeta) => Promise<void>;
}

/**
 * The one way a file is attached, for every owner. The caller has loaded the owner through the user's scope (404
 * outside it) and checked the role and the owner's state; here the type comes from the bytes (magic numbers) and
 * the size is bounded, the bytes go to the file store under a key made here, and the row, the owner's own writes and
 * the audit entry go in one transaction. Bytes whose row was not written are removed again.
 */
export async function storeAttachment(
  ctx: RequestContext,
  user: SessionUser,
  owner: AttachmentOwner,
  body: Buffer,
  rawFileName: string | undefined,
  opts: StoreAttachmentOptions = {},
): Promise<AttachmentRow> {
  // The routes' body limit refuses more before it is read; this holds for any other caller too.
  if (Buffer.isBuffer(body) && body.length > ATTACHMENT_MAX_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file', maxBytes: ATTACHMENT_MAX_BYTES });
  }
  return storeUploadedFile(ctx, body, rawFileName, async (tx, f) => {
    const [row] = await tx
      .insert(attachments)
      .values({
        ...ownerColumns(owner),
        kind: opts.kind ?? null,
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
    await opts.alsoWrite?.(tx, row, f);
    await writeAudit(tx, auditContext(ctx, f.at), uploadAudit(owner, row));
    return row;
  });
}

/**
 * The bytes of one of an owner's files, for a caller who has loaded the owner through its scope; the key comes from
 * the row, never the URL, and an id of another owner's file is not found.
 */
export async function readAttachment(ctx: RequestContext, owner: AttachmentOwner, id: number) {
  const row = await findAttachment(ctx.deps.db, owner, id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const bytes = await ctx.deps.files.get(row.storageKey);
  return { bytes, fileName: row.fileName, contentType: row.contentType };
}

/** An owner's files, oldest first, for the owner's page (the caller has loaded the owner through its scope). */
export function listOwnerFiles(db: Db, owner: AttachmentOwner): Promise<AttachmentRow[]> {
  return listAttachments(db, owner);
}

/** Refuses (ATTACHMENT_INVALID naming `field`) ids that are not all files of this owner. */
export async function requireOwnerFiles(db: Db, owner: AttachmentOwner, ids: number[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  const found = await attachmentsOf(db, owner, unique);
  if (found.length !== unique.length) throw new AppError('ATTACHMENT_INVALID', { field });
}
