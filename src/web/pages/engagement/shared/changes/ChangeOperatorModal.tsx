import { useQuery } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TApplyOperatorChangeRequest, TEngagementDetail } from '../../../../../contracts/engagement';
import type { TOperator } from '../../../../../contracts/operator';
import { useLocale } from '../../../../i18n';
import { formatDate, todayInBeijing } from '../../../../lib/format';
import { api, type ListResponse } from '../../../../request';
import { ActionModal } from '../../../centre/detail/components/ActionModal';
import { QualificationTag } from '../../../operator/shared/QualificationTag';
import { OPERATORS_KEY } from '../../../operator/shared/queries';
import { useChangeAction, useChangeDeadlineMonths } from './change-api';
import { addMonthsClamped, inclusiveDays } from './change-labels';

interface ChangeValues {
  cause: TApplyOperatorChangeRequest['cause'];
  changedOn: Dayjs;
  reason: string;
  incomingOperatorId?: number | null;
  outgoingEvaluation: { result: 'satisfactory' | 'unsatisfactory'; note: string };
}

const DAY = 'YYYY-MM-DD';

/**
 * 申请更换承办企业 (Art. 10(六)): the county says why the operator changes (its own cause or the authority's), from
 * which day, who takes over if already known, and how the outgoing operator served until then (the basis of its
 * pro-rated funds). The deadline under the date is a hint computed here; the server computes it again and refuses a
 * late application with the article and the date.
 */
export function ChangeOperatorModal({
  engagement: e,
  onClose,
}: {
  engagement: TEngagementDetail;
  onClose: () => void;
}) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeValues>();
  const changedOn: Dayjs | undefined = Form.useWatch('changedOn', form);
  const months = useChangeDeadlineMonths();
  const today = todayInBeijing();
  const operators = useQuery({
    queryKey: [...OPERATORS_KEY, 'list', { pageSize: 200, sort: 'name' }],
    queryFn: () => api.get<ListResponse<TOperator>>('/api/operators', { pageSize: 200, sort: 'name' }),
  });
  const { mutation, refusal } = useChangeAction({
    form,
    onDone: () => {
      message.success(t('engagement.change.applied'));
      onClose();
    },
    onConflict: onClose,
  });

  const day = changedOn?.format(DAY);
  const deadline = day ? addMonthsClamped(day, months) : null;
  const served = day && day >= e.serviceStart ? inclusiveDays(e.serviceStart, day) : null;

  const onFinish = (v: ChangeValues) => {
    const body: TApplyOperatorChangeRequest = {
      version: e.version,
      cause: v.cause,
      changedOn: v.changedOn.format(DAY),
      reason: v.reason.trim(),
      incomingOperatorId: v.incomingOperatorId ?? null,
      outgoingEvaluation: { result: v.outgoingEvaluation.result, note: v.outgoingEvaluation.note.trim() },
    };
    mutation.mutate({ path: `/api/engagements/${e.id}/changes`, body });
  };

  const text = (field: string, min: number, max: number) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
    { min, max, message: t('engagement.change.length', { field, min, max }) },
  ];

  return (
    <ActionModal
      title={`${t('engagement.change.apply')} · ${e.centreName}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      confirmText={t('engagement.change.submit')}
      confirmTestId="change-submit"
      width={760}
    >
      <Typography.Paragraph type="secondary">
        {t('engagement.change.hint', { operator: e.operatorName, months })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="change-form"
        initialValues={{ cause: 'operator', outgoingEvaluation: { result: 'satisfactory', note: '' } }}
        onFinish={onFinish}
      >
        <Form.Item name="cause" label={t('engagement.change.cause')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="change-cause"
            options={[
              { value: 'operator', label: t('engagement.change.cause.operator') },
              { value: 'authority', label: t('engagement.change.cause.authority') },
            ]}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="changedOn"
              label={t('engagement.change.changedOn')}
              rules={[
                { required: true, message: t('common.selectRequired', { field: t('engagement.change.changedOn') }) },
              ]}
              extra={
                deadline && (
                  <Typography.Text
                    type={deadline < today ? 'danger' : 'secondary'}
                    style={{ fontSize: 12 }}
                    data-testid="change-deadline-hint"
                  >
                    {t('engagement.change.deadlineHint', { date: formatDate(deadline, locale), months })}
                    {deadline < today && ` ${t('engagement.change.deadlinePassed')}`}
                  </Typography.Text>
                )
              }
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.format(DAY) > today || d.format(DAY) < e.serviceStart}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="incomingOperatorId"
              label={t('engagement.change.incoming')}
              extra={t('engagement.change.incomingHint')}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={operators.isPending}
                placeholder={t('engagement.change.incomingPlaceholder')}
                options={(operators.data?.items ?? [])
                  .filter((o) => o.id !== e.operatorId)
                  .map((o) => ({ value: o.id, label: `${o.name} ${o.creditCode}`, operator: o }))}
                optionRender={(option) => {
                  const o = option.data.operator as TOperator;
                  return (
                    <Space size={4} wrap>
                      <span>{o.name}</span>
                      {o.qualificationStatus !== 'qualified' && <QualificationTag status={o.qualificationStatus} />}
                    </Space>
                  );
                }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="reason"
          label={t('engagement.change.reason')}
          rules={text(t('engagement.change.reason'), 4, 4000)}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('engagement.change.reasonPlaceholder')} />
        </Form.Item>
        <Typography.Text strong>{t('engagement.change.evaluation')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }} data-testid="change-served">
          {served === null
            ? t('engagement.change.servedPending', { start: formatDate(e.serviceStart, locale) })
            : t('engagement.change.served', {
                start: formatDate(e.serviceStart, locale),
                end: formatDate(day, locale),
                days: served,
              })}
        </Typography.Paragraph>
        <Form.Item name={['outgoingEvaluation', 'result']} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="change-evaluation-result"
            options={[
              { value: 'satisfactory', label: t('engagement.change.result.satisfactory') },
              { value: 'unsatisfactory', label: t('engagement.change.result.unsatisfactory') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name={['outgoingEvaluation', 'note']}
          label={t('engagement.change.evaluationNote')}
          rules={text(t('engagement.change.evaluationNote'), 4, 2000)}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder={t('engagement.change.evaluationPlaceholder')}
          />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
