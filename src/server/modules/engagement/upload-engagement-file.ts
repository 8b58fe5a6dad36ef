import type { TEngagementAttachment, TEngagementFileKind } from '../../../contracts/engagement';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { storeAttachment, toAttachment } from '../attachment/attachment-files';
import { refuseStep } from './engagement.machine';
import { engagementScope, findEngagement } from './engagement.repository';

/**
 * Art. 10(二): one of the seven application materials, evidence for the Art. 10(一) checklist, the tender record or
 * the signed agreement, uploaded by the county to the engagement. Files are typed by their bytes and kept in
 * the file store (DATA_DIR/uploads or S3) like every attachment; after filing the record is closed.
 */
export async function uploadEngagementFile(
  ctx: RequestContext,
  id: number,
  kind: TEngagementFileKind,
  body: Buffer,
  rawFileName: string | undefined,
): Promise<TEngagementAttachment> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const row = await findEngagement(ctx.deps.db, engagementScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const user = requireAction(ctx.user, 'engagement.manage');
  if (row.e.status === 'filed' || row.e.status === 'ended' || row.e.status === 'reported') {
    throw refuseStep(row.e.status, { 'zh-CN': '上传申报材料', en: 'upload application materials' });
  }
  const owner = { kind: 'engagement', centreId: row.e.centreId, engagementId: id } as const;
  const file = await storeAttachment(ctx, user, owner, body, rawFileName, { kind });
  return { ...toAttachment(file), kind };
}
