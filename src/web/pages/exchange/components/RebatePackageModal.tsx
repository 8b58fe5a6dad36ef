import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { TExchangeRun } from '../../../../contracts/exchange';
import type { TServiceRecord } from '../../../../contracts/service-record';
import { useLocale } from '../../../i18n';
import { api, type ListResponse } from '../../../request';
import { handleApiError, showFieldErrors } from '../../../request-error';
import { EXCHANGE_KEY } from '../exchange-api';

interface PackageForm {
  recordId?: number;
  period?: [Dayjs | null, Dayjs | null];
  invoices?: { number?: string; date?: Dayjs | null; amount?: string }[];
  format: 'json' | 'zip';
}

/** 生成数智通退税申报包 (Art. 5(六)): a 退税服务 record, the months of its export declarations, the export invoices. */
export function RebatePackageModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PackageForm>();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const records = useQuery({
    queryKey: ['service-records', 'tax-refund-pick', q],
    queryFn: () =>
      api.get<ListResponse<TServiceRecord>>('/api/service-records', {
        category: 'tax_refund',
        q: q || undefined,
        pageSize: 20,
      }),
    enabled: open,
    placeholderData: (previous) => previous,
  });
  const produce = useMutation({
    mutationFn: (v: PackageForm) =>
      api.post<TExchangeRun>('/api/exchange/outbound', {
        kind: 'szt_rebate_package',
        recordId: v.recordId,
        fromMonth: v.period?.[0]?.format('YYYY-MM'),
        toMonth: v.period?.[1]?.format('YYYY-MM'),
        format: v.format,
        invoices: (v.invoices ?? []).map((i) => ({
          number: i.number,
          date: i.date?.format('YYYY-MM-DD'),
          amount: i.amount,
        })),
      }),
    onSuccess: (run) => {
      message.success(t('exchange.produced', { name: run.outputFileName ?? '' }));
      void queryClient.invalidateQueries({ queryKey: EXCHANGE_KEY });
      window.location.assign(`/api/exchange/runs/${run.id}/output`);
      form.resetFields();
      onClose();
    },
    onError: (error) => {
      if (!showFieldErrors(form, error)) handleApiError(error);
    },
  });

  return (
    <Modal
      open={open}
      title={t('exchange.package.title')}
      onCancel={onClose}
      okText={t('exchange.package.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={produce.isPending}
      onOk={() => form.submit()}
      width={680}
      destroyOnHidden
    >
      <Form<PackageForm>
        form={form}
        initialValues={{ format: 'json' }}
        layout="vertical"
        onFinish={(v) => produce.mutate(v)}
        data-testid="exchange-package-form"
      >
        <Form.Item name="recordId" label={t('exchange.package.record')} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t('exchange.package.recordPlaceholder')}
            notFoundContent={records.isFetching ? <Spin size="small" /> : undefined}
            options={(records.data?.items ?? []).map((r) => ({
              value: r.id,
              label: `${r.number} · ${r.enterpriseName}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="period" label={t('exchange.package.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.List name="invoices">
          {(fields, { add, remove }) => (
            <Form.Item label={t('exchange.package.invoices')}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'number']} rules={[{ required: true }]}>
                    <Input placeholder={t('exchange.package.invoiceNumber')} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'date']} rules={[{ required: true }]}>
                    <DatePicker placeholder={t('exchange.package.invoiceDate')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} rules={[{ required: true, pattern: /^\d{1,14}(\.\d{1,2})?$/ }]}>
                    <Input placeholder={t('exchange.package.invoiceAmount')} style={{ width: 140 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t('exchange.package.addInvoice')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="format" label={t('exchange.month.format')}>
          <Radio.Group
            options={[
              { value: 'json', label: 'JSON' },
              { value: 'zip', label: t('exchange.package.zip') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
