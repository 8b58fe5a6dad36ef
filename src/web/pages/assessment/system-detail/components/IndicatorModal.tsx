import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import {
  INDICATOR_GROUP_NAMES,
  METRIC_NAMES,
  METRIC_UNITS,
  type TIndicator,
  type TIndicatorGroup,
  type TMetricKey,
  ZIndicator,
} from '../../../../../contracts/assessment';
import { scoringRuleInWords } from '../../../../../contracts/assessment-cycle';
import { useLocale } from '../../../../i18n';
import { plainNumber } from '../../../../lib/format';
import {
  COMPUTED_RULE_KINDS,
  emptyFormValues,
  type IndicatorFormValues,
  newIndicatorKey,
  toFormValues,
  toIndicator,
  toScoringRule,
} from '../indicator-form';

/** What the modal edits: an indicator of the system, or a new one in a group. */
export type IndicatorTarget = { mode: 'edit'; indicator: TIndicator } | { mode: 'add'; group: TIndicatorGroup };

interface IndicatorModalProps {
  target: IndicatorTarget;
  /** Metrics no other indicator scores (a new computed indicator picks one). */
  freeMetrics: TMetricKey[];
  /** Keys in the system, so a new one is unique. */
  keys: string[];
  onApply: (indicator: TIndicator) => void;
  /** Called once the modal has closed (after its animation). */
  onClosed: () => void;
}

const ARTICLE = '第十二条（一）';

/**
 * Edits one indicator of a draft system, or adds one (issue 14, Art. 12(一)): names, weight, the scoring rule and
 * its numbers, guidance, article. The rule is shown in words as it is typed. The result only changes the page's
 * copy of the body; the page's 保存 sends the whole body, and the server checks it again.
 */
