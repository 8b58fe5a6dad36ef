import type { TServiceAttachment } from '../../../contracts/service-record';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { readAttachment, storeAttachment, toStoredFile } from '../attachment/attachment-files';
import { nextServiceStatus } from './service.machine';
import { appendProgress, findScopedRecord, loadOwnRecord } from './service-record.repository';

/**
 * Attach a file to a service record: the enterprise (its own) or the centre (its own), while the record is open or
 * completed. The file goes the way every file does; its progress entry goes in the same transaction.
 */
export async function uploadServiceFile(
  ctx: RequestContext,
  id: number,
  body: Buffer,
  rawFileName: string | undefined,
): Promise<TServiceAttachment> {
  const user = requireAction(ctx.user, 'service.attach');
  const row = await loadOwnRecord(ctx.deps.db, user, id, 'service.attach');
  nextServiceStatus(row.status, 'attach');
  const file = await storeAttachment(
    ctx,
    user,
    { kind: 'service_record', centreId: row.centreId, recordId: id },
    body,
    rawFileName,
    {
      alsoWrite: (tx, _file, f) =>
        appendProgress(tx, user, {
          recordId: id,
          centreId: row.centreId,
          kind: 'attachment',
          note: f.fileName,
          statusAfter: row.status,
          at: f.at,
        }),
    },
  );
  return toStoredFile(file);
}

/** The bytes of a record's file, for whoever sees the record; an id of another record's file is not found. */
export async function downloadServiceFile(ctx: RequestContext, id: number, attachmentId: number) {
  const user = requireAction(ctx.user, 'service.read');
  const row = await findScopedRecord(ctx.deps.db, user, id);
  return readAttachment(ctx, { kind: 'service_record', centreId: row.centreId, recordId: id }, attachmentId);
}
