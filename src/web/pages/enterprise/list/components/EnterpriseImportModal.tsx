import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Result, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ENTERPRISE_IMPORT_MAX_ROWS, type TImportJob } from '../../../../../contracts/enterprise';
import { sheetContentType, uploadFile } from '../../../../components/attachment-files';
import { useLocale } from '../../../../i18n';
import { api } from '../../../../request';
import { handleApiError } from '../../../../request-error';

export const ENTERPRISE_TEMPLATE_URL = '/api/enterprise-import-template';
const POLL_MS = 500;

type RowError = TImportJob['errors'][number];
type Stage =
  | { kind: 'pick' }
  | { kind: 'uploading' }
  | { kind: 'running' | 'succeeded' | 'failed'; job: TImportJob }
  /** Polling failed: the job may still finish on the server. */
  | { kind: 'lost' };

/**
 * The file itself is the request body (not multipart). The server answers 202 with a job at once and imports in
 * the background; a refusal of the request itself (415, 403, 413) is thrown as an ApiError for the usual handling.
 */
function startImport(file: File): Promise<TImportJob> {
  return uploadFile<TImportJob>('/api/enterprises/import', file, sheetContentType(file));
}

export interface EnterpriseImportModalProps {
  open: boolean;
  onClose(): void;
  onImported(count: number): void;
}

/**
 * 批量导入外贸企业: choose a file, 开始导入, watch the job's progress (校验中 → 写入中), then either the count imported
 * or the row-by-row errors of a file that was refused whole. Closing the window while the job runs does not stop it:
 * the polling goes on and `onImported` still fires.
 */
export function EnterpriseImportModal({ open, onClose, onImported }: EnterpriseImportModalProps) {
  const { t } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  const runningId = stage.kind === 'running' ? stage.job.id : null;
  useEffect(() => {
    if (runningId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const job = await api.get<TImportJob>(`/api/import-jobs/${runningId}`);
        if (stopped) return;
        setStage({ kind: job.status, job });
        if (job.status === 'running') timer = setTimeout(poll, POLL_MS);
        else if (job.status === 'succeeded') onImportedRef.current(job.imported);
      } catch (error) {
        if (stopped) return;
        handleApiError(error);
        setStage({ kind: 'lost' });
      }
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runningId]);

  const start = async () => {
    if (!file) return;
    setStage({ kind: 'uploading' });
    try {
      setStage({ kind: 'running', job: await startImport(file) });
    } catch (error) {
      handleApiError(error);
      setStage({ kind: 'pick' });
    }
  };
  const reset = () => {
    setFile(null);
    setStage({ kind: 'pick' });
  };
  const busy = stage.kind === 'uploading' || stage.kind === 'running';
  const close = () => {
    // A running import keeps its state, so that reopening the window shows how far it got.
    if (!busy) reset();
    onClose();
  };

  const closeButton = (
    <Button key="close" onClick={close} data-testid="enterprise-import-close">
      {t('common.close')}
    </Button>
  );
  const footer =
    stage.kind === 'pick' || stage.kind === 'uploading'
      ? [
          <Button key="cancel" onClick={close} disabled={stage.kind === 'uploading'}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="start"
            type="primary"
            disabled={!file}
            loading={stage.kind === 'uploading'}
            onClick={() => void start()}
            data-testid="enterprise-import-start"
          >
            {t(stage.kind === 'uploading' ? 'enterprise.import.uploading' : 'enterprise.import.start')}
          </Button>,
        ]
      : stage.kind === 'failed' || stage.kind === 'lost'
        ? [
            <Button key="again" onClick={reset} data-testid="enterprise-import-again">
              {t('enterprise.import.again')}
            </Button>,
            closeButton,
          ]
        : [closeButton];

  return (
    <Modal
      open={open}
      title={t('enterprise.import.title')}
      onCancel={close}
      footer={footer}
      width={760}
      maskClosable={!busy}
      data-testid="enterprise-import-modal"
    >
      {(stage.kind === 'pick' || stage.kind === 'uploading') && (
        <>
          <Typography.Paragraph>
            {t('enterprise.import.intro', { max: ENTERPRISE_IMPORT_MAX_ROWS })}
          </Typography.Paragraph>
          <Typography.Paragraph>
            <Button
              type="link"
              icon={<DownloadOutlined />}
              href={ENTERPRISE_TEMPLATE_URL}
              style={{ paddingInline: 0 }}
              data-testid="enterprise-import-template"
            >
              {t('enterprise.import.template')}
            </Button>
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            disabled={stage.kind === 'uploading'}
            fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              setFile(chosen);
              return false;
            }}
            onRemove={() => setFile(null)}
            data-testid="enterprise-import-dragger"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('enterprise.import.drop')}</p>
            <p className="ant-upload-hint">{t('enterprise.import.dropHint')}</p>
          </Upload.Dragger>
        </>
      )}
      {stage.kind === 'running' && <JobProgress job={stage.job} />}
      {stage.kind === 'succeeded' && (
        <Result
          status="success"
          title={t('enterprise.import.succeeded')}
          subTitle={t('enterprise.import.succeededText', { n: stage.job.imported })}
          data-testid="enterprise-import-succeeded"
        />
      )}
      {stage.kind === 'failed' && <JobFailure job={stage.job} />}
      {stage.kind === 'lost' && <Alert type="warning" showIcon title={t('enterprise.import.lost')} />}
    </Modal>
  );
}

function JobProgress({ job }: { job: TImportJob }) {
  const { t } = useLocale();
  const phase = t(job.phase === 'writing' ? 'enterprise.import.phase.writing' : 'enterprise.import.phase.checking');
  const percent = job.total > 0 ? Math.floor((job.processed / job.total) * 100) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="enterprise-import-progress">
      <Typography.Text type="secondary">{t('enterprise.import.fileName', { name: job.fileName })}</Typography.Text>
      <Progress percent={percent} status="active" />
      <Typography.Text data-phase={job.phase}>
        {t('enterprise.import.progress', { phase, processed: job.processed, total: job.total })}
      </Typography.Text>
      <Typography.Text type="secondary">{t('enterprise.import.background')}</Typography.Text>
    </Space>
  );
}

/**
 * A failed job: one reason about the file as a whole (unreadable, empty, too many rows, interrupted by a server
 * restart) is said in the message itself; reasons about rows are listed in a table to correct the file by.
 */
function JobFailure({ job }: { job: TImportJob }) {
  const { t, labelOr } = useLocale();
  const [only] = job.errors;
  const wholeFile = job.errors.length === 1 && only?.row === 0;
  return (
    <div data-testid="enterprise-import-errors">
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('enterprise.import.failed')}
        description={wholeFile ? only.reason : t('enterprise.import.failedText')}
        data-testid="enterprise-import-failure"
      />
      {!wholeFile && (
        <Table<RowError>
          size="small"
          rowKey={(e) => `${e.row}-${e.field}-${e.reason}`}
          dataSource={job.errors}
          pagination={job.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          data-testid="enterprise-import-error-table"
          columns={[
            // Row 0 is the file as a whole (unreadable, empty, too many rows); row 1 is the header row.
            {
              title: t('enterprise.import.row'),
              dataIndex: 'row',
              width: 90,
              render: (row: number) => row || t('enterprise.import.wholeFile'),
            },
            {
              title: t('enterprise.import.field'),
              dataIndex: 'field',
              width: 170,
              render: (field: string) => labelOr(`enterprise.import.field.${field}`, field),
            },
            { title: t('enterprise.import.reason'), dataIndex: 'reason' },
          ]}
        />
      )}
    </div>
  );
}
