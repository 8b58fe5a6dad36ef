import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Grid, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TPaymentStatus } from '../../../../contracts/funding';
import type { TPayment } from '../../../../contracts/funding-payments';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatDate, formatFen } from '../../../lib/format';
import { rowTestId } from '../../../lib/list-state';
import { api, exportUrl, type ListResponse } from '../../../request';
import { usePayments } from '../shared/payments-api';
import { CancelPaymentModal } from './components/CancelPaymentModal';
import { ConfirmPaymentModal } from './components/ConfirmPaymentModal';
import { RecordPaymentModal } from './components/RecordPaymentModal';

const PAGE_SIZE = 20;
const STATUS_COLOURS: Record<TPaymentStatus, string> = { recorded: 'gold', confirmed: 'green', cancelled: 'default' };
const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => THIS_YEAR - i);

/**
 * 拨付管理 (Art. 11 "由各市州商务局商财政局拨付给承办企业"): the city records a payment against a due entitlement and
 * another official of the city confirms it with the finance bureau's voucher (待复核). The recorder sees its own
 * payment waiting for someone else. Officials above and below read their region's payments; .xlsx export.
 */
export function PaymentsPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const fixed = useFixedColumn();
  const wide = Grid.useBreakpoint().md !== false;
  const [filters, setFilters] = useState<{ year?: number; centreId?: number; status?: TPaymentStatus }>({});
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const [confirming, setConfirming] = useState<TPayment | null>(null);
  const [cancelling, setCancelling] = useState<TPayment | null>(null);
  const mayConfirm = can('funding.confirmPayment');
  const mayRecord = can('funding.recordPayment');
  const queue = usePayments({ status: 'recorded', pageSize: 50 });
  const list = usePayments({ ...filters, page, pageSize: PAGE_SIZE });
  const centres = useQuery({
    queryKey: ['centres', 'options'],
    queryFn: () => api.get<ListResponse<{ id: number; name: string }>>('/api/centres', { pageSize: 200 }),
  });

  const statusCell = (p: TPayment) => (
    <Space orientation="vertical" size={2}>
      <Tag color={STATUS_COLOURS[p.status]}>{t(`funding.payment.status.${p.status}`)}</Tag>
      {p.status === 'recorded' && p.recordedByMe && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="waiting-other">
          {t('funding.payment.waitingOther')}
        </Typography.Text>
      )}
    </Space>
  );
  const actions = (p: TPayment) =>
    p.status !== 'recorded' ? null : (
      <Space size={4} wrap>
        {mayConfirm && !p.recordedByMe && (
          <Button size="small" type="primary" onClick={() => setConfirming(p)} data-testid="confirm-payment">
            {t('funding.payment.confirm')}
          </Button>
        )}
        {mayRecord && (
          <Button size="small" danger onClick={() => setCancelling(p)} data-testid="cancel-payment">
            {t('funding.payment.cancel')}
          </Button>
        )}
      </Space>
    );

  const columns: TableColumnsType<TPayment> = [
    { title: t('funding.col.year'), dataIndex: 'year', width: 60 },
    {
      title: t('funding.col.centre'),
      key: 'centre',
      width: 220,
      fixed: fixed('left'),
      render: (_, p) => (
        <>
          <Link to={`/centres/${p.centreId}`}>{p.centreName}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.cityName} · {p.countyName}
            </Typography.Text>
          </div>
          {!wide && (
            <div style={{ marginTop: 4 }}>
              {formatFen(p.amountFen, locale)} · {statusCell(p)}
            </div>
          )}
        </>
      ),
    },
    { title: t('funding.col.operator'), dataIndex: 'operatorName', width: 180 },
    {
      title: t('funding.col.amount'),
      dataIndex: 'amountFen',
      width: 100,
      align: 'right',
      render: (f: number) => formatFen(f, locale),
    },
    { title: t('funding.payment.paidOn'), dataIndex: 'paidOn', width: 120, render: (d) => formatDate(d, locale) },
    { title: t('funding.col.status'), key: 'status', width: 120, render: (_, p) => statusCell(p) },
    {
      title: t('funding.col.recordedBy'),
      key: 'people',
      width: 200,
      render: (_, p) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {t('funding.payment.recordedBy', { name: p.recordedByName ?? '—' })}
          {p.confirmedByName && (
            <>
              <br />
              {t('funding.payment.confirmedBy', { name: p.confirmedByName })}
              <br />
              {t('funding.payment.voucher', {
                number: p.voucherNumber ?? '—',
                date: formatDate(p.voucherDate, locale),
              })}
            </>
          )}
        </Typography.Text>
      ),
    },
    { title: t('common.actions'), key: 'actions', width: 110, render: (_, p) => actions(p) },
  ];
  const shown = wide ? columns : columns.filter((c) => c.key === 'centre' || c.key === 'actions');
  const queueItems = (queue.data?.items ?? []).filter((p) => mayConfirm || p.recordedByMe);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="payments-page">
      {(mayConfirm || mayRecord) && (
        <Card title={t('funding.payment.queueTitle')} size="small" data-testid="payment-queue">
          <Typography.Paragraph type="secondary">{t('funding.payment.queueHint')}</Typography.Paragraph>
          <Table<TPayment>
            rowKey="id"
            size="small"
            loading={queue.isPending}
            columns={shown}
            dataSource={queueItems}
            pagination={false}
            onRow={rowTestId('queue-row')}
            locale={{ emptyText: t('funding.payment.queueEmpty') }}
            scroll={wide ? { x: 1110 } : undefined}
          />
        </Card>
      )}
      <Card
        title={t('funding.payment.title')}
        extra={
          mayRecord && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRecording(true)}
              data-testid="record-payment"
            >
              {t('funding.payment.record')}
            </Button>
          )
        }
      >
        <Space wrap size={8} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('funding.col.year')}
            aria-label={t('funding.col.year')}
            style={{ width: 110 }}
            value={filters.year}
            options={YEARS.map((y) => ({ value: y, label: locale === 'en' ? `${y}` : `${y}年度` }))}
            onChange={(year?: number) => {
              setPage(1);
              setFilters((f) => ({ ...f, year }));
            }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('funding.col.centre')}
            aria-label={t('funding.col.centre')}
            style={{ width: 240 }}
            value={filters.centreId}
            options={(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            onChange={(centreId?: number) => {
              setPage(1);
              setFilters((f) => ({ ...f, centreId }));
            }}
          />
          <Select
            allowClear
            placeholder={t('funding.col.status')}
            aria-label={t('funding.col.status')}
            style={{ width: 130 }}
            value={filters.status}
            options={(['recorded', 'confirmed', 'cancelled'] as const).map((s) => ({
              value: s,
              label: t(`funding.payment.status.${s}`),
            }))}
            onChange={(status?: TPaymentStatus) => {
              setPage(1);
              setFilters((f) => ({ ...f, status }));
            }}
          />
          <Button
            icon={<DownloadOutlined />}
            href={exportUrl('/api/funding/payments', filters)}
            data-testid="export-xlsx"
          >
            {t('common.export')}
          </Button>
        </Space>
        <Table<TPayment>
          rowKey="id"
          size="small"
          data-testid="payments-table"
          loading={list.isPending}
          columns={shown}
          dataSource={list.data?.items ?? []}
          onRow={rowTestId('payment-row')}
          locale={{ emptyText: t('funding.payment.none') }}
          scroll={wide ? { x: 1110 } : undefined}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
        />
      </Card>
      {recording && <RecordPaymentModal onClose={() => setRecording(false)} />}
      {confirming && <ConfirmPaymentModal payment={confirming} onClose={() => setConfirming(null)} />}
      {cancelling && <CancelPaymentModal payment={cancelling} onClose={() => setCancelling(null)} />}
    </Space>
  );
}
