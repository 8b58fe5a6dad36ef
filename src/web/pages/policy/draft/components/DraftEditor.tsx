import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import type { TPolicyParameters } from '../../../../../contracts/policy';
import type { TPolicyDraft } from '../../../../../contracts/policy-draft';
import { useLocale } from '../../../../i18n';
import { ApiError, api } from '../../../../request';
import { handleApiError } from '../../../../request-error';
import { formatArticle, PARAMETER_SPEC, parameterRows } from '../../versions/components/parameter-articles';
import { POLICY_KEY } from './draft-api';

const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
const STAFF_HEADS = ['total', 'tradeYears', 'customsDeclarant', 'foreignLanguage'] as const;

type Key = keyof TPolicyParameters;

/** What each parameter is edited with: a number and its unit, a set of numbers, a grade, or nothing (fixed). */
type Unit = 'sqm' | 'years' | 'months' | 'days' | 'workingDays' | 'yuan' | 'people' | 'points' | 'percent';
type Part = (typeof STAFF_HEADS)[number] | (typeof GRADES)[number];
type ParamInput =
  | { kind: 'number'; unit: Unit; min: number; max: number; step?: number }
  | { kind: 'group'; parts: readonly Part[]; unit: Unit; max: number }
  | { kind: 'grade' }
  | { kind: 'fixed' };

const INPUTS: Record<Key, ParamInput> = {
  venueMinAreaNational: { kind: 'number', unit: 'sqm', min: 1, max: 10_000 },
  venueMinAreaOther: { kind: 'number', unit: 'sqm', min: 1, max: 10_000 },
  staffNational: { kind: 'group', parts: STAFF_HEADS, unit: 'people', max: 100 },
  staffOther: { kind: 'group', parts: STAFF_HEADS, unit: 'people', max: 100 },
  staffTradeExperienceYears: { kind: 'number', unit: 'years', min: 1, max: 30 },
  violationFreeYears: { kind: 'number', unit: 'years', min: 1, max: 10 },
  servicePeriodYears: { kind: 'number', unit: 'years', min: 1, max: 10 },
  filingDeadlineWorkingDays: { kind: 'number', unit: 'workingDays', min: 1, max: 120 },
  operatorChangeDeadlineMonths: { kind: 'number', unit: 'months', min: 1, max: 24 },
  minServiceYearsBeforeFunding: { kind: 'number', unit: 'years', min: 1, max: 10 },
  baseFundingNational: { kind: 'number', unit: 'yuan', min: 1, max: 100_000_000, step: 10_000 },
  baseFundingProvincial: { kind: 'number', unit: 'yuan', min: 1, max: 100_000_000, step: 10_000 },
  baseFundingOther: { kind: 'number', unit: 'yuan', min: 1, max: 100_000_000, step: 10_000 },
  grades: { kind: 'fixed' },
  noFundsGrade: { kind: 'grade' },
  consecutivePoorYearsToCancel: { kind: 'number', unit: 'years', min: 1, max: 10 },
  tenderPriorityGrade: { kind: 'grade' },
  gradeThresholds: { kind: 'group', parts: ['excellent', 'good', 'fair'], unit: 'points', max: 100 },
  rectificationWorkingDays: { kind: 'number', unit: 'workingDays', min: 1, max: 60 },
  gradeFundingShares: { kind: 'group', parts: GRADES, unit: 'percent', max: 100 },
  conditionFailureDays: { kind: 'number', unit: 'days', min: 1, max: 365 },
};

interface Values {
  title: string;
  basis: string;
  parameters: TPolicyParameters;
}

/**
 * Every parameter of the draft, in the order of the articles, each with its article, the value in force beside it and
 * a mark when it differs. The server checks the whole set (thresholds falling, shares not increasing, the no-funds
 * grade at 0 …) and its reasons appear under the fields they name.
 */
