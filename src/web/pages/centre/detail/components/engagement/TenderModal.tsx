import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import type { TCentreDetail } from '../../../../../../contracts/centre';
import type { TRecordTenderRequest } from '../../../../../../contracts/engagement';
import type { TOperator } from '../../../../../../contracts/operator';
import { useLocale } from '../../../../../i18n';
import { formatWan } from '../../../../../lib/format';
import { api, type ListResponse } from '../../../../../request';
import { useTenderPriorities } from '../../../../assessment/shared/results-api';
import { useEngagementAction } from '../../../../engagement/shared/use-engagement-action';
import { QualificationTag } from '../../../../operator/shared/QualificationTag';
import { OPERATORS_KEY } from '../../../../operator/shared/queries';
import { ActionModal } from '../ActionModal';
import { BiddersField, type BidderValues, biddersOf } from './BiddersField';

interface TenderValues {
  operatorId: number;
  projectNumber: string;
  method: TRecordTenderRequest['method'];
  methodNote?: string;
  announcedOn: Dayjs;
  awardedOn: Dayjs;
  serviceStart: Dayjs;
  contractAmount?: number | null;
  bidders: BidderValues[];
}

const DAY = 'YYYY-MM-DD';

/**
 * 登记招标结果 (Art. 10(三)): the county records the public tender that chose its centre's operator — who won, among
 * which bidders, for how much, and when the service starts. Whether the winner may be chosen (qualification,
 * violations in the last years; Art. 10(一)3, 13, 14) is the server's judgement, shown here if it refuses.
 */
