import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { findCentreInScope } from '../centre';
import { findAttachmentById, ownerOf } from './attachment.repository';
import { readAttachment } from './attachment-files';

/**
 * GET /api/attachments/:id: a file of a centre's application or of its operator engagement, for those whose scope
 * holds the centre. A service record's or an activity's file is downloaded through its record's route, which checks
 * that record's scope; here it is not found.
 */
export async function downloadAttachment(ctx: RequestContext, id: number) {
  const user = requireAction(ctx.user, 'centre.read');
  const row = await findAttachmentById(ctx.deps.db, id);
  const owner = row ? ownerOf(row) : undefined;
  if (!owner || (owner.kind !== 'centre' && owner.kind !== 'engagement')) throw new AppError('NOT_FOUND', { id });
  const centre = await findCentreInScope(ctx.deps.db, user, owner.centreId);
  if (!centre) throw new AppError('NOT_FOUND', { id });
  return readAttachment(ctx, owner, id);
}
