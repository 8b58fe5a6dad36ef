import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TMatchingFund } from '../../../../contracts/funding-entitlement';
import { useCan, useMe } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDate, formatFen, todayInBeijing } from '../../../lib/format';
import { api, type ListResponse } from '../../../request';
import { errorMessage, showFieldErrors } from '../../../request-error';
import { useMatchingFunds, useRecordMatchingFund } from './funding-api';

/**
 * 配套资金 (Art. 11): what the city and the county gave a centre of their own, beside the province's entitlement. A city
 * records the city's, a county the county's; everyone in scope reads them.
 */
export function MatchingFundsCard({ year }: { year: number | undefined }) {
  const { t, locale } = useLocale();
  const can = useCan();
  const wide = Grid.useBreakpoint().md !== false;
  const [open, setOpen] = useState(false);
  const list = useMatchingFunds({ year, pageSize: 100 });
  const columns: TableColumnsType<TMatchingFund> = [
    {
      title: t('funding.matching.centre'),
      dataIndex: 'centreName',
      width: 240,
      render: (name: string, r) => (
        <>
          {name}
          {!wide && (
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }}>
              {t(`funding.matching.source.${r.source}`)} · {r.documentNumber} · {formatDate(r.grantedOn, locale)}
            </div>
          )}
        </>
      ),
    },
    { title: t('funding.year'), dataIndex: 'year', width: 70 },
    {
      title: t('funding.matching.source'),
      dataIndex: 'source',
      width: 90,
      render: (s: TMatchingFund['source']) => t(`funding.matching.source.${s}`),
    },
    {
      title: t('funding.matching.amount'),
      dataIndex: 'amountFen',
      width: 130,
      align: 'right',
      render: (f: number) => formatFen(f, locale),
    },
    { title: t('funding.matching.documentNumber'), dataIndex: 'documentNumber', width: 200 },
    {
      title: t('funding.matching.grantedOn'),
      dataIndex: 'grantedOn',
      width: 130,
      render: (d: string) => formatDate(d, locale),
    },
  ];
  const shown = wide
    ? columns
    : columns.filter((c) => 'dataIndex' in c && (c.dataIndex === 'centreName' || c.dataIndex === 'amountFen'));
  return (
    <Card
      title={t('funding.matching.title')}
      size="small"
      data-testid="matching-funds"
      extra={
        can('funding.recordMatching') ? (
          <Button icon={<PlusOutlined />} size="small" onClick={() => setOpen(true)} data-testid="matching-record">
            {t('funding.matching.record')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('funding.matching.hint')}
      </Typography.Paragraph>
      <Table<TMatchingFund>
        rowKey="id"
        size="small"
        loading={list.isPending}
        columns={shown}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('funding.matching.none') }}
        scroll={wide ? { x: 860 } : undefined}
        pagination={false}
      />
      {open && <MatchingFundModal defaultYear={year} onClose={() => setOpen(false)} />}
    </Card>
  );
}

interface FormValues {
  centreId: number;
  year: number;
  amountYuan: number;
  documentNumber: string;
  grantedOn: Dayjs;
  note?: string;
}

function MatchingFundModal({ defaultYear, onClose }: { defaultYear: number | undefined; onClose: () => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<FormValues>();
  const record = useRecordMatchingFund();
  const source = me.user.role === 'county' ? 'county' : 'city';
  const centres = useQuery({
    queryKey: ['centres', 'for-matching'],
    queryFn: () => api.get<ListResponse<{ id: number; name: string }>>('/api/centres', { pageSize: 200 }),
  });
  const thisYear = Number(todayInBeijing().slice(0, 4));
  return (
    <Modal
      open
      title={t('funding.matching.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: record.isPending, 'data-testid': 'matching-submit' } as ButtonProps}
      destroyOnHidden
    >
      {record.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(record.error)} />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ year: defaultYear ?? thisYear }}
        onFinish={(v) =>
          record.mutate(
            {
              centreId: v.centreId,
              year: v.year,
              source,
              // 元 with up to two decimals, kept as whole fen.
              amountFen: Math.round(v.amountYuan * 100),
              documentNumber: v.documentNumber.trim(),
              grantedOn: v.grantedOn.format('YYYY-MM-DD'),
              note: v.note?.trim() || undefined,
            },
            {
              onSuccess: () => {
                message.success(t('funding.matching.saved'));
                onClose();
              },
              onError: (e) => showFieldErrors(form, e),
            },
          )
        }
      >
        <Form.Item name="centreId" label={t('funding.matching.centre')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={centres.isPending}
            options={(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="matching-centre"
          />
        </Form.Item>
        <Form.Item name="year" label={t('funding.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={thisYear + 1} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('funding.matching.amount')} rules={[{ required: true }]}>
          <InputNumber
            min={0.01}
            max={21_474_836}
            precision={2}
            style={{ width: '100%' }}
            data-testid="matching-amount"
          />
        </Form.Item>
        <Form.Item
          name="documentNumber"
          label={t('funding.matching.documentNumber')}
          rules={[{ required: true, min: 2, whitespace: true }]}
        >
          <Input maxLength={80} data-testid="matching-document" />
        </Form.Item>
        <Form.Item name="grantedOn" label={t('funding.matching.grantedOn')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(todayInBeijing()), 'day')}
            data-testid="matching-granted"
          />
        </Form.Item>
        <Form.Item name="note" label={t('funding.matching.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
