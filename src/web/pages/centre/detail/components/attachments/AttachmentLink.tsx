import type { TAttachment } from '../../../../../../contracts/attachment';
import { FileLink } from '../../../../../components/AttachmentList';
import { attachmentUrl } from './attachment-api';

/** A centre's or an engagement's file by its name, as a step of the timeline or a material lists it. */
export function AttachmentLink({ attachment }: { attachment: TAttachment }) {
  return <FileLink href={attachmentUrl(attachment.id)} fileName={attachment.fileName} testId="attachment-link" />;
}
