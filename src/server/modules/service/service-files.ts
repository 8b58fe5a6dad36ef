import { and, eq } from 'drizzle-orm';
import type { TServiceAttachment } from '../../../contracts/service-record';
import { auditContext, type RequestContext } from '../../context';
import { serviceAttachments, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { serviceRecordScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { storeUploadedFile } from '../../lib/stored-file';
import { nextServiceStatus } from './service.machine';
import { appendProgress, loadOwnRecord } from './service-record.repository';

/**
 * Attach a file to a service record: the enterprise (its own) or the centre (its own), while the record is open or
 * completed. Typed by its bytes, stored under a key made here; row, progress entry and audit in one transaction.
 */
export async function uploadServiceFile(
  ctx: RequestContext,
  id: number,
  body: Buffer,
  rawFileName: string | undefined,
): Promise<TServiceAttachment> {
  const user = requireAction(ctx.user, 'service.attach');
  const db = ctx.deps.db;
  const row = await loadOwnRecord(db, user, id, 'service.attach');
  nextServiceStatus(row.status, 'attach');
  return storeUploadedFile(ctx, body, rawFileName, async (tx, f) => {
    const [a] = await tx
      .insert(serviceAttachments)
      .values({
        recordId: id,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.size,
        sha256: f.sha256,
        storageKey: f.storageKey,
        uploadedBy: user.id || null,
        uploadedByName: user.displayName,
        uploadedAt: f.at,
      })
      .returning();
    if (!a) throw new Error('attachment insert returned nothing');
    await appendProgress(tx, user, {
      recordId: id,
      kind: 'attachment',
      note: f.fileName,
      statusAfter: row.status,
      at: f.at,
    });
    await writeAudit(tx, auditContext(ctx, f.at), {
      action: 'service.attachment.uploaded',
      objectType: 'service_record',
      objectId: id,
      after: { attachmentId: a.id, fileName: f.fileName, contentType: a.contentType, size: a.size, sha256: a.sha256 },
    });
    return {
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      uploadedByName: a.uploadedByName,
      uploadedAt: a.uploadedAt.toISOString(),
    };
  });
}

export async function downloadServiceFile(ctx: RequestContext, id: number, attachmentId: number) {
  const user = requireAction(ctx.user, 'service.read');
  const db = ctx.deps.db;
  const [row] = await db
    .select({ a: serviceAttachments })
    .from(serviceAttachments)
    .innerJoin(serviceRecords, eq(serviceRecords.id, serviceAttachments.recordId))
    .where(and(eq(serviceAttachments.id, attachmentId), eq(serviceRecords.id, id), serviceRecordScope(user)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id: attachmentId });
  return {
    bytes: await ctx.deps.files.get(row.a.storageKey),
    fileName: row.a.fileName,
    contentType: row.a.contentType,
  };
}
