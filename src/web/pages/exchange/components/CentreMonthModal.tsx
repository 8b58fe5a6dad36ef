import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TExchangeRun } from '../../../../contracts/exchange';
import { useMe } from '../../../access';
import { useLocale } from '../../../i18n';
import { api, type ListResponse } from '../../../request';
import { handleApiError } from '../../../request-error';
import { EXCHANGE_KEY } from '../exchange-api';

interface MonthForm {
  centreId?: number;
  month?: Dayjs | null;
  format: 'json' | 'csv';
}

/** 生成楚贸通中心月度数据 (Art. 5(十三)): a centre of the caller's scope (an operator's own), a month, JSON or CSV. */
export function CentreMonthModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useLocale();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MonthForm>();
  const own = me.scope.kind === 'operator' ? me.scope.centreId : null;
  const centres = useQuery({
    queryKey: ['centres', 'exchange-pick'],
    queryFn: () => api.get<ListResponse<{ id: number; name: string }>>('/api/centres', { pageSize: 200 }),
    enabled: open && own === null,
  });
  const produce = useMutation({
    mutationFn: (v: MonthForm) =>
      api.post<TExchangeRun>('/api/exchange/outbound', {
        kind: 'cmt_centre_month',
        centreId: own ?? v.centreId,
        month: v.month?.format('YYYY-MM'),
        format: v.format,
      }),
    onSuccess: (run) => {
      message.success(t('exchange.produced', { name: run.outputFileName ?? '' }));
      void queryClient.invalidateQueries({ queryKey: EXCHANGE_KEY });
      window.location.assign(`/api/exchange/runs/${run.id}/output`);
      onClose();
    },
    onError: handleApiError,
  });
  return (
    <Modal
      open={open}
      title={t('exchange.month.title')}
      onCancel={onClose}
      okText={t('exchange.month.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={produce.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<MonthForm>
        form={form}
        layout="vertical"
        initialValues={{ format: 'json', month: dayjs().subtract(1, 'month') }}
        onFinish={(v) => produce.mutate(v)}
        data-testid="exchange-month-form"
      >
        {own === null && (
          <Form.Item name="centreId" label={t('exchange.month.centre')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={centres.isFetching}
              options={(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="month" label={t('exchange.month.month')} rules={[{ required: true }]}>
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="format" label={t('exchange.month.format')}>
          <Radio.Group
            options={[
              { value: 'json', label: 'JSON' },
              { value: 'csv', label: 'CSV' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
