import type { TStoredFile } from '../../../contracts/attachment';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { readAttachment, storeAttachment, toStoredFile } from '../attachment/attachment-files';
import { activityScope, findActivity } from './activity.repository';
import { ownCentreForActivities } from './activity-rules';

/**
 * Evidence of an activity (sign-in sheet, photos, notice), uploaded by the centre that recorded it; the file goes
 * the way every file does.
 */
export async function uploadActivityFile(
  ctx: RequestContext,
  id: number,
  body: Buffer,
  rawFileName: string | undefined,
): Promise<TStoredFile> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findActivity(ctx.deps.db, activityScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const user = requireAction(ctx.user, 'activity.manage');
  await ownCentreForActivities(ctx, user);
  const owner = { kind: 'activity', centreId: row.a.centreId, activityId: id } as const;
  return toStoredFile(await storeAttachment(ctx, user, owner, body, rawFileName));
}

/** The bytes of an activity's file, for whoever may see the activity; an id of another owner's file is not found. */
export async function downloadActivityFile(ctx: RequestContext, id: number, attachmentId: number) {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findActivity(ctx.deps.db, activityScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  requireAction(ctx.user, 'activity.read');
  return readAttachment(ctx, { kind: 'activity', centreId: row.a.centreId, activityId: id }, attachmentId);
}
