import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, InputNumber, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { GRADE_NAMES, INDICATOR_GROUPS, type TIndicatorSystemBody } from '../../../../contracts/assessment';
import type { TIndicatorSystem } from '../../../../contracts/assessment-cycle';
import { useCan } from '../../../access';
import { detailView } from '../../../components/DetailPage';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ApiError, api } from '../../../request';
import { handleApiError } from '../../../request-error';
import { ASSESSMENT_KEY, useSystem } from '../shared/assessment-api';
import { IndicatorGroupCard } from './components/IndicatorGroupCard';
import { IndicatorModal, type IndicatorTarget } from './components/IndicatorModal';
import {
  addIndicator,
  indicatorOfField,
  removeIndicator,
  replaceIndicator,
  unusedMetrics,
  weightSum,
  weightsAddUp,
} from './indicator-form';

/**
 * One indicator system (Art. 12(一)): its groups and indicators — weight, what it measures, the scoring rule in
 * words, the article — and the grade thresholds. In a draft the province edits all of it here (issue 14: it copies
 * the shipped system for a year and edits the copy): weights and thresholds in place, an indicator's names, rule,
 * guidance and article in a modal, and it adds or removes indicators; 保存 sends the whole body. A frozen system
 * (a cycle opened with it) only shows.
 */
export function IndicatorSystemPage() {
  const { t } = useLocale();
  const id = Number(useParams().id);
  const detail = useSystem(Number.isInteger(id) && id > 0 ? id : -1);
  const view = detailView(detail, {
    title: t('assessment.systemNotFound'),
    backTo: '/assessment/systems',
    backLabel: t('assessment.backToSystems'),
  });
  if (view.fallback) return view.fallback;
  return <SystemView system={view.data} />;
}

function SystemView({ system }: { system: TIndicatorSystem }) {
  const { t, locale } = useLocale();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const editable = system.status === 'draft' && can('assessment.manage');
  const [body, setBody] = useState<TIndicatorSystemBody>(system.body);
  useEffect(() => setBody(system.body), [system]);
  const sum = weightSum(body);
  const weightsOk = weightsAddUp(body);
  const dirty = JSON.stringify(body) !== JSON.stringify(system.body);
  const [target, setTarget] = useState<IndicatorTarget | null>(null);
  // The server's reasons for refusing the last save, each naming the indicator (or part) it is about.
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (sent: TIndicatorSystemBody) =>
      api.put<TIndicatorSystem>(`/api/assessment/systems/${system.id}`, {
        version: system.version,
        title: system.title,
        year: system.year,
        body: sent,
      }),
    onSuccess: () => {
      setProblems([]);
      message.success(t('assessment.systemSaved'));
      queryClient.invalidateQueries({ queryKey: ASSESSMENT_KEY });
    },
    onError: (error, sent) => {
      const fields = error instanceof ApiError && error.code === 'VALIDATION_FAILED' ? error.details?.fields : null;
      if (!Array.isArray(fields) || fields.length === 0) {
        setProblems([]);
        handleApiError(error);
        return;
      }
      setProblems(
        (fields as { field: string; reason: string }[]).map(({ field, reason }) => {
          const indicator = indicatorOfField(field, sent);
          const where = indicator
            ? indicator.name[locale]
            : field.startsWith('body.gradeThresholds')
              ? t('assessment.grades')
              : field.startsWith('body.indicators')
                ? t('assessment.editor.indicators')
                : field;
          return `${where}${t('common.colon')}${reason}`;
        }),
      );
    },
  });
  const setWeight = (key: string, weight: number | null) =>
    setBody((b) => ({
      ...b,
      indicators: b.indicators.map((i) => (i.key === key ? { ...i, weight: weight ?? 0 } : i)),
    }));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          // The card head cuts its title with an ellipsis; a system's title is long, so it wraps instead (phones).
          <Space wrap style={{ whiteSpace: 'normal', lineHeight: 1.4, paddingBlock: 8 }}>
            <Link to="/assessment/systems" aria-label={t('assessment.backToSystems')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {system.title}
            </Typography.Text>
            <Tag color={system.status === 'frozen' ? 'blue' : 'default'}>
              {t(`assessment.systemStatus.${system.status}`)}
            </Tag>
          </Space>
        }
        extra={
          editable && (
            <Button
              type="primary"
              disabled={!dirty || !weightsOk}
              loading={save.isPending}
              onClick={() => save.mutate(body)}
              data-testid="system-save"
            >
              {t('common.save')}
            </Button>
          )
        }
      >
        {system.status === 'frozen' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('assessment.frozenNote')} />
        )}
        {editable && !weightsOk && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('assessment.editor.weightsNot100', { sum })}
            data-testid="system-weights-warning"
          />
        )}
        {editable && weightsOk && dirty && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('assessment.editor.unsaved')} />
        )}
        {editable && problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('assessment.editor.problems')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
            data-testid="system-problems"
          />
        )}
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small" bordered>
          <Descriptions.Item label={t('assessment.field.year')}>{system.year}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.field.weightSum')}>
            <Typography.Text type={weightsOk ? undefined : 'danger'}>{sum}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.field.usedBy')}>
            {system.usedBy.length ? system.usedBy.join('、') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.field.updatedAt')}>
            {formatDateTime(system.updatedAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('assessment.grades')} size="small">
        <Space wrap size={16}>
          {(['excellent', 'good', 'fair'] as const).map((g) => (
            <Space key={g}>
              <span>{`${GRADE_NAMES[g][locale]} ≥`}</span>
              {editable ? (
                <InputNumber
                  min={0}
                  max={100}
                  value={body.gradeThresholds[g]}
                  onChange={(v) => setBody((b) => ({ ...b, gradeThresholds: { ...b.gradeThresholds, [g]: v ?? 0 } }))}
                  style={{ width: 80 }}
                  aria-label={GRADE_NAMES[g][locale]}
                />
              ) : (
                <Typography.Text strong>{body.gradeThresholds[g]}</Typography.Text>
              )}
            </Space>
          ))}
          <span>{`${GRADE_NAMES.poor[locale]} < ${body.gradeThresholds.fair}`}</span>
        </Space>
      </Card>
      {INDICATOR_GROUPS.map((group) => {
        const indicators = body.indicators.filter((i) => i.group === group);
        // An emptied group stays on a draft so that the province can add to it again.
        if (indicators.length === 0 && !editable) return null;
        return (
          <IndicatorGroupCard
            key={group}
            group={group}
            indicators={indicators}
            edit={
              editable
                ? {
                    setWeight,
                    onEdit: (indicator) => setTarget({ mode: 'edit', indicator }),
                    onRemove: (key) => setBody((b) => removeIndicator(b, key)),
                    onAdd: () => setTarget({ mode: 'add', group }),
                  }
                : null
            }
          />
        );
      })}
      {target && (
        <IndicatorModal
          target={target}
          freeMetrics={unusedMetrics(body)}
          keys={body.indicators.map((i) => i.key)}
          onApply={(indicator) =>
            setBody((b) => (target.mode === 'edit' ? replaceIndicator(b, indicator) : addIndicator(b, indicator)))
          }
          onClosed={() => setTarget(null)}
        />
      )}
    </Space>
  );
}
