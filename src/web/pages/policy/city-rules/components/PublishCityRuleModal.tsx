import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CITY_RULE_KEY_LIST,
  CITY_RULE_KEYS,
  type TCityRule,
  type TCityRuleBaseline,
  type TCityRuleInput,
  type TCityRuleKey,
} from '../../../../../contracts/city-rule';
import { useLocale } from '../../../../i18n';
import { todayInBeijing } from '../../../../lib/format';
import { api } from '../../../../request';
import { showFieldErrors } from '../../../../request-error';
import { directionText, ruleLabel, ruleValue } from './rule-values';

interface FormValues {
  title: string;
  documentNumber: string;
  effectiveFrom: Dayjs;
  parameters: Partial<Record<TCityRuleKey, number | null>>;
}

export const CITY_RULES_KEY = ['city-rules'] as const;

/**
 * 发布本市实施细则 (Art. 15): every parameter a city may tighten, the province's value on the effective date and the
 * city's current one beside it; a value is accepted only on the stricter side (the server checks again).
 */
export function PublishCityRuleModal({ onClose }: { onClose: () => void }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const effectiveFrom = Form.useWatch('effectiveFrom', form);
  const day = effectiveFrom ? effectiveFrom.format('YYYY-MM-DD') : todayInBeijing();
  const baseline = useQuery({
    queryKey: [...CITY_RULES_KEY, 'baseline', day],
    queryFn: () => api.get<TCityRuleBaseline>('/api/city-rules/baseline', { day }),
  });
  const publish = useMutation({
    mutationFn: (body: TCityRuleInput) => api.post<TCityRule>('/api/city-rules', body),
    onSuccess: () => {
      message.success(t('cityRule.published'));
      void queryClient.invalidateQueries({ queryKey: CITY_RULES_KEY });
      onClose();
    },
    onError: (error) => showFieldErrors(form, error),
  });

  const b = baseline.data;
  const columns: TableColumnsType<TCityRuleKey> = [
    { title: t('cityRule.parameter'), key: 'label', render: (_: unknown, key) => ruleLabel(key, locale) },
    {
      title: t('cityRule.province', { version: b?.policyVersion ?? '' }),
      key: 'province',
      width: 130,
      render: (_: unknown, key) => (b ? ruleValue(key, b.province[key] ?? 0, t) : '—'),
    },
    {
      title: t('cityRule.current'),
      key: 'current',
      width: 120,
      render: (_: unknown, key) => (b ? ruleValue(key, b.effective[key] ?? 0, t) : '—'),
    },
    {
      title: t('cityRule.newValue'),
      key: 'value',
      width: 170,
      render: (_: unknown, key) => {
        const province = b?.province[key];
        const larger = CITY_RULE_KEYS[key].direction === 'larger';
        return (
          <Form.Item
            name={['parameters', key]}
            style={{ margin: 0 }}
            rules={[
              {
                validator: async (_rule, value: number | null | undefined) => {
                  if (value === null || value === undefined || province === undefined) return;
                  const ok = larger ? value > province : value < province;
                  if (!ok) throw new Error(directionText(key, province, t));
                },
              },
            ]}
          >
            <InputNumber
              min={1}
              max={100_000}
              precision={0}
              style={{ width: '100%' }}
              placeholder={province === undefined ? '' : directionText(key, province, t)}
              data-testid={`city-rule-value-${key}`}
            />
          </Form.Item>
        );
      },
    },
  ];

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <Modal
      open
      title={t('cityRule.publish')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('cityRule.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      width={860}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="city-rule-form"
        initialValues={{ effectiveFrom: dayjs(todayInBeijing()) }}
        onFinish={(v) => {
          const parameters = Object.fromEntries(
            Object.entries(v.parameters ?? {}).filter(([, n]) => typeof n === 'number'),
          ) as TCityRuleInput['parameters'];
          if (Object.keys(parameters).length === 0) {
            message.error(t('cityRule.noneGiven'));
            return;
          }
          publish.mutate({
            title: v.title,
            documentNumber: v.documentNumber,
            effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
            parameters,
          });
        }}
      >
        <Alert type="info" showIcon title={t('cityRule.replacesNote')} style={{ marginBottom: 16 }} />
        <Form.Item
          name="title"
          label={t('cityRule.ruleTitle')}
          rules={[required(t('cityRule.ruleTitle')), { min: 4, max: 120 }]}
        >
          <Input maxLength={120} data-testid="city-rule-title" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item
            name="documentNumber"
            label={t('cityRule.documentNumber')}
            style={{ flex: '1 1 240px' }}
            rules={[required(t('cityRule.documentNumber')), { min: 4, max: 60 }]}
          >
            <Input maxLength={60} data-testid="city-rule-document" />
          </Form.Item>
          <Form.Item
            name="effectiveFrom"
            label={t('cityRule.effectiveFrom')}
            style={{ flex: '1 1 200px' }}
            rules={[{ required: true, message: t('common.selectRequired', { field: t('cityRule.effectiveFrom') }) }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(todayInBeijing()), 'day')}
              data-testid="city-rule-effective"
            />
          </Form.Item>
        </div>
        <Table<TCityRuleKey>
          size="small"
          rowKey={(k) => k}
          dataSource={CITY_RULE_KEY_LIST}
          columns={columns}
          pagination={false}
          loading={baseline.isPending}
          scroll={{ x: 640, y: 360 }}
        />
      </Form>
    </Modal>
  );
}
