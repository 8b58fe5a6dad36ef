import type { TAttachment } from '../../../contracts/attachment';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { findCentreInScope } from '../centre';
import { toAttachment } from './attachment.repository';
import { storeAttachment } from './attachment-files';

/**
 * Attach a file to a centre's application, to go with a later workflow step. The centre is loaded through the
 * caller's scope (404 outside it) before the role is checked; the file goes the way every file does.
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
  return toAttachment(await storeAttachment(ctx, user, { kind: 'centre', centreId }, body, rawFileName));
}