export function TenderModal({ centre, onClose }: { centre: TCentreDetail; onClose: () => void }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<TenderValues>();
  const method = Form.useWatch('method', form);
  const amount = Form.useWatch('contractAmount', form);
  const chosen = Form.useWatch('operatorId', form);
  // Art. 12(三)(3): 优秀 through its last contract → preferred on equal terms; the county sees it while choosing.
  const priorities = useTenderPriorities();
  const priorityOf = (id: number | undefined) => (id === undefined ? undefined : priorities.data?.get(id));
  // The winner this form put into the bidders, so that choosing another operator replaces it rather than adding.
  const prefilled = useRef<string | null>(null);
  const operators = useQuery({
    queryKey: [...OPERATORS_KEY, 'list', { pageSize: 200, sort: 'name' }],
    queryFn: () => api.get<ListResponse<TOperator>>('/api/operators', { pageSize: 200, sort: 'name' }),
  });
  const { mutation, refusal } = useEngagementAction({
    form,
    onDone: (saved) => {
      message.success(t('engagement.tender.recorded', { name: saved.operatorName }));
      onClose();
    },
    onConflict: onClose,
  });

  const prefillWinner = (id: number) => {
    const op = operators.data?.items.find((o) => o.id === id);
    if (!op) return;
    const bidders: BidderValues[] = form.getFieldValue('bidders') ?? [];
    const winner: BidderValues = {
      name: op.name,
      creditCode: op.creditCode,
      bidAmount: form.getFieldValue('contractAmount') ?? null,
    };
    const mine = bidders.findIndex((b) => prefilled.current !== null && b?.name === prefilled.current);
    let next: BidderValues[];
    if (bidders.some((b) => b?.name?.trim() === op.name)) next = bidders;
    else if (mine >= 0) next = bidders.map((b, i) => (i === mine ? { ...b, ...winner } : b));
    else if (bidders.length === 1 && !bidders[0]?.name?.trim()) next = [winner];
    else next = [winner, ...bidders];
    prefilled.current = op.name;
    form.setFieldValue('bidders', next);
  };

  const onFinish = (v: TenderValues) => {
    const body: TRecordTenderRequest = {
      operatorId: v.operatorId,
      projectNumber: v.projectNumber.trim(),
      method: v.method,
      methodNote: v.method === 'other' ? v.methodNote?.trim() || null : null,
      announcedOn: v.announcedOn.format(DAY),
      awardedOn: v.awardedOn.format(DAY),
      serviceStart: v.serviceStart.format(DAY),
      contractAmount: typeof v.contractAmount === 'number' ? v.contractAmount : null,
      bidders: biddersOf(v.bidders),
    };
    mutation.mutate({ path: `/api/centres/${centre.id}/engagements`, body });
  };

  const pickDate = (field: string) => ({
    required: true,
    message: t('common.selectRequired', { field }),
  });
  const notBefore = (other: keyof TenderValues, message: string) => ({
    validator: async (_rule: unknown, value: Dayjs | undefined) => {
      const before: Dayjs | undefined = form.getFieldValue(other);
      if (value && before && value.isBefore(before, 'day')) throw new Error(message);
    },
  });
  const half = { xs: 24, md: 12 };
  const third = { xs: 24, md: 8 };

  return (
    <ActionModal
      title={`${t('engagement.tender.record')} · ${centre.name}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      confirmText={t('common.save')}
      confirmTestId="tender-submit"
      width={820}
    >
      <Typography.Paragraph type="secondary">{t('engagement.tender.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="tender-form"
        initialValues={{ method: 'public_tender', bidders: [{ name: '', creditCode: '', bidAmount: null }] }}
        onFinish={onFinish}
      >
        <Form.Item
          name="operatorId"
          label={t('engagement.field.operator')}
          extra={t('engagement.tender.eligibilityHint')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('engagement.field.operator') }) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={operators.isPending}
            placeholder={t('engagement.tender.operatorPlaceholder')}
            onChange={(id: number) => prefillWinner(id)}
            options={(operators.data?.items ?? []).map((o) => ({
              value: o.id,
              label: `${o.name} ${o.creditCode}`,
              operator: o,
            }))}
            optionRender={(option) => {
              const o = option.data.operator as TOperator;
              return (
                <Space size={4} wrap>
                  <span>{o.name}</span>
                  <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                    {o.creditCode}
                  </Typography.Text>
                  {o.qualificationStatus !== 'qualified' && <QualificationTag status={o.qualificationStatus} />}
                  {priorityOf(o.id) && (
                    <Tag color="green" data-testid="tender-priority-tag">
                      {t('assessment.priority.tag')}
                    </Tag>
                  )}
                </Space>
              );
            }}
          />
        </Form.Item>
        {priorityOf(chosen) && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: -8, marginBottom: 16 }}
            data-testid="tender-priority"
            title={priorityOf(chosen)?.message[locale]}
            description={`${priorityOf(chosen)?.centreName} · ${t('assessment.consequence.years', { years: priorityOf(chosen)?.years.join('、') ?? '' })}`}
          />
        )}
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="projectNumber"
              label={t('engagement.field.projectNumber')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('engagement.field.projectNumber') }),
                },
                { min: 4, max: 60 },
              ]}
            >
              <Input maxLength={60} placeholder={t('engagement.tender.projectNumberPlaceholder')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="method" label={t('engagement.field.method')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'public_tender', label: t('engagement.method.public_tender') },
                  { value: 'other', label: t('engagement.method.other') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        {method === 'other' && (
          <Form.Item
            name="methodNote"
            label={t('engagement.field.methodNote')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('engagement.field.methodNote') }),
              },
              { max: 1000 },
            ]}
          >
            <Input.TextArea rows={2} maxLength={1000} placeholder={t('engagement.tender.methodNotePlaceholder')} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item
              name="announcedOn"
              label={t('engagement.field.announcedOn')}
              rules={[pickDate(t('engagement.field.announcedOn'))]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name="awardedOn"
              label={t('engagement.field.awardedOn')}
              dependencies={['announcedOn']}
              rules={[
                pickDate(t('engagement.field.awardedOn')),
                notBefore('announcedOn', t('engagement.tender.awardBeforeAnnouncement')),
              ]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name="serviceStart"
              label={t('engagement.field.serviceStart')}
              dependencies={['awardedOn']}
              extra={t('engagement.tender.serviceStartHint')}
              rules={[
                pickDate(t('engagement.field.serviceStart')),
                notBefore('awardedOn', t('engagement.tender.startBeforeAward')),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="contractAmount"
          label={t('engagement.field.contractAmount')}
          extra={
            typeof amount === 'number' && amount > 0 ? formatWan(amount, locale) : t('engagement.tender.amountHint')
          }
        >
          <InputNumber min={0} max={1e10} style={{ width: 240 }} suffix={t('engagement.unit.yuan')} />
        </Form.Item>
        <BiddersField />
      </Form>
    </ActionModal>
  );
}
