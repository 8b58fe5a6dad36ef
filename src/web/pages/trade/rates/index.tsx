import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { TExchangeRate, TRateImportResult } from '../../../../contracts/trade-intake';
import { useCan } from '../../../access';
import { sheetContentType, uploadFile } from '../../../components/attachment-files';
import { FilterBar } from '../../../components/FilterBar';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ApiError, api, exportUrl, type ListResponse } from '../../../request';
import { handleApiError } from '../../../request-error';
import { compact, useUrlListState } from '../../service/shared/url-list-state';
import { IssueTable } from '../shared/IssueTable';

type Filters = { year?: string; currency?: string };
const SPEC = { year: 'one', currency: 'one' } as const;
const RATES_KEY = ['trade', 'rates'] as const;

/** 月度汇率: the province's table of CNY per unit by month, exportable; the province imports it from a file. */
export function TradeRatesPage() {
  const { t } = useLocale();
  const can = useCan();
  const [form] = Form.useForm<Filters>();
  const list = useUrlListState<Filters>(SPEC);
  const [importing, setImporting] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refill the form when the address changes, not the form.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(list.filters);
  }, [list.search]);

  const rates = useQuery({
    queryKey: [...RATES_KEY, list.query],
    queryFn: () => api.get<ListResponse<TExchangeRate>>('/api/trade/rates', list.query),
    placeholderData: (previous) => previous,
  });
  const years = useMemo(() => {
    const now = new Date().getFullYear();
    return Array.from({ length: 6 }, (_, i) => String(now - i));
  }, []);

  return (
    <Card title={t('trade.rates.title')}>
      <Typography.Paragraph type="secondary">{t('trade.rates.basis')}</Typography.Paragraph>
      <FilterBar<Filters>
        form={form}
        onSearch={(values) => list.applyFilters(compact(values))}
        exportHref={exportUrl('/api/trade/rates', list.query)}
        actions={
          can('trade.rates') && (
            <Button
              type="primary"
              icon={<UploadOutlined />}
              onClick={() => setImporting(true)}
              data-testid="rates-import"
            >
              {t('trade.rates.import')}
            </Button>
          )
        }
      >
        <Form.Item name="year" label={t('trade.field.year')}>
          <Select allowClear style={{ width: 100 }} options={years.map((y) => ({ value: y, label: y }))} />
        </Form.Item>
        <Form.Item name="currency" label={t('trade.rates.currency')}>
          <Select
            allowClear
            style={{ width: 100 }}
            options={['USD', 'EUR', 'JPY', 'HKD', 'GBP', 'KRW', 'AUD', 'CAD', 'SGD', 'RUB'].map((c) => ({
              value: c,
              label: c,
            }))}
          />
        </Form.Item>
      </FilterBar>
      <Table<TExchangeRate>
        rowKey={(r) => `${r.month}-${r.currency}`}
        size="middle"
        data-testid="rates-table"
        loading={rates.isFetching}
        dataSource={rates.data?.items}
        pagination={list.pagination(rates.data)}
        onChange={list.onTableChange}
        scroll={{ x: 520 }}
        columns={[
          { title: t('trade.rates.month'), dataIndex: 'month', width: 100 },
          { title: t('trade.rates.currency'), dataIndex: 'currency', width: 80 },
          { title: t('trade.rates.cnyPerUnit'), dataIndex: 'cnyPerUnit', width: 180, align: 'right' },
          { title: t('trade.rates.setAt'), dataIndex: 'setAt', width: 160, render: (at: string) => formatDateTime(at) },
        ]}
      />
      <RatesImportModal open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}

function RatesImportModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<TRateImportResult | null>(null);
  const [issues, setIssues] = useState<{ row: number; field: string; reason: string }[] | null>(null);
  const close = () => {
    setFile(null);
    setDone(null);
    setIssues(null);
    onClose();
  };
  const start = async () => {
    if (!file) return;
    setBusy(true);
    setIssues(null);
    try {
      setDone(await uploadFile<TRateImportResult>('/api/trade/rates', file, sheetContentType(file)));
      void queryClient.invalidateQueries({ queryKey: RATES_KEY });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'IMPORT_REJECTED')
        setIssues((error.details?.errors as { row: number; field: string; reason: string }[]) ?? []);
      else handleApiError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('trade.rates.importTitle')}
      onCancel={close}
      width={680}
      footer={[
        <Button key="close" onClick={close}>
          {t('common.close')}
        </Button>,
        !done && (
          <Button
            key="start"
            type="primary"
            disabled={!file}
            loading={busy}
            onClick={() => void start()}
            data-testid="rates-import-start"
          >
            {t('trade.upload.start')}
          </Button>
        ),
      ]}
    >
      <Typography.Paragraph>{t('trade.rates.importIntro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href="/api/trade/rates/template">
          {t('trade.rates.template')}
        </Button>
      </Space>
      {done ? (
        <Alert type="success" showIcon title={t('trade.rates.imported', done)} data-testid="rates-imported" />
      ) : (
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={file ? [{ uid: 'chosen', name: file.name, size: file.size, status: 'done' }] : []}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setIssues(null);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('trade.upload.drop')}</p>
        </Upload.Dragger>
      )}
      {issues && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('trade.upload.failed')}
            description={t('trade.upload.failedText')}
          />
          <IssueTable
            issues={issues.map((e) => ({ index: 0, row: e.row, column: e.field, field: e.field, reason: e.reason }))}
          />
        </div>
      )}
    </Modal>
  );
}
