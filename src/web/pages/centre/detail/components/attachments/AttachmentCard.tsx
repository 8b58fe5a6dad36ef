import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { TAttachment } from '../../../../../../contracts/attachment';
import { useT } from '../../../../../i18n';
import { formatDateTime } from '../../../../../lib/format';
import { handleApiError } from '../../../../../request-error';
import { CENTRES_KEY } from '../../../shared/queries';
import { ATTACHMENT_ACCEPT, attachmentUrl, formatSize, typeLabel, uploadAttachment } from './attachment-api';

/** A file name that opens or downloads the stored file (same-origin, so the session cookie goes with it). */
export function AttachmentLink({ attachment }: { attachment: TAttachment }) {
  return (
    <a href={attachmentUrl(attachment.id)} target="_blank" rel="noopener" data-testid="attachment-link">
      <PaperClipOutlined /> {attachment.fileName}
    </a>
  );
}

interface AttachmentCardProps {
  centreId: number;
  /** The attachments not sent with a workflow step (those show under their step in the timeline). */
  attachments: TAttachment[];
  canUpload: boolean;
}

/** 附件: the centre's stored files, and 上传附件 for those who may attach. */
export function AttachmentCard({ centreId, attachments, canUpload }: AttachmentCardProps) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const saved = await uploadAttachment(centreId, file);
      message.success(t('attachment.uploaded', { name: saved.fileName }));
      await queryClient.invalidateQueries({ queryKey: [...CENTRES_KEY, 'detail', centreId] });
    } catch (error) {
      handleApiError(error);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card
      title={t('attachment.title')}
      size="small"
      data-testid="attachment-card"
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
            <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">
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
      <Table<TAttachment>
        size="small"
        rowKey="id"
        dataSource={attachments}
        pagination={attachments.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: t('attachment.empty') }}
        scroll={{ x: 'max-content' }}
        data-testid="attachment-table"
        columns={[
          {
            title: t('attachment.fileName'),
            dataIndex: 'fileName',
            render: (_: string, a: TAttachment) => <AttachmentLink attachment={a} />,
          },
          { title: t('attachment.type'), dataIndex: 'contentType', render: (type: string) => typeLabel(type) },
          { title: t('attachment.size'), dataIndex: 'size', render: (size: number) => formatSize(size) },
          { title: t('attachment.uploadedBy'), dataIndex: 'uploadedBy', render: (by: string | null) => by ?? '—' },
          { title: t('attachment.uploadedAt'), dataIndex: 'uploadedAt', render: (at: string) => formatDateTime(at) },
        ]}
      />
    </Card>
  );
}
