import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { TAttachment, TStoredFile } from '../../../contracts/attachment';
import type { Db } from '../../db/client';
import { attachments } from '../../db/schema';
import { AppError } from '../../lib/errors';

/**
 * The record a file belongs to, with the centre it concerns (every owner but a sanction belongs to a centre). A
 * centre's own files are those of its set-up application and its workflow steps; a sanction's evidence concerns an
 * operator, not a centre (issue 15).
 */
export type AttachmentOwner =
  | { kind: 'centre'; centreId: number }
  | { kind: 'engagement'; centreId: number; engagementId: number }
  | { kind: 'service_record'; centreId: number; recordId: number }
  | { kind: 'activity'; centreId: number; activityId: number }
  | { kind: 'assessment_submission'; centreId: number; submissionId: number }
  | { kind: 'assessment_inspection'; centreId: number; inspectionId: number }
  | { kind: 'sanction'; sanctionId: number };

export type AttachmentRow = typeof attachments.$inferSelect;

/** The owner columns of a new row: the centre always, at most one record of it. */
export function ownerColumns(owner: AttachmentOwner) {
  return {
    centreId: owner.kind === 'sanction' ? null : owner.centreId,
    engagementId: owner.kind === 'engagement' ? owner.engagementId : null,
    serviceRecordId: owner.kind === 'service_record' ? owner.recordId : null,
    activityId: owner.kind === 'activity' ? owner.activityId : null,
    assessmentSubmissionId: owner.kind === 'assessment_submission' ? owner.submissionId : null,
    assessmentInspectionId: owner.kind === 'assessment_inspection' ? owner.inspectionId : null,
    sanctionId: owner.kind === 'sanction' ? owner.sanctionId : null,
  };
}

/** The rows that are this owner's files, and no other owner's (a centre's own files have no record). */
function ownedBy(owner: AttachmentOwner): SQL {
  const columns = ownerColumns(owner);
  return and(
    columns.centreId === null ? isNull(attachments.centreId) : eq(attachments.centreId, columns.centreId),
    columns.sanctionId === null ? isNull(attachments.sanctionId) : eq(attachments.sanctionId, columns.sanctionId),
    columns.engagementId === null
      ? isNull(attachments.engagementId)
      : eq(attachments.engagementId, columns.engagementId),
    columns.serviceRecordId === null
      ? isNull(attachments.serviceRecordId)
      : eq(attachments.serviceRecordId, columns.serviceRecordId),
    columns.activityId === null ? isNull(attachments.activityId) : eq(attachments.activityId, columns.activityId),
    columns.assessmentSubmissionId === null
      ? isNull(attachments.assessmentSubmissionId)
      : eq(attachments.assessmentSubmissionId, columns.assessmentSubmissionId),
    columns.assessmentInspectionId === null
      ? isNull(attachments.assessmentInspectionId)
      : eq(attachments.assessmentInspectionId, columns.assessmentInspectionId),
  ) as SQL;
}

/** Who owns a stored row. */
export function ownerOf(row: AttachmentRow): AttachmentOwner {
  if (row.sanctionId !== null) return { kind: 'sanction', sanctionId: row.sanctionId };
  // The check constraint gives every other file a centre.
  if (row.centreId === null) throw new Error(`attachment ${row.id} has neither a centre nor a sanction`);
  if (row.engagementId !== null) return { kind: 'engagement', centreId: row.centreId, engagementId: row.engagementId };
  if (row.serviceRecordId !== null)
    return { kind: 'service_record', centreId: row.centreId, recordId: row.serviceRecordId };
  if (row.activityId !== null) return { kind: 'activity', centreId: row.centreId, activityId: row.activityId };
  if (row.assessmentSubmissionId !== null)
    return { kind: 'assessment_submission', centreId: row.centreId, submissionId: row.assessmentSubmissionId };
  if (row.assessmentInspectionId !== null)
    return { kind: 'assessment_inspection', centreId: row.centreId, inspectionId: row.assessmentInspectionId };
  return { kind: 'centre', centreId: row.centreId };
}

/** An owner's files, oldest first. */
export async function listAttachments(db: Db, owner: AttachmentOwner): Promise<AttachmentRow[]> {
  return db.select().from(attachments).where(ownedBy(owner)).orderBy(asc(attachments.id));
}

/** One of an owner's files; undefined when the id is another owner's (its id says nothing to this owner). */
export async function findAttachment(db: Db, owner: AttachmentOwner, id: number): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), ownedBy(owner)))
    .limit(1);
  return row;
}

export async function findAttachmentById(db: Db, id: number): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  return row;
}

/** Which of `ids` are files of this owner: a step or a checklist names only its own record's files. */
export async function attachmentsOf(db: Db, owner: AttachmentOwner, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(inArray(attachments.id, ids), ownedBy(owner)));
  return rows.map((r) => r.id);
}

/** A file as the centre's and engagement's pages show it. */
export function toAttachment(r: AttachmentRow): TAttachment {
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

/** A file as the service record's and activity's pages show it. */
export function toStoredFile(r: AttachmentRow): TStoredFile {
  return {
    id: r.id,
    fileName: r.fileName,
    contentType: r.contentType,
    size: r.size,
    uploadedByName: r.uploadedByName,
    uploadedAt: r.uploadedAt.toISOString(),
  };
}

/** Tie files of the centre uploaded beforehand to the step that submits them; each file goes with one step only. */
export async function attachToEvent(tx: Db, centreId: number, eventId: number, ids: number[]): Promise<void> {
  const unique = [...new Set(ids)];
  const linked = await tx
    .update(attachments)
    .set({ eventId })
    .where(and(inArray(attachments.id, unique), ownedBy({ kind: 'centre', centreId }), isNull(attachments.eventId)))
    .returning({ id: attachments.id });
  if (linked.length !== unique.length) throw new AppError('ATTACHMENT_INVALID', { field: 'attachmentIds' });
}
