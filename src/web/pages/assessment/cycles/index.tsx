import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Grid, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { SUBMISSION_STATUSES, type TSubmissionStatus } from '../../../../contracts/assessment';
import type { TAssessmentCycle, TSubmissionSummary } from '../../../../contracts/assessment-cycle';
import { useCan, useMe } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { STATUS_COLOURS, useCycles, useSubmissions } from '../shared/assessment-api';
import { DeadlineText } from '../shared/DeadlineTag';
import { OpenCycleModal } from './OpenCycleModal';

/**
 * 年度考核 (Art. 12(二)): the year's cycle with its deadlines and the submissions in the caller's scope — for the
 * province every centre by status, for a city its centres awaiting pre-review, for an operator its own submission.
 */
export function AssessmentPage() {
  const { t } = useLocale();
  const can = useCan();
  const cycles = useCycles();
  const [opening, setOpening] = useState(false);
  const [picked, setPicked] = useState<number | undefined>();
  const items = cycles.data?.items ?? [];
  const cycle = items.find((c) => c.id === picked) ?? items[0];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('assessment.title')}
        loading={cycles.isLoading}
        extra={
          <Space wrap>
            {items.length > 1 && (
              <Select
                style={{ width: 140 }}
                value={cycle?.id}
                onChange={setPicked}
                options={items.map((c) => ({ value: c.id, label: t('assessment.yearLabel', { year: c.year }) }))}
                aria-label={t('assessment.pickYear')}
              />
            )}
            {can('assessment.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="open-cycle">
                {t('assessment.open')}
              </Button>
            )}
          </Space>
        }
        data-testid="assessment-cycle"
      >
        {cycle ? <CycleSummary cycle={cycle} /> : <Empty description={t('assessment.noCycle')} />}
      </Card>
      {cycle && <SubmissionsCard cycle={cycle} />}
      {can('assessment.manage') && <OpenCycleModal open={opening} onClose={() => setOpening(false)} />}
    </Space>
  );
}

function CycleSummary({ cycle }: { cycle: TAssessmentCycle }) {
  const { t, locale } = useLocale();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {cycle.title}
        </Typography.Text>
        <Tag color={cycle.status === 'open' ? 'processing' : 'success'}>
          {t(`assessment.cycleStatus.${cycle.status}`)}
        </Tag>
      </Space>
      <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('assessment.submissionDue')}>
          <DeadlineText day={cycle.submissionDue} />
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.prereviewDue')}>
          <DeadlineText day={cycle.prereviewDue} />
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.evaluationDue')}>
          <DeadlineText day={cycle.evaluationDue} />
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.system')}>
          <Link to={`/assessment/systems/${cycle.systemId}`}>{cycle.systemTitle}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.openedAt')}>
          {formatDate(cycle.openedAt, locale)} {cycle.openedByName ?? ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.policyVersion')}>
          {t('assessment.policyVersionValue', { version: cycle.policyVersion })}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.notice')} span={{ xs: 1, sm: 2, lg: 3 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {cycle.notice}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {cycle.total > 0 && (
        <Space wrap size={24}>
          {SUBMISSION_STATUSES.filter((s) => cycle.counts[s] > 0).map((s) => (
            <Statistic key={s} title={t(`assessment.status.${s}`)} value={cycle.counts[s]} />
          ))}
          <Statistic title={t('assessment.totalCentres')} value={cycle.total} />
        </Space>
      )}
    </Space>
  );
}

function SubmissionsCard({ cycle }: { cycle: TAssessmentCycle }) {
  const { t } = useLocale();
  const me = useMe();
  const [status, setStatus] = useState<TSubmissionStatus | undefined>();
  const list = useSubmissions({ cycleId: cycle.id, status });
  const own = me.scope.kind === 'operator';
  // On a phone the region goes under the centre's name: the name and the status fit the screen.
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <Card
      title={own ? t('assessment.mySubmission') : t('assessment.submissions')}
      extra={
        !own && (
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('assessment.filterStatus')}
            value={status}
            onChange={setStatus}
            options={SUBMISSION_STATUSES.map((s) => ({ value: s, label: t(`assessment.status.${s}`) }))}
            aria-label={t('assessment.filterStatus')}
          />
        )
      }
    >
      <Table<TSubmissionSummary>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={(list.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={wide ? { x: 'max-content' } : undefined}
        locale={{ emptyText: t('assessment.noSubmissions') }}
        data-testid="submission-table"
        columns={[
          {
            title: t('assessment.field.centre'),
            dataIndex: 'centreName',
            render: (name: string, s) => (
              <div style={{ whiteSpace: 'normal' }}>
                <Link to={`/assessment/submissions/${s.id}`} data-testid="submission-link">
                  {name}
                </Link>
                {!wide && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {`${s.cityName} ${s.countyName}`}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          ...(wide
            ? [
                {
                  title: t('assessment.field.region'),
                  key: 'region',
                  render: (_: unknown, s: TSubmissionSummary) => `${s.cityName} ${s.countyName}`,
                },
              ]
            : []),
          {
            title: t('assessment.field.status'),
            dataIndex: 'status',
            width: wide ? undefined : 96,
            render: (s: TSubmissionStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`assessment.status.${s}`)}</Tag>,
          },
          ...(wide
            ? [
                {
                  title: t('assessment.field.submittedAt'),
                  dataIndex: 'submittedAt',
                  render: (v: string | null) => formatDateTime(v),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
