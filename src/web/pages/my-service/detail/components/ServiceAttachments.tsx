import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { TServiceAttachment } from '../../../../../contracts/service-record';
import { useT } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { handleApiError } from '../../../../request-error';
import { ATTACHMENT_ACCEPT, formatSize } from '../../../centre/detail/components/attachments/attachment-api';
import { myServiceKey, serviceAttachmentUrl, uploadServiceAttachment } from '../../shared/api';

interface ServiceAttachmentsProps {
  recordId: number;
  attachments: TServiceAttachment[];
  /** The server's `allowed` includes `attach` (the record is not final yet). */
  canUpload: boolean;
}

/** 附件: the files of the record, from the enterprise and the centre, each downloadable; more can be added until it closes. */
export function ServiceAttachments({ recordId, attachments, canUpload }: ServiceAttachmentsProps) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const saved = await uploadServiceAttachment(recordId, file);
      message.success(t('attachment.uploaded', { name: saved.fileName }));
    } catch (error) {
      handleApiError(error);
    } finally {
      setUploading(false);
      await queryClient.invalidateQueries({ queryKey: myServiceKey(recordId) });
    }
  };

  return (
    <Card
      size="small"
      title={t('attachment.title')}
      data-testid="my-service-attachments"
      extra={
        canUpload && (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="my-service-upload">
              {t(uploading ? 'attachment.uploading' : 'attachment.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {canUpload && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('attachment.hint')}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={attachments}
        rowKey="id"
        locale={{ emptyText: t('attachment.empty') }}
        renderItem={(a) => (
          <List.Item style={{ paddingInline: 0, alignItems: 'flex-start', gap: 8 }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <a
                href={serviceAttachmentUrl(recordId, a.id)}
                target="_blank"
                rel="noopener"
                style={{ overflowWrap: 'anywhere' }}
                data-testid="my-service-attachment"
              >
                <PaperClipOutlined /> {a.fileName}
              </a>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {[formatSize(a.size), a.uploadedByName, formatDateTime(a.uploadedAt)].filter(Boolean).join(' · ')}
              </Typography.Text>
            </div>
            <a
              href={serviceAttachmentUrl(recordId, a.id)}
              download={a.fileName}
              aria-label={`${t('myService.attachments.download')} ${a.fileName}`}
              title={t('myService.attachments.download')}
              style={{ flex: 'none', padding: 4, fontSize: 16 }}
              data-testid="my-service-attachment-download"
            >
              <DownloadOutlined />
            </a>
          </List.Item>
        )}
      />
    </Card>
  );
}
