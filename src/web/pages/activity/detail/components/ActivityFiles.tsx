import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useT } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { handleApiError } from '../../../../request-error';
import { ATTACHMENT_ACCEPT, formatSize, typeLabel } from '../../../centre/detail/components/attachments/attachment-api';
import { activityFileUrl, activityKey, type TActivityFile, uploadActivityFile } from '../../shared/activity-api';

interface ActivityFilesProps {
  activityId: number;
  files: TActivityFile[];
  canUpload: boolean;
}

/** 佐证材料: sign-in sheets, photos and notices of the activity; the centre that recorded it adds them. */
export function ActivityFiles({ activityId, files, canUpload }: ActivityFilesProps) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const saved = await uploadActivityFile(activityId, file);
      message.success(t('attachment.uploaded', { name: saved.fileName }));
    } catch (error) {
      handleApiError(error);
    } finally {
      setUploading(false);
      await queryClient.invalidateQueries({ queryKey: activityKey(activityId) });
    }
  };

  return (
    <Card
      title={t('activity.files.title')}
      size="small"
      data-testid="activity-files"
      extra={
        canUpload && (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            multiple
            disabled={uploading}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="activity-file-upload">
              {t(uploading ? 'attachment.uploading' : 'attachment.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {canUpload && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('activity.files.hint')}
          {t('attachment.hint')}
        </Typography.Paragraph>
      )}
      <Table<TActivityFile>
        size="small"
        rowKey="id"
        dataSource={files}
        pagination={files.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: t('activity.files.empty') }}
        scroll={{ x: 'max-content' }}
        data-testid="activity-file-table"
        columns={[
          {
            title: t('attachment.fileName'),
            dataIndex: 'fileName',
            render: (name: string, f) => (
              <a
                href={activityFileUrl(activityId, f.id)}
                target="_blank"
                rel="noopener"
                data-testid="activity-file-link"
              >
                <PaperClipOutlined /> {name}
              </a>
            ),
          },
          { title: t('attachment.type'), dataIndex: 'contentType', render: (type: string) => typeLabel(type) },
          { title: t('attachment.size'), dataIndex: 'size', render: (size: number) => formatSize(size) },
          {
            title: t('attachment.uploadedBy'),
            dataIndex: 'uploadedByName',
            render: (by: string | null) => by ?? '—',
          },
          { title: t('attachment.uploadedAt'), dataIndex: 'uploadedAt', render: (at: string) => formatDateTime(at) },
        ]}
      />
    </Card>
  );
}
