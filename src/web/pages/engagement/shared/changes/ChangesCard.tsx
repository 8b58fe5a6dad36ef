import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TEngagementDetail, TOperatorChange } from '../../../../../contracts/engagement';
import { useLocale } from '../../../../i18n';
import { formatDate, formatDateTime } from '../../../../lib/format';
import { verdictFacts } from '../../../centre/shared/VerdictView';
import { ChangeStepModal, type TChangeStep } from './ChangeStepModal';
import { CHANGE_STATUS_COLOURS } from './change-labels';
import { HandoverTable } from './HandoverTable';

export function ChangeStatusTag({ status }: { status: TOperatorChange['status'] }) {
  const { t } = useLocale();
  return (
    <Tag color={CHANGE_STATUS_COLOURS[status]} data-testid="change-status" data-status={status}>
      {t(`engagement.change.status.${status}`)}
    </Tag>
  );
}

/** Art. 10(六): 1 month after the change — on time in green, late in red, with the server's own words. */
function ChangeDeadlineVerdict({ change }: { change: TOperatorChange }) {
  const { t, locale } = useLocale();
  const v = change.deadlineVerdict;
  return (
    <Alert
      type={v.ok ? 'success' : 'error'}
      showIcon
      data-testid="change-deadline-verdict"
      data-ok={String(v.ok)}
      title={
        <span>
          {t('engagement.change.deadline', { date: formatDate(change.deadline, locale) })}
          {t('common.colon')}
          {t(v.ok ? 'engagement.filing.onTime' : 'engagement.filing.overdue')}
        </span>
      }
      description={
        <>
          <div>{v.message[locale]}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {verdictFacts(v, t, locale)}
          </Typography.Text>
        </>
      }
    />
  );
}

function ChangeItem({ change: c, onStep }: { change: TOperatorChange; onStep: (step: TChangeStep) => void }) {
  const { t, locale } = useLocale();
  const allowed = new Set(c.allowedActions);
  const day = (d: string | null) => formatDate(d, locale);
  const buttons = [
    allowed.has('forward') && (
      <Button key="forward" type="primary" onClick={() => onStep('forward')} data-testid="change-forward">
        {t('engagement.change.step.forward')}
      </Button>
    ),
    allowed.has('decide') && (
      <Button key="approve" type="primary" onClick={() => onStep('approve')} data-testid="change-approve">
        {t('engagement.change.step.approve')}
      </Button>
    ),
    allowed.has('decide') && (
      <Button key="reject" danger onClick={() => onStep('reject')} data-testid="change-reject">
        {t('engagement.change.step.reject')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <Card
      type="inner"
      size="small"
      data-testid="change-card"
      data-status={c.status}
      title={
        <Space size={8} wrap>
          {t('engagement.change.cardTitle', { outgoing: c.outgoingOperatorName })}
          <ChangeStatusTag status={c.status} />
        </Space>
      }
      extra={buttons.length > 0 && <Space wrap>{buttons}</Space>}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <ChangeDeadlineVerdict change={c} />
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('engagement.change.cause')}>
            {t(`engagement.change.cause.${c.cause}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('engagement.change.changedOn')}>{day(c.changedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('engagement.change.appliedOn')}>
            {day(c.appliedOn)}
            {c.appliedBy && (
              <Typography.Text type="secondary">
                {' · '}
                {c.appliedBy}
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('engagement.change.incoming')}>
            <span data-testid="change-incoming">{c.incomingOperatorName ?? t('engagement.change.incomingNone')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('engagement.change.reason')} span={{ xs: 1, md: 2 }}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.reason}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('engagement.change.servedPeriod')} span={{ xs: 1, md: 2 }}>
            <span data-testid="change-served-period">
              {t('engagement.change.served', { start: day(c.servedFrom), end: day(c.servedTo), days: c.servedDays })}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('engagement.change.evaluation')} span={{ xs: 1, md: 2 }}>
            <Tag
              color={c.evaluationResult === 'satisfactory' ? 'green' : 'red'}
              data-testid="change-evaluation"
              data-result={c.evaluationResult}
            >
              {t(`engagement.change.result.${c.evaluationResult}`)}
            </Tag>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.evaluationNote}</span>
          </Descriptions.Item>
          {c.forwardComment && (
            <Descriptions.Item label={t('engagement.change.forwardComment')} span={{ xs: 1, md: 2 }}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{c.forwardComment}</span>
            </Descriptions.Item>
          )}
          {(c.decisionComment || c.decidedAt) && (
            <Descriptions.Item label={t('engagement.change.decisionComment')} span={{ xs: 1, md: 2 }}>
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid="change-decision-comment">
                {c.decisionComment ?? '—'}
              </span>
              {c.decidedAt && (
                <Typography.Text type="secondary">
                  {' · '}
                  {formatDateTime(c.decidedAt)}
                </Typography.Text>
              )}
            </Descriptions.Item>
          )}
        </Descriptions>
        {c.status !== 'rejected' && <HandoverTable change={c} editable={allowed.has('handover')} />}
      </Space>
    </Card>
  );
}

/**
 * 更换承办企业 (Art. 10(六)) of one engagement: each application with its deadline verdict, the outgoing operator's
 * served period and evaluation, the offices' comments, the steps the caller may take now (the server's
 * `allowedActions`) and the handover checklist.
 */
export function ChangesCard({ engagement: e }: { engagement: TEngagementDetail }) {
  const { t } = useLocale();
  const [open, setOpen] = useState<{ change: TOperatorChange; step: TChangeStep } | null>(null);
  return (
    <Card size="small" title={t('engagement.change.title')} data-testid="engagement-changes">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {e.changes.map((c) => (
          <ChangeItem key={c.id} change={c} onStep={(step) => setOpen({ change: c, step })} />
        ))}
      </Space>
      {open && <ChangeStepModal change={open.change} step={open.step} onClose={() => setOpen(null)} />}
    </Card>
  );
}
