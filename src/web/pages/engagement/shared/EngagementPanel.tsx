import { FileDoneOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Steps, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ELIGIBILITY_ITEMS, type TEngagementDetail } from '../../../../contracts/engagement';
import { useCan } from '../../../access';
import { type MessageKey, useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { articleLabel, VerdictCard } from '../../centre/shared/VerdictView';
import { ChangeOperatorModal } from './changes/ChangeOperatorModal';
import { ChangesCard } from './changes/ChangesCard';
import { EngagementEvents } from './EngagementEvents';
import { ENGAGEMENT_STEPS, editableBeforeReport } from './engagement-labels';
import { ENGAGEMENT_STEPS_BY_ROLE, StepModal, type TEngagementStep } from './StepModal';
import { AgreementView } from './sections/AgreementCard';
import { AgreementModal } from './sections/AgreementModal';
import { ChecklistCard } from './sections/ChecklistCard';
import { ContractsCard } from './sections/ContractsCard';
import { FilingVerdict } from './sections/FilingVerdict';
import { MaterialsCard } from './sections/MaterialsCard';
import { TenderFacts } from './sections/TenderFacts';

const VERDICT_TITLES: Record<string, MessageKey> = {
  'operator.qualification': 'operator.verdict.qualification',
  'operator.violationFree': 'operator.verdict.violationFree',
};

/**
 * One engagement in full (Art. 10): where it stands, the steps the caller may take now (the server's
 * `allowedActions`, nothing guessed here), the tender, the operator's eligibility today, the materials, the
 * checklist, the agreement and its filing deadline, the annual contracts, changes of operator (Art. 10(六)), a
 * reprocurement warning and the history.
 * Used on the centre's page and on /engagements/:id.
 */
export function EngagementPanel({ engagement: e }: { engagement: TEngagementDetail }) {
  const { t, locale, labelOr } = useLocale();
  const [step, setStep] = useState<TEngagementStep | null>(null);
  const [signing, setSigning] = useState(false);
  const [changing, setChanging] = useState(false);
  const can = useCan();
  const allowed = new Set(e.allowedActions);
  // One application at a time (the server refuses a second with OPERATOR_CHANGE_PENDING): say so rather than offer it.
  const changePending = e.changes.some((c) => c.status === 'submitted' || c.status === 'forwarded');
  const editable = editableBeforeReport(e.status);

  const dates: Record<string, string | null> = {
    tendered: e.awardedOn,
    signed: e.signedOn,
    reported: e.reportedOn,
    filed: e.filedOn,
  };
  const index = e.status === 'ended' ? ENGAGEMENT_STEPS.length : ENGAGEMENT_STEPS.indexOf(e.status);
  const checklistDone = e.checklist.filter((c) => c.confirmed && c.evidence.trim()).length;
  const notReady = e.missingMaterials.length > 0 || checklistDone < ELIGIBILITY_ITEMS.length;

  const buttons = [
    allowed.has('sign') && (
      <Button
        key="sign"
        type={e.signedOn ? 'default' : 'primary'}
        icon={<FileDoneOutlined />}
        onClick={() => setSigning(true)}
        data-testid="engagement-action-sign"
      >
        {t(e.signedOn ? 'engagement.agreement.correct' : 'engagement.agreement.record')}
      </Button>
    ),
    ...ENGAGEMENT_STEPS_BY_ROLE.filter((s) => allowed.has(s)).map((s) => (
      <Button
        key={s}
        type={s === 'return' ? 'default' : 'primary'}
        danger={s === 'return'}
        onClick={() => setStep(s)}
        data-testid={`engagement-action-${s}`}
      >
        {t(`engagement.step.${s}`)}
      </Button>
    )),
    // The server offers the step only with no change open; the county still sees why it cannot apply twice.
    (allowed.has('changeOperator') || (changePending && e.status === 'filed' && can('engagement.manage'))) && (
      <Tooltip key="change" title={changePending ? t('engagement.change.pendingExists') : undefined}>
        <Button
          icon={<SwapOutlined />}
          disabled={changePending}
          onClick={() => setChanging(true)}
          data-testid="change-operator"
        >
          {t('engagement.change.apply')}
        </Button>
      </Tooltip>
    ),
  ].filter(Boolean);

  const verdictTitle = (rule: string, article: string) => {
    const key = VERDICT_TITLES[rule];
    const name = key ? t(key) : rule;
    const cite = articleLabel(article, locale);
    return locale === 'en' ? `${name} (${cite})` : `${name}（${cite}）`;
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="engagement-panel">
      <Steps
        size="small"
        current={Math.min(index, ENGAGEMENT_STEPS.length - 1)}
        status={e.status === 'filed' || e.status === 'ended' ? 'finish' : 'process'}
        data-testid="engagement-steps"
        items={ENGAGEMENT_STEPS.map((s) => ({
          title: t(`engagement.status.${s}`),
          content: dates[s] ? formatDate(dates[s], locale) : undefined,
        }))}
      />
      {e.reprocurement && (
        <Alert
          type="warning"
          showIcon
          data-testid="engagement-reprocurement"
          title={t('engagement.reprocurement.title')}
          description={
            <>
              <div>{e.reprocurement.message[locale]}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[
                  articleLabel(e.reprocurement.article, locale),
                  e.reprocurement.dueBy &&
                    t('engagement.reprocurement.dueBy', { date: formatDate(e.reprocurement.dueBy, locale) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </>
          }
        />
      )}
      {e.status === 'ended' && (
        <Alert
          type="info"
          showIcon
          title={t('engagement.ended', { date: formatDate(e.endedOn, locale) })}
          description={e.endReason ? labelOr(`engagement.endReason.${e.endReason}`, e.endReason) : undefined}
        />
      )}
      {buttons.length > 0 && (
        <Space wrap data-testid="engagement-actions">
          {buttons}
        </Space>
      )}
      {(allowed.has('report') || (allowed.has('materials') && editable)) && notReady && (
        <Alert
          type="warning"
          showIcon
          data-testid="engagement-readiness"
          title={t('engagement.readiness.title')}
          description={
            <>
              {e.missingMaterials.length > 0 && (
                <div>
                  {t('engagement.readiness.materials', {
                    list: e.missingMaterials.map((k) => t(`engagement.file.${k}`)).join(t('engagement.listSeparator')),
                  })}
                </div>
              )}
              {checklistDone < ELIGIBILITY_ITEMS.length && (
                <div>{t('engagement.readiness.checklist', { n: checklistDone, total: ELIGIBILITY_ITEMS.length })}</div>
              )}
            </>
          }
        />
      )}
      {e.changes.length > 0 && <ChangesCard engagement={e} />}
      <FilingVerdict engagement={e} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('engagement.tender.title')} style={{ height: '100%' }}>
            <TenderFacts engagement={e} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('engagement.eligibility.title')} style={{ height: '100%' }}>
            <Space orientation="vertical" style={{ width: '100%' }} data-testid="engagement-eligibility">
              {e.eligibility.map((v) => (
                <VerdictCard
                  key={v.rule}
                  verdict={v}
                  title={verdictTitle(v.rule, v.article)}
                  testId={`engagement-verdict-${v.rule.replace('operator.', '')}`}
                />
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('engagement.eligibility.hint')}
              </Typography.Text>
            </Space>
          </Card>
        </Col>
      </Row>
      <MaterialsCard engagement={e} canUpload={allowed.has('materials') && editable} />
      <ChecklistCard engagement={e} editable={allowed.has('checklist') && editable} />
      <Card size="small" title={t('engagement.agreement.title')}>
        <AgreementView engagement={e} />
      </Card>
      <ContractsCard engagement={e} />
      <Card size="small" title={t('centre.events')}>
        <EngagementEvents events={e.events} />
      </Card>
      {signing && <AgreementModal engagement={e} onClose={() => setSigning(false)} />}
      {changing && <ChangeOperatorModal engagement={e} onClose={() => setChanging(false)} />}
      {step && <StepModal engagement={e} step={step} onClose={() => setStep(null)} />}
    </Space>
  );
}
