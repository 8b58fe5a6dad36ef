import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { TServiceAttachment } from '../../../../contracts/service-record';
import { useT } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { handleApiError } from '../../../request-error';
import { ATTACHMENT_ACCEPT, formatSize } from '../../centre/detail/components/attachments/attachment-api';
import { serviceAttachmentUrl, uploadServiceAttachment } from './service-api';

/** Each page keeps its own test ids; `item` and `download` are left off where the page has none. */
export interface ServiceAttachmentsTestIds {
  card: string;
  upload: string;
  item?: string;
  link: string;
  download?: string;
}

interface ServiceAttachmentsProps {
  recordId: number;
  attachments: TServiceAttachment[];
  /** The server's `allowed` includes `attach` (the record is not final yet): 上传附件 is offered. */
  canUpload: boolean;
  /**
   * Reloads whatever shows the record (each page keeps it under its own query keys). Called after every upload, a
   * refused one too: the record may have closed in the meantime.
   */
  refresh: () => Promise<unknown>;
  /** Under 上传附件, which files are accepted and how large. */
  showHint?: boolean;
  /** Phone layout: rows flush with the card, long names break anywhere, and each row has its own download button. */
  compact?: boolean;
  testIds: ServiceAttachmentsTestIds;
}

/**
 * 附件: the files of a service record, the enterprise's and the centre's, each opened by its link; more can be added
 * until the record closes. Shared by the enterprise's 我的服务 and the centre's service detail.
 */
export function ServiceAttachments({
  recordId,
  attachments,
  canUpload,
  refresh,
  showHint,
  compact,
  testIds,
}: ServiceAttachmentsProps) {
  const t = useT();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const saved = await uploadServiceAttachment(recordId, file);
      message.success(t('attachment.uploaded', { name: saved.fileName }));
    } catch (error) {
      handleApiError(error);
    } finally {
      await refresh();
      setUploading(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('attachment.title')}
      data-testid={testIds.card}
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
            <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid={testIds.upload}>
              {t(uploading ? 'attachment.uploading' : 'attachment.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {canUpload && showHint && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('attachment.hint')}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={attachments}
        rowKey="id"
        locale={{ emptyText: t('attachment.empty') }}
        renderItem={(a) => {
          const url = serviceAttachmentUrl(recordId, a.id);
          const meta = [formatSize(a.size), a.uploadedByName, formatDateTime(a.uploadedAt)].filter(Boolean).join(' · ');
          return (
            <List.Item
              style={compact ? { paddingInline: 0, alignItems: 'flex-start', gap: 8 } : undefined}
              data-testid={testIds.item}
            >
              <div style={compact ? { flex: 1, minWidth: 0 } : { minWidth: 0 }}>
                <a
                  href={url}
                  target="_blank"
                  rel="noopener"
                  style={compact ? { overflowWrap: 'anywhere' } : undefined}
                  data-testid={testIds.link}
                >
                  <PaperClipOutlined /> {a.fileName}
                </a>
                {compact ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {meta}
                  </Typography.Text>
                ) : (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {meta}
                    </Typography.Text>
                  </div>
                )}
              </div>
              {compact && (
                <a
                  href={url}
                  download={a.fileName}
                  aria-label={`${t('myService.attachments.download')} ${a.fileName}`}
                  title={t('myService.attachments.download')}
                  style={{ flex: 'none', padding: 4, fontSize: 16 }}
                  data-testid={testIds.download}
                >
                  <DownloadOutlined />
                </a>
              )}
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
