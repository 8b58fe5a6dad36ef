import { useQuery } from '@tanstack/react-query';
import { Button, Card, Grid, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CITY_RULE_KEYS, type TCityRule, type TCityRuleKey } from '../../../../contracts/city-rule';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime, todayInBeijing } from '../../../lib/format';
import { api, type ListResponse } from '../../../request';
import { CITY_RULES_KEY, PublishCityRuleModal } from './components/PublishCityRuleModal';
import { ruleLabel, ruleValue } from './components/rule-values';

/** The published rules of one or every city, newest first within a city. */
export function CityRulesTable({ city }: { city?: string }) {
  const { t, locale } = useLocale();
  const rules = useQuery({
    queryKey: [...CITY_RULES_KEY, 'list', city ?? ''],
    queryFn: () => api.get<ListResponse<TCityRule>>('/api/city-rules', { city }),
  });
  const today = todayInBeijing();
  const status = (r: TCityRule) =>
    r.inForce ? (
      <Tag color="green">{t('cityRule.inForce')}</Tag>
    ) : r.effectiveFrom > today ? (
      <Tag color="blue">{t('cityRule.notYet')}</Tag>
    ) : (
      <Tag>{t('cityRule.replaced')}</Tag>
    );
  const wide = Grid.useBreakpoint().md !== false;
  const values = (p: TCityRule['parameters']) => (
    <Space orientation="vertical" size={0}>
      {Object.entries(p)
        .filter(([k]) => k in CITY_RULE_KEYS)
        .map(([k, n]) => (
          <span key={k} style={{ fontSize: 13 }}>
            {ruleLabel(k as TCityRuleKey, locale)}
            {t('common.colon')}
            {ruleValue(k as TCityRuleKey, n, t)}
          </span>
        ))}
    </Space>
  );
  // On a phone one column carries the whole rule: city, title, number, its values and from when.
  const narrow: TableColumnsType<TCityRule> = [
    {
      title: t('cityRule.ruleTitle'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <Space orientation="vertical" size={2}>
          <span>
            {r.cityName} · {title}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.documentNumber}
          </Typography.Text>
          {values(r.parameters)}
          <span>
            {t('cityRule.effectiveFrom')} {formatDate(r.effectiveFrom, locale)} {status(r)}
          </span>
        </Space>
      ),
    },
  ];
  const columns: TableColumnsType<TCityRule> = [
    { title: t('cityRule.city'), dataIndex: 'cityName', width: 110 },
    {
      title: t('cityRule.ruleTitle'),
      dataIndex: 'title',
      width: 240,
      render: (title: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>{title}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.documentNumber}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('cityRule.parameters'),
      dataIndex: 'parameters',
      width: 320,
      render: values,
    },
    {
      title: t('cityRule.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      width: 150,
      render: (d: string, r) => (
        <Space orientation="vertical" size={2}>
          {formatDate(d, locale)}
          {status(r)}
        </Space>
      ),
    },
    {
      title: t('cityRule.publishedAt'),
      dataIndex: 'publishedAt',
      width: 150,
      responsive: ['lg'],
      render: formatDateTime,
    },
  ];
  return (
    <Table<TCityRule>
      rowKey="id"
      size="middle"
      data-testid="city-rules-table"
      loading={rules.isPending}
      columns={wide ? columns : narrow}
      dataSource={rules.data?.items}
      pagination={false}
      scroll={wide ? { x: 900 } : undefined}
      locale={{ emptyText: t('cityRule.empty') }}
    />
  );
}

/** 市州配套实施细则 (Art. 15): every city's rules for all to read; a city publishes its own. */
export function CityRulesPage() {
  const { t } = useLocale();
  const can = useCan();
  const [publishing, setPublishing] = useState(false);
  return (
    <Card
      title={t('cityRule.title')}
      extra={
        can('cityRule.publish') && (
          <Button type="primary" onClick={() => setPublishing(true)} data-testid="city-rule-publish">
            {t('cityRule.publish')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('cityRule.intro')}</Typography.Paragraph>
      <CityRulesTable />
      {publishing && <PublishCityRuleModal onClose={() => setPublishing(false)} />}
    </Card>
  );
}
