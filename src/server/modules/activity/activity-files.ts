import type { TActivityDetail } from '../../../contracts/activity';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { activityAttachments } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { storeUploadedFile } from '../../lib/stored-file';
import { activityScope, findActivity, findActivityAttachment, toActivityAttachment } from './activity.repository';
import { ownCentreForActivities } from './activity-rules';

type ActivityAttachment = TActivityDetail['attachments'][number];

/**
 * Evidence of an activity (sign-in sheet, photos, notice), uploaded by the centre that recorded it. As for every
 * attachment the type comes from the bytes and the key is made here; the row and its audit entry go in one
 * transaction, and bytes whose row was not written are removed again.
 */
export async function uploadActivityFile(
  ctx: RequestContext,
  id: number,
  body: Buffer,
  rawFileName: string | undefined,
): Promise<ActivityAttachment> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findActivity(ctx.deps.db, activityScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const user = requireAction(ctx.user, 'activity.manage');
  await ownCentreForActivities(ctx, user);
  return storeUploadedFile(ctx, body, rawFileName, async (tx, f) => {
    const [file] = await tx
      .insert(activityAttachments)
      .values({
        activityId: id,
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
    if (!file) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, f.at), {
      action: 'activity.attachment.uploaded',
      objectType: 'activity',
      objectId: id,
      after: { ...file, storageKey: undefined },
    });
    return toActivityAttachment(file);
  });
}

/** The bytes of an activity's file, for whoever may see the activity; the key comes from the row, never the URL. */
export async function downloadActivityFile(ctx: RequestContext, id: number, attachmentId: number) {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findActivity(ctx.deps.db, activityScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  requireAction(ctx.user, 'activity.read');
  const file = await findActivityAttachment(ctx.deps.db, id, attachmentId);
  if (!file) throw new AppError('NOT_FOUND', { id: attachmentId });
  const bytes = await ctx.deps.files.get(file.storageKey);
  return { bytes, fileName: file.fileName, contentType: file.contentType };
}
