import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { TAttachment } from '../../../contracts/attachment';
import type { Db } from '../../db/client';
import { attachments } from '../../db/schema';
import { AppError } from '../../lib/errors';

export function toAttachment(r: typeof attachments.$inferSelect): TAttachment {
  return {
    id: r.id,
    fileName: r.fileName,
    contentType: r.contentType,
    size: r.size,
    sha256: r.sha256,
    uploadedBy: r.uploadedByName,
    uploadedAt: r.uploadedAt.toISOString(),
    eventId: r.eventId,
  };
}

export async function listCentreAttachments(db: Db, centreId: number): Promise<TAttachment[]> {
  const rows = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.centreId, centreId), isNull(attachments.engagementId)))
    .orderBy(asc(attachments.id));
  return rows.map(toAttachment);
}

/** Tie files uploaded beforehand to the step that submits them; each file goes with one step only. */
export async function attachToEvent(tx: Db, centreId: number, eventId: number, ids: number[]): Promise<void> {
  const unique = [...new Set(ids)];
  const linked = await tx
    .update(attachments)
    .set({ eventId })
    .where(
      and(
        inArray(attachments.id, unique),
        eq(attachments.centreId, centreId),
        isNull(attachments.eventId),
        isNull(attachments.engagementId),
      ),
    )
    .returning({ id: attachments.id });
  if (linked.length !== unique.length) throw new AppError('ATTACHMENT_INVALID', { field: 'attachmentIds' });
}
