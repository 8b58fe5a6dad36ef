import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Spin, Table, Upload } from 'antd';
import { useState } from 'react';
import type { TImportRowError } from '../../../../../../contracts/staff';
import { useLocale } from '../../../../../i18n';
import { handleApiError } from '../../../../../request-error';
import { CENTRES_KEY } from '../../../shared/queries';
import { importStaff, STAFF_TEMPLATE_URL } from './staff-api';

interface Rejection {
  message: string;
  errors: TImportRowError[];
}

/** 导入 an .xlsx/.csv roster (all rows or none) and 下载模板; a refused file lists its bad rows in a modal. */
export function StaffImport({ centreId }: { centreId: number }) {
  const { t, labelOr } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const [rejection, setRejection] = useState<Rejection | null>(null);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const outcome = await importStaff(centreId, file);
      if (outcome.ok) {
        message.success(t('staff.import.done', { n: outcome.imported }));
        void queryClient.invalidateQueries({ queryKey: [...CENTRES_KEY, 'detail', centreId] });
      } else {
        setRejection({ message: outcome.message, errors: outcome.errors });
      }
    } catch (error) {
      handleApiError(error);
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <Upload
        accept=".xlsx,.csv"
        showUploadList={false}
        disabled={uploading}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading} data-testid="staff-import">
          {t(uploading ? 'staff.import.uploading' : 'staff.import')}
        </Button>
      </Upload>
      <Button type="link" icon={<DownloadOutlined />} href={STAFF_TEMPLATE_URL} data-testid="staff-template">
        {t('staff.import.template')}
      </Button>
      {uploading && <Spin size="small" data-testid="staff-import-progress" />}
      {rejection && (
        <Modal
          open
          title={t('staff.import.rejectedTitle')}
          onCancel={() => setRejection(null)}
          footer={<Button onClick={() => setRejection(null)}>{t('common.close')}</Button>}
          width={680}
        >
          <div data-testid="staff-import-errors">
            <Alert type="error" showIcon style={{ marginBottom: 16 }} title={rejection.message} />
            <Table<TImportRowError>
              size="small"
              rowKey={(e) => `${e.row}-${e.field}-${e.reason}`}
              dataSource={rejection.errors}
              pagination={rejection.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              data-testid="staff-import-error-table"
              columns={[
                // Row 0 is the file as a whole (empty, too many rows); row 1 is the header row.
                { title: t('staff.import.row'), dataIndex: 'row', width: 80, render: (row: number) => row || '—' },
                {
                  title: t('staff.import.field'),
                  dataIndex: 'field',
                  width: 180,
                  render: (field: string) => labelOr(`staff.field.${field}`, field),
                },
                { title: t('staff.import.reason'), dataIndex: 'reason' },
              ]}
            />
          </div>
        </Modal>
      )}
    </>
  );
}
