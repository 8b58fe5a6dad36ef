import { ArrowLeftOutlined, EditOutlined, ExclamationCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TVerdict } from '../../../../contracts/centre';
import { useCan } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { detailView } from '../../../components/DetailPage';
import { type MessageKey, useLocale } from '../../../i18n';
import { articleLabel, VerdictCard } from '../../centre/shared/VerdictView';
import { OperatorFormModal } from '../shared/OperatorFormModal';
import { QualificationTag } from '../shared/QualificationTag';
import { useOperatorDetail } from '../shared/queries';
import { EngagementTable } from './components/EngagementTable';
import { OperatorDescriptions } from './components/OperatorDescriptions';
import { SanctionHistory } from './components/SanctionHistory';
import { ViolationModal } from './components/ViolationModal';
import { ViolationTable } from './components/ViolationTable';

const VERDICT_TITLES: Record<string, MessageKey> = {
  'operator.qualification': 'operator.verdict.qualification',
  'operator.violationFree': 'operator.verdict.violationFree',
};

/**
 * One operator enterprise: its registration, whether it may apply for or run a centre today (Art. 10(一)3, 13, 14,
 * as the server judges it), the centres it runs or ran, its violations, and the edits the caller may make.
 */
export function OperatorDetailPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const id = Number(useParams().id);
  const detail = useOperatorDetail(id);
  const [editOpen, setEditOpen] = useState(false);
  const [violationOpen, setViolationOpen] = useState(false);

  const view = detailView(detail, {
    title: t('operator.notFound'),
    backTo: '/operators',
    backLabel: t('operator.backToList'),
  });
  if (view.fallback) return view.fallback;

  const operator = view.data;
  // What this caller may do to this operator (its role within the operator's regions, decision 0009), as the server
  // says; the server checks each again.
  const allowed = new Set(operator.allowedActions);
  const verdictTitle = (verdict: TVerdict) => {
    const key = VERDICT_TITLES[verdict.rule];
    const name = key ? t(key) : verdict.rule;
    const article = articleLabel(verdict.article, locale);
    return locale === 'en' ? `${name} (${article})` : `${name}（${article}）`;
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="operator-detail">
      <Card
        title={
          <Space wrap size={8} style={{ rowGap: 4 }}>
            <Link to="/operators" aria-label={t('operator.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="operator-name">
              {operator.name}
            </Typography.Text>
            <QualificationTag status={operator.qualificationStatus} />
            {operator.isDemo && <DemoTag />}
          </Space>
        }
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            loading={detail.isFetching}
            onClick={() => detail.refetch()}
            aria-label={t('common.retry')}
          />
        }
      >
        {(allowed.has('update') || allowed.has('recordViolation')) && (
          <Space wrap style={{ display: 'flex', marginBottom: 16 }} data-testid="operator-actions">
            {allowed.has('update') && (
              <Button icon={<EditOutlined />} data-testid="operator-edit" onClick={() => setEditOpen(true)}>
                {t('common.edit')}
              </Button>
            )}
            {allowed.has('recordViolation') && (
              <Button
                danger
                icon={<ExclamationCircleOutlined />}
                data-testid="violation-record"
                onClick={() => setViolationOpen(true)}
              >
                {t('operator.violation.record')}
              </Button>
            )}
          </Space>
        )}
        {allowed.size === 0 && (can('operator.update') || can('operator.recordViolation')) && (
          <Typography.Paragraph type="secondary" data-testid="operator-outside-region">
            {t('operator.outsideRegion')}
          </Typography.Paragraph>
        )}
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
          <Typography.Text strong>{t('operator.eligibility')}</Typography.Text>
          <Tag
            color={operator.eligible ? 'green' : 'red'}
            data-testid="operator-eligible"
            data-ok={String(operator.eligible)}
          >
            {t(operator.eligible ? 'operator.eligible.yes' : 'operator.eligible.no')}
          </Tag>
        </div>
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {operator.eligibility.map((verdict) => (
            <Col xs={24} lg={12} key={verdict.rule}>
              <VerdictCard
                verdict={verdict}
                title={verdictTitle(verdict)}
                testId={`verdict-${verdict.rule.replace('operator.', '')}`}
              />
            </Col>
          ))}
        </Row>
        <OperatorDescriptions operator={operator} />
      </Card>
      <Card title={t('operator.engagements')} size="small">
        <EngagementTable engagements={operator.engagements} />
      </Card>
      <Card title={t('operator.violations')} size="small">
        <ViolationTable violations={operator.violations} />
      </Card>
      {can('sanction.read') && <SanctionHistory operatorId={operator.id} />}
      <OperatorFormModal open={editOpen} operator={operator} onClose={() => setEditOpen(false)} />
      {violationOpen && <ViolationModal operator={operator} onClose={() => setViolationOpen(false)} />}
    </Space>
  );
}
