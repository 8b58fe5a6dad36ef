import { useQuery } from '@tanstack/react-query';
import { Card, Grid, Segmented, Space, Table, type TableColumnsType, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TCentreConditionStatus } from '../../../../contracts/city-rule';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { api, type ListResponse } from '../../../request';
import { CityRuleTag, verdictFacts } from '../shared/VerdictView';

type Show = 'overdue' | 'open' | 'resolved';

/** The evidence: each change of the verdicts, the day it was seen, what failed and on which numbers. */
function History({ item }: { item: TCentreConditionStatus }) {
  const { t, locale } = useLocale();
  return (
    <div style={{ padding: '8px 0' }}>
      <Typography.Text strong>{t('conditions.history')}</Typography.Text>
      <Timeline
        style={{ marginTop: 12 }}
        items={item.history.map((h, i) => ({
          key: `${h.on}-${i}`,
          color: h.ok ? 'green' : 'red',
          content: (
            <Space orientation="vertical" size={2}>
              <span>
                {formatDate(h.on, locale)}{' '}
                <Tag color={h.ok ? 'green' : 'red'}>
                  {t(h.ok ? 'conditions.history.ok' : 'conditions.history.fail')}
                </Tag>
              </span>
              {h.verdicts
                .filter((v) => !v.ok || h.ok)
                .map((v) => (
                  <span key={v.rule} style={{ fontSize: 13 }}>
                    {v.message[locale]}
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                      {verdictFacts(v, t, locale)}
                    </Typography.Text>
                  </span>
                ))}
            </Space>
          ),
        }))}
      />
    </div>
  );
}

/**
 * 不再满足设立条件的中心 (Art. 9(四)): recognised centres whose venue or staffing has failed, longest first. The
 * province decides the adjustment or revocation on the centre's own page (the link); this list decides nothing.
 */
export function CentreConditionsPage() {
  const { t, locale } = useLocale();
  const [show, setShow] = useState<Show>('overdue');
  const list = useQuery({
    queryKey: ['centres', 'conditions', show],
    queryFn: () => api.get<ListResponse<TCentreConditionStatus>>('/api/centres/conditions', { show }),
  });
  // On a phone the centre's cell carries the condition, the dates and the days; the decision link stays beside it.
  const wide = Grid.useBreakpoint().md !== false;
  const columns: TableColumnsType<TCentreConditionStatus> = [
    {
      title: t('conditions.centre'),
      dataIndex: 'centreName',
      width: wide ? 220 : undefined,
      render: (name: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/centres/${r.centreId}`}>{name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.cityName} {r.countyName}
          </Typography.Text>
          {!wide && (
            <>
              <span>
                <Tag color="red">{t(`conditions.condition.${r.condition}`)}</Tag>
                {r.overdue && <Tag color="volcano">{t('conditions.overdue')}</Tag>}
              </span>
              <Typography.Text style={{ fontSize: 12 }}>
                {t('conditions.failingSince')} {formatDate(r.failingSince, locale)} ·{' '}
                {t('conditions.daysValue', { days: r.daysFailing, threshold: r.thresholdDays })}
              </Typography.Text>
              {r.resolvedOn && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('conditions.resolvedOn')} {formatDate(r.resolvedOn, locale)}
                </Typography.Text>
              )}
            </>
          )}
        </Space>
      ),
    },
    {
      title: t('conditions.condition'),
      dataIndex: 'condition',
      width: 150,
      render: (c: TCentreConditionStatus['condition']) => <Tag color="red">{t(`conditions.condition.${c}`)}</Tag>,
    },
    {
      title: t('conditions.failingSince'),
      dataIndex: 'failingSince',
      width: 140,
      render: (d: string, r) => (
        <Space orientation="vertical" size={0}>
          {formatDate(d, locale)}
          {r.resolvedOn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('conditions.resolvedOn')} {formatDate(r.resolvedOn, locale)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('conditions.days'),
      dataIndex: 'daysFailing',
      width: 150,
      render: (days: number, r) => (
        <Space orientation="vertical" size={0}>
          <span>{t('conditions.daysValue', { days, threshold: r.thresholdDays })}</span>
          {r.overdue && <Tag color="volcano">{t('conditions.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('conditions.verdict'),
      key: 'verdict',
      responsive: ['md'],
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={2}>
          {r.lastVerdicts
            .filter((v) => !v.ok || r.resolvedOn)
            .map((v) => (
              <span key={v.rule} style={{ fontSize: 13 }}>
                {v.message[locale]} <CityRuleTag verdict={v} />
              </span>
            ))}
        </Space>
      ),
    },
    {
      title: t('conditions.decision'),
      key: 'decision',
      width: wide ? 130 : 96,
      render: (_: unknown, r) => (
        <Link to={r.decisionLink} data-testid={`condition-decide-${r.id}`}>
          {r.overdue ? t('conditions.decisionLink') : t('conditions.viewCentre')}
        </Link>
      ),
    },
  ];
  const shown = wide
    ? columns
    : columns.filter((c) => c.key === 'decision' || ('dataIndex' in c && c.dataIndex === 'centreName'));
  const segmented = (
    <Segmented<Show>
      value={show}
      onChange={setShow}
      data-testid="conditions-show"
      options={[
        { value: 'overdue', label: t('conditions.show.overdue') },
        { value: 'open', label: t('conditions.show.open') },
        { value: 'resolved', label: t('conditions.show.resolved') },
      ]}
    />
  );
  const empty =
    show === 'overdue'
      ? t('conditions.empty')
      : show === 'open'
        ? t('conditions.emptyOpen')
        : t('conditions.emptyResolved');
  return (
    <Card title={t('conditions.title')} extra={wide && segmented}>
      {!wide && <div style={{ marginBottom: 12 }}>{segmented}</div>}
      <Typography.Paragraph type="secondary">{t('conditions.intro')}</Typography.Paragraph>
      <Table<TCentreConditionStatus>
        rowKey="id"
        size="middle"
        data-testid="conditions-table"
        loading={list.isPending}
        columns={shown}
        dataSource={list.data?.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={wide ? { x: 860 } : undefined}
        expandable={{ expandedRowRender: (r) => <History item={r} /> }}
        locale={{ emptyText: empty }}
      />
    </Card>
  );
}
