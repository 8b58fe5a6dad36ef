import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  EXCHANGE_KIND_INFO,
  INBOUND_KINDS,
  type TExchangeIssue,
  type TExchangeRun,
  type TExchangeSystem,
} from '../../../../contracts/exchange';
import { useLocale } from '../../../i18n';
import { ApiError } from '../../../request';
import { handleApiError } from '../../../request-error';
import { EXCHANGE_KEY, sendInbound, summaryText } from '../exchange-api';

const ACCEPT: Record<string, string> = {
  sw_declarations_xml: '.xml',
  sw_declarations_xlsx: '.xlsx',
  sw_filing_status: '.xml',
  szt_rebate_status: '.json',
  cmt_trade_data: '.json',
};

type Outcome = { kind: 'done'; run: TExchangeRun } | { kind: 'refused'; issues: TExchangeIssue[] } | null;

/** 接收文件: choose what the file holds, pick it, send it; then what it did, or every place that must be corrected. */
export function InboundModal({ system, onClose }: { system: TExchangeSystem | null; onClose(): void }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const kinds = INBOUND_KINDS.filter((k) => EXCHANGE_KIND_INFO[k].system === system);
  const [kind, setKind] = useState<(typeof kinds)[number] | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const chosenKind = kind && kinds.includes(kind) ? kind : (kinds[0] ?? null);

  const close = () => {
    setFile(null);
    setKind(null);
    setOutcome(null);
    onClose();
  };
  const send = async () => {
    if (!file || !chosenKind) return;
    setBusy(true);
    try {
      const run = await sendInbound(chosenKind, file);
      setOutcome({ kind: 'done', run });
      setFile(null);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'EXCHANGE_FILE_REJECTED')
        setOutcome({ kind: 'refused', issues: (error.details?.issues as TExchangeIssue[]) ?? [] });
      else handleApiError(error);
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: EXCHANGE_KEY });
    }
  };

  return (
    <Modal
      open={system !== null}
      title={system ? t('exchange.inbound.title', { system: t(`exchange.system.${system}`) }) : ''}
      onCancel={close}
      width={720}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} disabled={!file} onClick={send} data-testid="exchange-inbound-submit">
            {t('exchange.inbound.submit')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <div>
          <Typography.Text strong>{t('exchange.inbound.kind')}</Typography.Text>
          <div>
            <Radio.Group
              value={chosenKind}
              onChange={(e) => setKind(e.target.value)}
              data-testid="exchange-inbound-kind"
            >
              {kinds.map((k) => (
                <Radio key={k} value={k}>
                  {t(`exchange.kind.${k}`)}
                </Radio>
              ))}
            </Radio.Group>
          </div>
        </div>
        <Upload.Dragger
          accept={chosenKind ? ACCEPT[chosenKind] : undefined}
          maxCount={1}
          fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setOutcome(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          data-testid="exchange-inbound-dragger"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('exchange.inbound.pick')}</p>
          <p className="ant-upload-hint">{t('exchange.inbound.formatHelp')}</p>
        </Upload.Dragger>
        {outcome?.kind === 'done' && (
          <Alert
            type="success"
            showIcon
            message={t('exchange.inbound.done', { summary: summaryText(t, outcome.run.summary) })}
          />
        )}
        {outcome?.kind === 'refused' && (
          <>
            <Alert type="error" showIcon message={t('exchange.inbound.refused')} />
            <IssueTable issues={outcome.issues} />
          </>
        )}
      </Space>
    </Modal>
  );
}

export function IssueTable({ issues }: { issues: TExchangeIssue[] }) {
  const { t } = useLocale();
  return (
    <Table<TExchangeIssue>
      size="small"
      rowKey={(_, i) => String(i)}
      pagination={issues.length > 10 ? { pageSize: 10, size: 'small' } : false}
      dataSource={issues}
      data-testid="exchange-issues"
      tableLayout="fixed"
      columns={[
        {
          title: t('exchange.issue.where'),
          dataIndex: 'where',
          width: '40%',
          render: (w: string) => <code style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}>{w}</code>,
        },
        { title: t('exchange.issue.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}
