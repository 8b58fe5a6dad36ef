import type { TAttachment } from '../../../../../../contracts/attachment';
import { uploadFile } from '../../../../../components/attachment-files';

/** A centre's or an engagement's file (the route checks the centre's scope). */
export function attachmentUrl(id: number): string {
  return `/api/attachments/${id}`;
}

export function uploadAttachment(centreId: number, file: File): Promise<TAttachment> {
  return uploadFile<TAttachment>(`/api/centres/${centreId}/attachments`, file);
}