export function DraftEditor({
  draft,
  inForce,
  editable,
}: {
  draft: TPolicyDraft;
  inForce: TPolicyParameters | undefined;
  editable: boolean;
}) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  useEffect(() => {
    form.setFieldsValue({ title: draft.title, basis: draft.basis, parameters: draft.parameters });
  }, [draft, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.patch<TPolicyDraft>(`/api/policy/drafts/${draft.id}`, {
        version: draft.version,
        title: v.title,
        basis: v.basis ?? '',
        // Fields the form does not edit (the grades) travel as they are.
        parameters: { ...draft.parameters, ...v.parameters },
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      queryClient.invalidateQueries({ queryKey: POLICY_KEY });
    },
    onError: (e) => {
      const fields = e instanceof ApiError && Array.isArray(e.details?.fields) ? e.details.fields : [];
      const shown = (fields as { field: string; reason: string }[]).filter((f) => f.field.startsWith('parameters.'));
      if (shown.length) {
        // The server names nested fields by path (parameters.staffOther.total): the form's own names.
        form.setFields(shown.map((f) => ({ name: f.field.split('.') as ['parameters'], errors: [f.reason] })));
        message.error(t('policyDraft.fixFields', { n: shown.length }));
      } else handleApiError(e);
    },
  });
  const current = inForce ? new Map(parameterRows(inForce, { t, locale }).map((r) => [r.key, r.value])) : undefined;
  const unit = (u: Unit) => t(`policyDraft.unit.${u}`);
  const partLabel = (key: Key, part: Part) =>
    (key === 'staffNational' || key === 'staffOther') && (STAFF_HEADS as readonly string[]).includes(part)
      ? t(`policyDraft.staff.${part as (typeof STAFF_HEADS)[number]}`)
      : t(`grade.${part as (typeof GRADES)[number]}`);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={!editable}
      onFinish={(v) => save.mutate(v)}
      data-testid="policy-draft-form"
    >
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item
            name="title"
            label={t('policy.versionTitle')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('policy.versionTitle') }) },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item name="basis" label={t('policy.basis')}>
            <Input maxLength={2000} placeholder={t('policyDraft.basisPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        {(Object.keys(PARAMETER_SPEC) as Key[]).map((key) => {
          const spec = PARAMETER_SPEC[key];
          const input = INPUTS[key];
          const changed = draft.changedParameters.includes(key);
          const label = (
            <Space size={4} wrap>
              <span>{t(`policy.param.${key}`)}</span>
              {spec.article ? (
                <Tag color="geekblue">{formatArticle(spec.article, locale)}</Tag>
              ) : (
                <Tag>{t('policy.articleNone')}</Tag>
              )}
              {changed && <Tag color="orange">{t('policyDraft.changedTag')}</Tag>}
            </Space>
          );
          const extra = current?.get(key)
            ? t('policyDraft.inForceValue', { value: current.get(key) ?? '' })
            : undefined;
          return (
            <Col xs={24} lg={12} key={key} data-testid={`param-${key}`}>
              {input.kind === 'number' && (
                <Form.Item
                  name={['parameters', key]}
                  label={label}
                  extra={extra}
                  rules={[{ required: true, message: t('common.required', { field: t(`policy.param.${key}`) }) }]}
                >
                  <InputNumber
                    min={input.min}
                    max={input.max}
                    step={input.step ?? 1}
                    precision={key.startsWith('venue') ? undefined : 0}
                    formatter={(n) => `${n ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
                    parser={(text) => Number((text ?? '').replace(/,/g, ''))}
                    suffix={unit(input.unit)}
                    style={{ width: 220 }}
                  />
                </Form.Item>
              )}
              {input.kind === 'group' && (
                <Form.Item label={label} extra={extra} required>
                  <Space wrap size={[12, 4]}>
                    {input.parts.map((part) => (
                      <Form.Item
                        key={part}
                        name={['parameters', key, part]}
                        noStyle={false}
                        style={{ marginBottom: 0 }}
                        rules={[{ required: true, message: t('common.required', { field: partLabel(key, part) }) }]}
                      >
                        <InputNumber
                          min={0}
                          max={input.max}
                          prefix={<Typography.Text type="secondary">{partLabel(key, part)}</Typography.Text>}
                          suffix={unit(input.unit)}
                          style={{ width: 190 }}
                          aria-label={`${t(`policy.param.${key}`)} ${partLabel(key, part)}`}
                        />
                      </Form.Item>
                    ))}
                  </Space>
                </Form.Item>
              )}
              {input.kind === 'grade' && (
                <Form.Item name={['parameters', key]} label={label} extra={extra}>
                  <Select style={{ width: 220 }} options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))} />
                </Form.Item>
              )}
              {input.kind === 'fixed' && (
                <Form.Item label={label} extra={t('policyDraft.fixedByPolicy')}>
                  <Typography.Text>{current?.get(key)}</Typography.Text>
                </Form.Item>
              )}
            </Col>
          );
        })}
      </Row>
      {editable && (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-draft-save">
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
