import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { TServiceRecordDetail } from '../../../../../contracts/service-record';
import { useT } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { handleApiError } from '../../../../request-error';
import { ATTACHMENT_ACCEPT, formatSize } from '../../../centre/detail/components/attachments/attachment-api';
import { serviceAttachmentUrl, uploadServiceAttachment, useRefreshServices } from '../../shared/service-api';

/** 附件: files on the record (the enterprise's and the centre's); those who may attach see 上传附件. */
export function ServiceAttachments({ record }: { record: TServiceRecordDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshServices();
  const [uploading, setUploading] = useState(false);
  const canUpload = record.allowed.includes('attach');

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const saved = await uploadServiceAttachment(record.id, file);
      message.success(t('attachment.uploaded', { name: saved.fileName }));
      await refresh();
    } catch (error) {
      handleApiError(error);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('attachment.title')}
      data-testid="service-attachments"
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
      <List
        size="small"
        dataSource={record.attachments}
        locale={{ emptyText: t('attachment.empty') }}
        renderItem={(a) => (
          <List.Item key={a.id} data-testid="service-attachment">
            <div style={{ minWidth: 0 }}>
              <a
                href={serviceAttachmentUrl(record.id, a.id)}
                target="_blank"
                rel="noopener"
                data-testid="attachment-link"
              >
                <PaperClipOutlined /> {a.fileName}
              </a>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[formatSize(a.size), a.uploadedByName, formatDateTime(a.uploadedAt)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
