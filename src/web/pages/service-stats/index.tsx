import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Form, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import type { TServiceStats } from '../../../contracts/service-record';
import { FilterBar } from '../../components/FilterBar';
import { PageSpinner } from '../../components/PageResults';
import { useLocale } from '../../i18n';
import { api, exportUrl } from '../../request';
import { errorMessage } from '../../request-error';
import { CentreFiguresTable } from './components/CentreFiguresTable';
import { KpiCards } from './components/KpiCards';
import { CategoryChart, MonthlyChart, SatisfactionChart } from './components/StatsCharts';
import { StatsFilterFields, type StatsFilterForm, thisYear, toStatsQuery } from './components/StatsFilters';

/**
 * 服务统计 (Art. 8): volume by category, response and completion times, satisfaction and rating rate for the
 * caller's scope and per centre, all computed on the server from the platform's records and stored ratings.
 */
export function ServiceStatsPage() {
  const { t } = useLocale();
  const [form] = Form.useForm<StatsFilterForm>();
  const [initial] = useState(thisYear);
  const [query, setQuery] = useState(() => toStatsQuery(initial));
  const stats = useQuery({
    queryKey: ['service-stats', query],
    queryFn: () => api.get<TServiceStats>('/api/service-stats', query),
    placeholderData: (previous) => previous,
  });
  const data = stats.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('stats.title')}>
        <Typography.Paragraph type="secondary">{t('stats.basis')}</Typography.Paragraph>
        <FilterBar
          form={form}
          initialValues={initial}
          onSearch={(values) => setQuery(toStatsQuery(values))}
          exportHref={exportUrl('/api/service-stats', query)}
        >
          <StatsFilterFields form={form} />
        </FilterBar>
        {stats.isError && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
        {stats.isPending && <PageSpinner />}
        {data && <KpiCards totals={data.totals} />}
      </Card>
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('stats.chart.byCategory')} style={{ height: '100%' }}>
              <CategoryChart data={data.byCategory} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card title={t('stats.chart.satisfaction')}>
                <SatisfactionChart satisfaction={data.totals.satisfaction} />
              </Card>
              <Card title={t('stats.chart.byMonth')}>
                <MonthlyChart data={data.byMonth} />
              </Card>
            </Space>
          </Col>
        </Row>
      )}
      <Card title={t('stats.table.title')}>
        <CentreFiguresTable stats={data} loading={stats.isFetching} />
      </Card>
    </Space>
  );
}
