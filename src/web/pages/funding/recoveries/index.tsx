import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TRecoveryStatus } from '../../../../contracts/funding';
import type { TRecovery } from '../../../../contracts/funding-payments';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDate, formatFen, yuanToFen } from '../../../lib/format';
import { rowTestId } from '../../../lib/list-state';
import { exportUrl } from '../../../request';
import { errorMessage } from '../../../request-error';
import { useRecordRecovery, useRecoveries } from '../shared/payments-api';

const PAGE_SIZE = 20;
const STATUS_COLOURS: Record<TRecoveryStatus, string> = { due: 'red', partly_recovered: 'orange', recovered: 'green' };

/**
 * 追回清单 (Art. 14 "追回已拨付资金"): every payment a sanction listed for recovery, what came back and what remains;
 * the province or the city of the row records a sum received (登记追回). .xlsx export.
 */
export function RecoveriesPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const wide = Grid.useBreakpoint().md !== false;
  const [status, setStatus] = useState<TRecoveryStatus | undefined>();
  const [page, setPage] = useState(1);
  const [receiving, setReceiving] = useState<TRecovery | null>(null);
  const list = useRecoveries({ status, page, pageSize: PAGE_SIZE });

  const columns: TableColumnsType<TRecovery> = [
    {
      title: t('funding.recovery.operator'),
      key: 'operator',
      width: 260,
      render: (_, r) => (
        <>
          <Link to={`/operators/${r.operatorId}`}>{r.operatorName}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`funding.recovery.kind.${r.sanctionKind}`)} · {r.letterNumber}
            </Typography.Text>
          </div>
          {!wide && (
            <div style={{ marginTop: 4 }}>
              <Tag color={STATUS_COLOURS[r.status]}>{t(`funding.recovery.status.${r.status}`)}</Tag>
              {t('funding.recovery.remainingOf', {
                remaining: formatFen(r.remainingFen, locale),
                due: formatFen(r.dueFen, locale),
              })}
            </div>
          )}
        </>
      ),
    },
    {
      title: t('funding.col.centre'),
      key: 'centre',
      width: 220,
      render: (_, r) => (
        <>
          {r.centreName}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.cityName} · {t('funding.recovery.yearPaid', { year: r.year })}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('funding.recovery.due'),
      dataIndex: 'dueFen',
      width: 120,
      align: 'right',
      render: (f: number) => formatFen(f, locale),
    },
    {
      title: t('funding.recovery.recovered'),
      key: 'recovered',
      width: 200,
      render: (_, r) => (
        <>
          <div style={{ textAlign: 'right' }}>{formatFen(r.recoveredFen, locale)}</div>
          {r.receipts.map((x) => (
            <div key={`${x.voucherNumber}-${x.receivedOn}-${x.amountFen}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDate(x.receivedOn, locale)} · {x.voucherNumber} · {formatFen(x.amountFen, locale)}
              </Typography.Text>
            </div>
          ))}
        </>
      ),
    },
    {
      title: t('funding.col.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: TRecoveryStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`funding.recovery.status.${s}`)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, r) =>
        r.status !== 'recovered' && can('funding.recordRecovery') ? (
          <Button size="small" type="primary" onClick={() => setReceiving(r)} data-testid="record-recovery">
            {t('funding.recovery.record')}
          </Button>
        ) : null,
    },
  ];
  const shown = wide ? columns : columns.filter((c) => c.key === 'operator' || c.key === 'actions');

  return (
    <Card title={t('funding.recovery.title')} data-testid="recoveries-page">
      <Typography.Paragraph type="secondary">{t('funding.recovery.hint')}</Typography.Paragraph>
      <Space wrap size={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('funding.col.status')}
          aria-label={t('funding.col.status')}
          style={{ width: 140 }}
          value={status}
          options={(['due', 'partly_recovered', 'recovered'] as const).map((s) => ({
            value: s,
            label: t(`funding.recovery.status.${s}`),
          }))}
          onChange={(s?: TRecoveryStatus) => {
            setPage(1);
            setStatus(s);
          }}
        />
        <Button
          icon={<DownloadOutlined />}
          href={exportUrl('/api/funding/recoveries', { status })}
          data-testid="export-xlsx"
        >
          {t('common.export')}
        </Button>
      </Space>
      <Table<TRecovery>
        rowKey="id"
        size="small"
        data-testid="recoveries-table"
        loading={list.isPending}
        columns={shown}
        dataSource={list.data?.items ?? []}
        onRow={rowTestId('recovery-row')}
        locale={{ emptyText: t('funding.recovery.none') }}
        scroll={wide ? { x: 1030 } : undefined}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
      />
      {receiving && <RecoveryReceiptModal recovery={receiving} onClose={() => setReceiving(null)} />}
    </Card>
  );
}

function RecoveryReceiptModal({ recovery, onClose }: { recovery: TRecovery; onClose: () => void }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amountYuan: number; receivedOn: Dayjs; voucherNumber: string }>();
  const record = useRecordRecovery();
  return (
    <Modal
      open
      title={t('funding.recovery.recordTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('funding.recovery.record')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {recovery.operatorName} ·{' '}
        {t('funding.recovery.remainingOf', {
          remaining: formatFen(recovery.remainingFen, locale),
          due: formatFen(recovery.dueFen, locale),
        })}
      </Typography.Paragraph>
      {record.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(record.error)} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ receivedOn: dayjs(), amountYuan: recovery.remainingFen / 100 }}
        onFinish={(v) =>
          record.mutate(
            {
              id: recovery.id,
              version: recovery.version,
              amountFen: yuanToFen(v.amountYuan),
              receivedOn: v.receivedOn.format('YYYY-MM-DD'),
              voucherNumber: v.voucherNumber.trim(),
            },
            {
              onSuccess: () => {
                message.success(t('funding.recovery.recorded'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="amountYuan"
          label={t('funding.payment.amountYuan')}
          rules={[{ required: true, message: t('common.required', { field: t('funding.payment.amountYuan') }) }]}
        >
          <InputNumber min={0.01} max={recovery.remainingFen / 100} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="receivedOn"
          label={t('funding.recovery.receivedOn')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('funding.recovery.receivedOn') }) }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="voucherNumber"
          label={t('funding.recovery.voucherNumber')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              message: t('common.required', { field: t('funding.recovery.voucherNumber') }),
            },
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
