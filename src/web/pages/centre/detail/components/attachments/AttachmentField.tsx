import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Typography, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { ATTACHMENT_ACCEPT } from '../../../../../components/attachment-files';
import { useT } from '../../../../../i18n';
import { errorMessage } from '../../../../../request-error';
import { attachmentUrl, uploadAttachment } from './attachment-api';

interface AttachmentFieldProps {
  centreId: number;
  /** The ids of the files uploaded so far, to be sent with the step as `attachmentIds`. */
  onChange: (ids: number[]) => void;
  /** Whether a file is still on its way (the step should wait for it). */
  onUploadingChange: (uploading: boolean) => void;
}

/**
 * 附件（可选） in a workflow modal: each file is uploaded as soon as it is picked; a refused file stays in the list
 * with the server's reason and is not sent. Removing a file only drops it from this step.
 */
export function AttachmentField({ centreId, onChange, onUploadingChange }: AttachmentFieldProps) {
  const t = useT();
  const [files, setFiles] = useState<UploadFile[]>([]);
  // The latest list, for uploads that finish after other files were added or removed.
  const latest = useRef<UploadFile[]>([]);

  const update = (next: UploadFile[]) => {
    latest.current = next;
    setFiles(next);
    onChange(
      next.filter((f) => f.status === 'done' && typeof f.response === 'number').map((f) => f.response as number),
    );
    onUploadingChange(next.some((f) => f.status === 'uploading'));
  };

  const upload = async (file: File, uid: string) => {
    update([...latest.current, { uid, name: file.name, status: 'uploading' }]);
    let result: UploadFile;
    try {
      const saved = await uploadAttachment(centreId, file);
      result = { uid, name: saved.fileName, status: 'done', response: saved.id, url: attachmentUrl(saved.id) };
    } catch (error) {
      result = { uid, name: file.name, status: 'error', error: new Error(errorMessage(error)) };
    }
    // Removed while uploading: the file stays on the server unlinked, but is not sent with the step.
    if (!latest.current.some((f) => f.uid === uid)) return;
    update(latest.current.map((f) => (f.uid === uid ? result : f)));
  };

  return (
    <Form.Item label={t('attachment.optional')} extra={t('attachment.hint')}>
      <Upload
        accept={ATTACHMENT_ACCEPT}
        multiple
        fileList={files}
        beforeUpload={(file) => {
          void upload(file, file.uid);
          return false;
        }}
        onRemove={(file) => {
          update(latest.current.filter((f) => f.uid !== file.uid));
          return false;
        }}
        data-testid="action-attachments"
      >
        <Button icon={<UploadOutlined />} data-testid="action-attachment-upload">
          {t('attachment.upload')}
        </Button>
      </Upload>
      {files.some((f) => f.status === 'error') && (
        <Typography.Text type="danger" data-testid="action-attachment-error">
          {files
            .filter((f) => f.status === 'error')
            .map((f) => `${f.name}: ${f.error?.message ?? ''}`)
            .join('；')}
        </Typography.Text>
      )}
    </Form.Item>
  );
}
