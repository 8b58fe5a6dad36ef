import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { GRADE_NAMES, METRIC_UNITS, type TSubmissionStatus } from '../../../../contracts/assessment';
import type { TEvaluation, TEvaluationIndicator } from '../../../../contracts/assessment-evaluation';
import { useCan } from '../../../access';
import { detailView } from '../../../components/DetailPage';
import { Timeline } from '../../../components/Timeline';
import { isMessageKey, useLocale } from '../../../i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { api } from '../../../request';
import { EVALUATION_KEY, useEvaluation } from '../shared/evaluation-api';
import { FraudSignals } from '../shared/FraudSignals';
import { DueDate, GradeTag, points, StatusTag } from '../shared/labels';
import { InspectionsCard } from './InspectionsCard';
import { ScoreForm } from './ScoreForm';

/**
 * 评估工作台 (Art. 12(二)(3)): the submission's figures and the engine's points per indicator, the agency's scores with
 * their remarks, the on-site inspections, the total and grade. The assigned evaluator records inspections and
 * scores; the province sends a score back with a reason or confirms it. Operators and officials see the breakdown
 * once the year is published.
 */
export function EvaluationPage() {
  const { t, locale } = useLocale();
  const id = Number(useParams().id);
  const detail = useEvaluation(Number.isInteger(id) && id > 0 ? id : -1);
  const can = useCan();
  const view = detailView(detail, {
    title: t('evaluation.detail.notFound'),
    backTo: '/assessment/evaluation',
    backLabel: t('evaluation.detail.back'),
  });
  if (view.fallback) return view.fallback;
  const e = view.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        data-testid="evaluation-detail"
        title={
          <Space wrap size={8} style={{ rowGap: 4 }}>
            <Link to="/assessment/evaluation" aria-label={t('evaluation.detail.back')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'normal' }}>
              {t('evaluation.detail.title', { centre: e.centreName, year: e.cycle.year })}
            </Typography.Text>
            <StatusTag status={e.status} />
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label={t('evaluation.col.operator')}>{e.operatorName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.col.agency')}>{e.agencyName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.col.due')}>
            {e.status === 'assigned' || e.status === 'sent_back' ? (
              <DueDate day={e.cycle.evaluationDue} />
            ) : (
              formatDate(e.cycle.evaluationDue, locale)
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluation.col.total')}>
            {e.total === null ? (
              '—'
            ) : (
              <Space size={8}>
                <span data-testid="evaluation-total">{points(e.total)}</span>
                <GradeTag grade={e.grade} />
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluation.detail.statement')} span={{ xs: 1, sm: 2 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {e.statement ?? '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluation.detail.files')} span={{ xs: 1, sm: 2 }}>
            {e.files.length === 0 ? (
              t('evaluation.detail.noFiles')
            ) : (
              <Space orientation="vertical" size={0}>
                {e.files.map((f) => (
                  <span key={f.id} style={{ overflowWrap: 'anywhere' }}>
                    {f.fileName}
                  </span>
                ))}
                <Link to={`/assessment/submissions/${e.submissionId}`}>{t('evaluation.detail.openSubmission')}</Link>
              </Space>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {!e.breakdownVisible ? (
        <Alert type="info" showIcon title={t('evaluation.detail.hidden')} />
      ) : (
        <>
          <IndicatorsCard e={e} />
          {e.can.score && <ScoreForm e={e} />}
          <InspectionsCard e={e} />
          {/* Art. 13(三), 14: evidence for those who judge (the province, the assigned evaluator), never a deduction. */}
          {can('assessment.signals') && <FraudSignals submissionId={e.submissionId} />}
          {(e.can.sendBack || e.can.confirm) && <ReviewCard e={e} />}
        </>
      )}
      <Card title={t('evaluation.timeline')} size="small">
        <Timeline
          items={e.events.map((ev) => {
            // The steps before evaluation (open, submit, pass, return, reopen) are named as the submission page names them.
            const key = [`evaluation.event.${ev.action}`, `assessment.event.${ev.action}`].find(isMessageKey);
            return {
              key: `${ev.at}-${ev.action}`,
              title: key ? t(key) : ev.action,
              status:
                ev.toStatus && ev.toStatus !== ev.fromStatus ? (
                  <StatusTag status={ev.toStatus as TSubmissionStatus} />
                ) : null,
              who: ev.actorName,
              role: ev.actorRole,
              at: ev.at,
              note: ev.reason,
              colour: ev.action === 'sendBack' ? 'orange' : ev.action === 'publish' ? 'green' : 'blue',
            };
          })}
          testIds={{ list: 'evaluation-timeline', item: 'evaluation-event' }}
        />
      </Card>
    </Space>
  );
}

function IndicatorsCard({ e }: { e: TEvaluation }) {
  const { t, locale } = useLocale();
  return (
    <Card
      title={t('evaluation.detail.indicators')}
      size="small"
      data-testid="evaluation-indicators"
      extra={
        e.computedTotal !== null && (
          <Typography.Text>{t('evaluation.detail.totalLine', { total: e.computedTotal.toFixed(2) })}</Typography.Text>
        )
      }
    >
      {!e.complete && e.status !== 'published' && (
        <Alert type="warning" showIcon title={t('evaluation.detail.incomplete')} style={{ marginBottom: 12 }} />
      )}
      <Table<TEvaluationIndicator>
        size="small"
        rowKey="key"
        dataSource={e.indicators}
        pagination={false}
        columns={[
          {
            title: t('evaluation.col.indicator'),
            key: 'name',
            render: (_, i) => (
              <Space orientation="vertical" size={0}>
                <span>{i.name[locale]}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.article}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('evaluation.col.rule'),
            key: 'rule',
            width: 300,
            responsive: ['lg'],
            render: (_, i) => <Typography.Text style={{ fontSize: 12 }}>{i.rule[locale]}</Typography.Text>,
          },
          {
            title: t('evaluation.col.value'),
            key: 'value',
            width: 110,
            align: 'right',
            responsive: ['sm'],
            render: (_, i) =>
              i.source === 'evaluator' ? (
                <Tag>{t('evaluation.source.evaluator')}</Tag>
              ) : i.value === null || i.metric === null ? (
                '—'
              ) : (
                `${formatNumber(Math.round(i.value * 100) / 100, locale)} ${METRIC_UNITS[i.metric][locale]}`
              ),
          },
          {
            title: t('evaluation.col.points'),
            key: 'points',
            width: 90,
            align: 'right',
            render: (_, i) => `${points(i.points)} / ${i.weight}`,
          },
          {
            title: t('evaluation.col.remark'),
            key: 'remark',
            width: 220,
            responsive: ['md'],
            render: (_, i) => i.remark ?? '',
          },
        ]}
      />
    </Card>
  );
}

function ReviewCard({ e }: { e: TEvaluation }) {
  const { t, locale } = useLocale();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: EVALUATION_KEY });
  const sendBack = useMutation({
    mutationFn: (reason: string) => api.post(`/api/assessment/submissions/${e.submissionId}/send-back`, { reason }),
    onSuccess: () => {
      message.success(t('evaluation.review.sentBack'));
      setSending(false);
      void refresh();
    },
  });
  const confirm = useMutation({
    mutationFn: () => api.post(`/api/assessment/submissions/${e.submissionId}/confirm`),
    onSuccess: () => {
      message.success(t('evaluation.review.confirmed'));
      void refresh();
    },
  });
  return (
    <Card title={t('evaluation.review.title')} size="small" data-testid="evaluation-review">
      <Space wrap>
        {e.can.confirm && (
          <Button
            type="primary"
            loading={confirm.isPending}
            data-testid="evaluation-confirm"
            onClick={() =>
              modal.confirm({
                title: t('evaluation.review.confirm'),
                content: t('evaluation.review.confirmAsk', {
                  total: points(e.total),
                  grade: e.grade ? GRADE_NAMES[e.grade][locale] : '—',
                }),
                onOk: () => confirm.mutateAsync(),
              })
            }
          >
            {t('evaluation.review.confirm')}
          </Button>
        )}
        {e.can.sendBack && (
          <Button danger onClick={() => setSending(true)} data-testid="evaluation-send-back">
            {t('evaluation.review.sendBack')}
          </Button>
        )}
      </Space>
      <Modal
        title={t('evaluation.review.sendBack')}
        open={sending}
        onCancel={() => setSending(false)}
        onOk={() => form.submit()}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={sendBack.isPending}
        afterClose={() => form.resetFields()}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => sendBack.mutate(v.reason)}>
          <Form.Item
            name="reason"
            label={t('evaluation.review.reason')}
            rules={[{ required: true, whitespace: true, min: 2, max: 1000 }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
