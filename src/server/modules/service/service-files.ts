import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { TServiceAttachment } from '../../../contracts/service-record';
import { auditContext, type RequestContext } from '../../context';
import { serviceAttachments, serviceProgress, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { serviceRecordScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { detectFileType } from '../../lib/file-type';
import { cleanFileName } from '../attachment/upload-attachment';
import { nextServiceStatus } from './service.machine';

const ACCEPTED = {
  field: 'file',
  'accepted_zh-CN': '只接受 PDF、JPEG、PNG、Word（.docx）、Excel（.xlsx）文件',
  accepted_en: 'only PDF, JPEG, PNG, Word (.docx) and Excel (.xlsx) files are accepted',
};

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
  const [row] = await db
    .select()
    .from(serviceRecords)
    .where(and(eq(serviceRecords.id, id), serviceRecordScope(user)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const mine = user.role === 'operator' ? user.centreId === row.centreId : user.enterpriseId === row.enterpriseId;
  if (!mine) throw new AppError('FORBIDDEN', { action: 'service.attach' });
  nextServiceStatus(row.status, 'attach');
  const type = Buffer.isBuffer(body) ? detectFileType(body) : null;
  if (!type) throw new AppError('UNSUPPORTED_FILE', ACCEPTED);
  const now = ctx.deps.clock();
  const storageKey = path.posix.join(now.toISOString().slice(0, 7), `${randomUUID()}.${type.extension}`);
  const fileName = cleanFileName(rawFileName, type.extension);
  await ctx.deps.files.put(storageKey, body, type.contentType);
  try {
    return await db.transaction(async (tx) => {
      const [a] = await tx
        .insert(serviceAttachments)
        .values({
          recordId: id,
          fileName,
          contentType: type.contentType,
          size: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
          storageKey,
          uploadedBy: user.id || null,
          uploadedByName: user.displayName,
          uploadedAt: now,
        })
        .returning();
      if (!a) throw new Error('attachment insert returned nothing');
      await tx.insert(serviceProgress).values({
        recordId: id,
        kind: 'attachment',
        note: fileName,
        statusAfter: row.status,
        actorId: user.id || null,
        actorName: user.displayName,
        actorRole: user.role,
        at: now,
      });
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'service.attachment.uploaded',
        objectType: 'service_record',
        objectId: id,
        after: { attachmentId: a.id, fileName, contentType: a.contentType, size: a.size, sha256: a.sha256 },
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
  } catch (err) {
    await ctx.deps.files.remove(storageKey).catch(() => undefined);
    throw err;
  }
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