export function IndicatorModal({ target, freeMetrics, keys, onApply, onClosed }: IndicatorModalProps) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [open, setOpen] = useState(true);
  const [form] = Form.useForm<IndicatorFormValues>();
  const editing = target.mode === 'edit' ? target.indicator : null;
  const group = editing ? editing.group : target.mode === 'add' ? target.group : 'services';
  const initial = editing
    ? toFormValues(editing)
    : emptyFormValues(freeMetrics.length > 0 ? 'computed' : 'evaluator', ARTICLE);
  const values = Form.useWatch((v: IndicatorFormValues) => v, { form, preserve: true }) ?? initial;
  const source = values.source ?? initial.source;
  const kind = values.kind ?? initial.kind;
  const metric = values.metric ?? editing?.metric ?? undefined;
  const unit = metric ? METRIC_UNITS[metric][locale] : '';
  const rule = toScoringRule({ ...values, source });
  const metricOptions = (editing?.metric ? [editing.metric, ...freeMetrics] : freeMetrics).map((m) => ({
    value: m,
    label: `${METRIC_NAMES[m][locale]}（${METRIC_UNITS[m][locale]}）`,
  }));

  const required = (field: string): Rule => ({ required: true, message: t('common.required', { field }) });
  const text = (field: string, max: number, must = true): Rule[] => [
    ...(must ? [{ ...required(field), whitespace: true }] : []),
    { max, message: t('assessment.editor.tooLong', { field, max }) },
  ];
  const inRange =
    (min: number, max: number, msg: string, minInclusive = false): Rule =>
    () => ({
      validator: (_: unknown, v: number | null | undefined) =>
        v === null || v === undefined || ((minInclusive ? v >= min : v > min) && v <= max)
          ? Promise.resolve()
          : Promise.reject(new Error(msg)),
    });

  const apply = async () => {
    const v = await form.validateFields();
    const merged: IndicatorFormValues = { ...initial, ...v, metric: v.metric ?? editing?.metric ?? undefined };
    const key = editing
      ? editing.key
      : newIndicatorKey(group, merged.source === 'computed' ? (merged.metric ?? null) : null, keys);
    const indicator = toIndicator(merged, { key, group });
    // The form mirrors the contract; should they ever part, the contract (the server's check) decides.
    const checked = ZIndicator.safeParse(indicator);
    if (!checked.success) {
      message.error(checked.error.issues.map((i) => i.message).join('；'));
      return;
    }
    onApply(checked.data);
    setOpen(false);
  };

  return (
    <Modal
      open={open}
      title={
        editing
          ? t('assessment.editor.editTitle', { name: editing.name[locale] })
          : t('assessment.editor.addTitle', { group: INDICATOR_GROUP_NAMES[group][locale] })
      }
      onOk={() => apply().catch(() => undefined)}
      onCancel={() => setOpen(false)}
      afterClose={onClosed}
      okText={t('assessment.editor.apply')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={640}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', overflowX: 'hidden' } }}
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="indicator-form">
        {!editing && (
          <Form.Item name="source" label={t('assessment.editor.source')}>
            <Radio.Group
              onChange={(e) => form.setFieldValue('kind', e.target.value === 'evaluator' ? 'evaluator' : 'linear')}
            >
              <Radio value="computed" disabled={freeMetrics.length === 0}>
                {t('assessment.measures.computed')}
              </Radio>
              <Radio value="evaluator">{t('assessment.measures.evaluator')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {!editing && freeMetrics.length === 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('assessment.editor.noMetricLeft')} />
        )}
        {source === 'computed' && (
          <Form.Item
            name="metric"
            label={t('assessment.editor.metric')}
            rules={[{ required: true, message: t('common.selectRequired', { field: t('assessment.editor.metric') }) }]}
          >
            <Select options={metricOptions} disabled={Boolean(editing)} />
          </Form.Item>
        )}
        <Form.Item name="nameZh" label={t('assessment.editor.nameZh')} rules={text(t('assessment.editor.nameZh'), 60)}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('assessment.editor.nameEn')} rules={text(t('assessment.editor.nameEn'), 120)}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="weight"
          label={t('assessment.field.weight')}
          rules={[required(t('assessment.field.weight')), inRange(0, 100, t('assessment.editor.weightRange'))]}
        >
          <InputNumber min={0} max={100} step={0.5} formatter={plainNumber} style={{ width: 140 }} />
        </Form.Item>
        {source === 'computed' ? (
          <Form.Item name="kind" label={t('assessment.editor.kind')}>
            <Select options={COMPUTED_RULE_KINDS.map((k) => ({ value: k, label: t(`assessment.editor.kind.${k}`) }))} />
          </Form.Item>
        ) : (
          <Form.Item label={t('assessment.editor.kind')}>
            <Typography.Text>{t('assessment.editor.kind.evaluator')}</Typography.Text>
          </Form.Item>
        )}
        {source === 'computed' && kind === 'linear' && <LinearFields unit={unit} />}
        {source === 'computed' && kind === 'thresholds' && <StepFields unit={unit} />}
        {source === 'computed' && kind === 'rank' && (
          <Form.Item name="better" label={t('assessment.editor.better')}>
            <Radio.Group>
              <Radio value="higher">{t('assessment.editor.better.higher')}</Radio>
              <Radio value="lower">{t('assessment.editor.better.lower')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {source === 'computed' && kind === 'growth' && (
          <Form.Item
            name="pointsPerPercent"
            label={t('assessment.editor.pointsPerPercent')}
            rules={[
              required(t('assessment.editor.pointsPerPercent')),
              inRange(0, 100, t('assessment.editor.pointsRange')),
            ]}
          >
            <InputNumber min={0} max={100} step={0.5} formatter={plainNumber} style={{ width: 140 }} />
          </Form.Item>
        )}
        <Alert
          type={rule ? 'info' : 'warning'}
          style={{ marginBottom: 16 }}
          message={t('assessment.editor.preview')}
          description={
            rule
              ? scoringRuleInWords(rule, values.weight ?? 0, metric)[locale]
              : t('assessment.editor.previewIncomplete')
          }
          data-testid="indicator-rule-preview"
        />
        <Form.Item
          name="guidance"
          label={t('assessment.editor.guidance')}
          rules={text(t('assessment.editor.guidance'), 500, false)}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('assessment.editor.guidancePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="article"
          label={t('assessment.editor.article')}
          rules={text(t('assessment.editor.article'), 40)}
        >
          <Input maxLength={40} placeholder={t('assessment.editor.articlePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 0 at one value, full marks at another; the two must differ (the contract's LINEAR_SAME_VALUES). */
function LinearFields({ unit }: { unit: string }) {
  const { t } = useLocale();
  const must = (field: string): Rule => ({ required: true, message: t('common.required', { field }) });
  return (
    <>
      <Space wrap size={[16, 0]} align="start">
        <Form.Item name="zeroAt" label={t('assessment.editor.zeroAt')} rules={[must(t('assessment.editor.zeroAt'))]}>
          <InputNumber suffix={unit} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="fullAt"
          label={t('assessment.editor.fullAt')}
          dependencies={['zeroAt']}
          rules={[
            must(t('assessment.editor.fullAt')),
            ({ getFieldValue }) => ({
              validator: (_, v: number | null | undefined) =>
                v === null || v === undefined || v !== getFieldValue('zeroAt')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('assessment.editor.linearSame'))),
            }),
          ]}
        >
          <InputNumber suffix={unit} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 12 }}>
        {t('assessment.editor.linearHint')}
      </Typography.Paragraph>
    </>
  );
}

/** Thresholds: 1–10 steps of 达到值 and 得分比例 (in percent here, 0–1 in the contract). */
function StepFields({ unit }: { unit: string }) {
  const { t } = useLocale();
  const must = (field: string): Rule => ({ required: true, message: t('common.required', { field }) });
  return (
    <Form.List
      name="steps"
      rules={[
        {
          validator: (_, steps: unknown[] | undefined) =>
            steps && steps.length >= 1 && steps.length <= 10
              ? Promise.resolve()
              : Promise.reject(new Error(t('assessment.editor.stepsRange'))),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('assessment.editor.steps')} required>
          {/* One line per step at any width: two equal inputs and the remove button; the header names them. */}
          <div style={{ maxWidth: 440 }}>
            <div style={{ display: 'flex', gap: 8, marginBottom: 4 }}>
              <Typography.Text type="secondary" style={{ flex: 1 }}>
                {t('assessment.editor.atLeast')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ flex: 1 }}>
                {t('assessment.editor.percent')}
              </Typography.Text>
              <span style={{ width: 32 }} />
            </div>
            {fields.map((field) => (
              <div
                key={field.key}
                style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}
                data-testid="threshold-step"
              >
                <Form.Item
                  name={[field.name, 'atLeast']}
                  rules={[must(t('assessment.editor.atLeast'))]}
                  style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                >
                  <InputNumber suffix={unit} style={{ width: '100%' }} aria-label={t('assessment.editor.atLeast')} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'percent']}
                  rules={[
                    must(t('assessment.editor.percent')),
                    () => ({
                      validator: (_, v: number | null | undefined) =>
                        v === null || v === undefined || (v >= 0 && v <= 100)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('assessment.editor.percentRange'))),
                    }),
                  ]}
                  style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                >
                  <InputNumber
                    suffix="%"
                    min={0}
                    max={100}
                    style={{ width: '100%' }}
                    aria-label={t('assessment.editor.percent')}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={fields.length <= 1}
                  onClick={() => remove(field.name)}
                  aria-label={t('assessment.editor.removeStep')}
                  style={{ width: 32 }}
                />
              </div>
            ))}
          </div>
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={fields.length >= 10}
            onClick={() => add({ atLeast: null, percent: 100 })}
          >
            {t('assessment.editor.addStep')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}
