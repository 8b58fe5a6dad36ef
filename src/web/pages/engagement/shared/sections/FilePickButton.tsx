import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useRef, useState } from 'react';
import type { TEngagementFileKind } from '../../../../../contracts/engagement';
import { ATTACHMENT_ACCEPT } from '../../../../components/attachment-files';
import { useT } from '../../../../i18n';
import { handleApiError } from '../../../../request-error';
import { engagementKey, uploadEngagementFile } from '../engagement-api';

interface FilePickButtonProps {
  engagementId: number;
  kind: TEngagementFileKind;
  /** On the file input itself, so that a test can hand it a file (`material-upload-work_plan`). */
  testId: string;
}

/**
 * 上传 for one kind of file: a plain file input behind a button. The file goes up as soon as it is picked; the
 * engagement is then reloaded, so the list and the missing-materials marks come from the server.
 */
export function FilePickButton({ engagementId, kind, testId }: FilePickButtonProps) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);

  const upload = async (files: FileList | null) => {
    const picked = files ? [...files] : [];
    if (input.current) input.current.value = '';
    if (picked.length === 0) return;
    setUploading(true);
    try {
      for (const file of picked) {
        const saved = await uploadEngagementFile(engagementId, kind, file);
        message.success(t('attachment.uploaded', { name: saved.fileName }));
      }
    } catch (error) {
      handleApiError(error);
    } finally {
      setUploading(false);
      await queryClient.invalidateQueries({ queryKey: engagementKey(engagementId) });
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept={ATTACHMENT_ACCEPT}
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={(event) => void upload(event.target.files)}
      />
      <Button
        size="small"
        icon={<UploadOutlined />}
        loading={uploading}
        onClick={() => input.current?.click()}
        data-testid={`${testId}-button`}
      >
        {t(uploading ? 'attachment.uploading' : 'engagement.materials.upload')}
      </Button>
    </>
  );
}
