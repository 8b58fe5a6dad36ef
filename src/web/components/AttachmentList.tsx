import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { handleApiError } from '../request-error';
import { ATTACHMENT_ACCEPT, formatSize, typeLabel } from './attachment-files';

/** A stored file as every list shows it, whichever record it belongs to. */
export interface AttachmentListItem {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string | null;
  uploadedAt: string;
}

/** A file name that opens or downloads the stored file (same-origin, so the session cookie goes with it). */
export function FileLink({ href, fileName, testId }: { href: string; fileName: string; testId?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener" style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
      <PaperClipOutlined /> {fileName}
    </a>
  );
}

/** Each page keeps its own test ids; `item` and `download` are left off where the page has none. */
export interface AttachmentListTestIds {
  card: string;
  upload: string;
  item?: string;
  link: string;
  download?: string;
}

interface AttachmentListProps {
  title: ReactNode;
  files: AttachmentListItem[];
  /** Where a file downloads from: each owner's route checks that owner's scope. */
  href: (id: number) => string;
  /** Sends one picked file; given only to those who may attach now (the server checks again). */
  upload?: (file: File) => Promise<{ fileName: string }>;
  /**
   * Reloads whatever shows the owner (each page keeps it under its own query keys). Called after every upload, a
   * refused one too: the owner may have changed in the meantime.
   */
  refresh: () => Promise<unknown>;
  /** Under 上传附件: what the files are for; which types and sizes are accepted is always said. */
  hint?: ReactNode;
  emptyText?: ReactNode;
  /** Several files picked at once are uploaded one after the other. */
  multiple?: boolean;
  testIds: AttachmentListTestIds;
}

/**
 * 附件: the files of one record — a centre's application, a service record, an activity — each with its name (which
 * opens it), type, size, who uploaded it and when, and a download button; 上传附件 for those who may attach.
 * Rows wrap on a phone instead of scrolling sideways.
 */
export function AttachmentList({
  title,
  files,
  href,
  upload,
  refresh,
  hint,
  emptyText,
  multiple,
  testIds,
}: AttachmentListProps) {
  const t = useT();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(0);

  const send = async (file: File) => {
    if (!upload) return;
    setUploading((n) => n + 1);
    try {
      const saved = await upload(file);
      message.success(t('attachment.uploaded', { name: saved.fileName }));
    } catch (error) {
      handleApiError(error);
    } finally {
      await refresh();
      setUploading((n) => n - 1);
    }
  };

  return (
    <Card
      size="small"
      title={title}
      data-testid={testIds.card}
      extra={
        upload && (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            multiple={multiple}
            disabled={uploading > 0}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading > 0} data-testid={testIds.upload}>
              {t(uploading > 0 ? 'attachment.uploading' : 'attachment.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {upload && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {hint}
          {t('attachment.hint')}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={files}
        rowKey="id"
        locale={{ emptyText: emptyText ?? t('attachment.empty') }}
        pagination={files.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        renderItem={(f) => {
          const url = href(f.id);
          const meta = [typeLabel(f.contentType), formatSize(f.size), f.uploadedBy, formatDateTime(f.uploadedAt)]
            .filter(Boolean)
            .join(' · ');
          return (
            <List.Item style={{ paddingInline: 0, alignItems: 'flex-start', gap: 8 }} data-testid={testIds.item}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <FileLink href={url} fileName={f.fileName} testId={testIds.link} />
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {meta}
                </Typography.Text>
              </div>
              <a
                href={url}
                download={f.fileName}
                aria-label={`${t('attachment.download')} ${f.fileName}`}
                title={t('attachment.download')}
                style={{ flex: 'none', padding: 4, fontSize: 16 }}
                data-testid={testIds.download}
              >
                <DownloadOutlined />
              </a>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
