import type { TStoredFile } from '../../../contracts/attachment';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { readAttachment, storeAttachment, toStoredFile } from '../attachment/attachment-files';
import { findSanction } from './get-sanction';

/**
 * Evidence of a decision (处理决定的证据: the facts found, penalty decisions, the verification): the province that
 * decides attaches it. The decision is loaded as a reader would (404 when it does not exist), then the role checked;
 * the file goes the way every file does (type from its bytes, size bounded, audit entry).
 */
export async function uploadSanctionFile(
  ctx: RequestContext,
  sanctionId: number,
  body: Buffer,
  rawFileName: string | undefined,
): Promise<TStoredFile> {
  await findSanction(ctx, sanctionId);
  const user = requireAction(ctx.user, 'sanction.decide');
  return toStoredFile(await storeAttachment(ctx, user, { kind: 'sanction', sanctionId }, body, rawFileName));
}

/** One of the decision's files, for those who read the decision. */
export async function downloadSanctionFile(ctx: RequestContext, sanctionId: number, fileId: number) {
  await findSanction(ctx, sanctionId);
  return readAttachment(ctx, { kind: 'sanction', sanctionId }, fileId);
}
