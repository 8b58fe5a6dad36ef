import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Result, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { TTradeImportJob } from '../../../../../contracts/trade-intake';
import { sheetContentType, uploadFile } from '../../../../components/attachment-files';
import { useT } from '../../../../i18n';
import { api } from '../../../../request';
import { handleApiError } from '../../../../request-error';
import { IssueTable } from '../../shared/IssueTable';

const POLL_MS = 500;
type Stage =
  | { kind: 'pick' }
  | { kind: 'uploading' }
  | { kind: 'running' | 'succeeded' | 'failed'; job: TTradeImportJob }
  | { kind: 'lost' };

/**
 * 上传报关单: choose a file, start, watch the job (校验中 → 写入中), then the counts (new, duplicates) or the
 * row-by-row report of a file refused whole. Closing the window does not stop the job; `onDone` still fires.
 */
export function TradeImportModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;

  const runningId = stage.kind === 'running' ? stage.job.id : null;
  useEffect(() => {
    if (runningId === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const job = await api.get<TTradeImportJob>(`/api/trade/imports/${runningId}`);
        if (stopped) return;
        setStage({ kind: job.status, job });
        if (job.status === 'running') timer = setTimeout(poll, POLL_MS);
        else onDoneRef.current();
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
      setStage({
        kind: 'running',
        job: await uploadFile<TTradeImportJob>('/api/trade/imports', file, sheetContentType(file)),
      });
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
    if (!busy) reset();
    onClose();
  };
  const closeButton = (
    <Button key="close" onClick={close} data-testid="trade-import-close">
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
            data-testid="trade-import-start"
          >
            {t(stage.kind === 'uploading' ? 'trade.upload.uploading' : 'trade.upload.start')}
          </Button>,
        ]
      : stage.kind === 'failed' || stage.kind === 'lost'
        ? [
            <Button key="again" onClick={reset} data-testid="trade-import-again">
              {t('trade.upload.again')}
            </Button>,
            closeButton,
          ]
        : [closeButton];

  return (
    <Modal
      open={open}
      title={t('trade.upload.title')}
      onCancel={close}
      footer={footer}
      width={760}
      maskClosable={!busy}
      data-testid="trade-import-modal"
    >
      {(stage.kind === 'pick' || stage.kind === 'uploading') && (
        <>
          <Typography.Paragraph>{t('trade.upload.intro')}</Typography.Paragraph>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button icon={<DownloadOutlined />} href="/api/trade/template" data-testid="trade-template-xlsx">
              {t('trade.upload.templateXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} href="/api/trade/template?format=csv" data-testid="trade-template-csv">
              {t('trade.upload.templateCsv')}
            </Button>
          </Space>
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
            data-testid="trade-import-dragger"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('trade.upload.drop')}</p>
            <p className="ant-upload-hint">{t('trade.upload.dropHint')}</p>
          </Upload.Dragger>
        </>
      )}
      {stage.kind === 'running' && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="trade-import-progress">
          <Typography.Text type="secondary">{stage.job.fileName}</Typography.Text>
          <Progress
            percent={
              stage.job.phase === 'writing'
                ? 90
                : stage.job.total > 0
                  ? 10 + Math.floor((stage.job.processed / stage.job.total) * 80)
                  : 5
            }
            status="active"
          />
          <Typography.Text data-phase={stage.job.phase}>
            {t('trade.upload.progress', {
              phase: t(stage.job.phase === 'writing' ? 'trade.upload.phase.writing' : 'trade.upload.phase.checking'),
              processed: stage.job.processed,
              total: stage.job.total,
            })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('trade.upload.background')}</Typography.Text>
        </Space>
      )}
      {stage.kind === 'succeeded' && (
        <Result
          status="success"
          title={t('trade.upload.succeeded')}
          subTitle={t('trade.upload.succeededText', {
            declarations: stage.job.intake?.declarations ?? stage.job.imported,
            lines: stage.job.intake?.lines ?? 0,
            duplicates: stage.job.intake?.duplicates ?? 0,
          })}
          data-testid="trade-import-succeeded"
        />
      )}
      {stage.kind === 'failed' && (
        <div data-testid="trade-import-errors">
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('trade.upload.failed')}
            description={t('trade.upload.failedText')}
          />
          <IssueTable issues={stage.job.issues} />
        </div>
      )}
      {stage.kind === 'lost' && <Alert type="warning" showIcon title={t('trade.upload.lost')} />}
    </Modal>
  );
}
