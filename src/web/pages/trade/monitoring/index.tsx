import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Select, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { TTradeMonitoring } from '../../../../contracts/trade-monitoring';
import { useMe } from '../../../access';
import { PageSpinner } from '../../../components/PageResults';
import { useLocale } from '../../../i18n';
import { todayInBeijing } from '../../../lib/format';
import { api, exportUrl } from '../../../request';
import { errorMessage } from '../../../request-error';
import type { DrillFilters } from './components/format';
import { BreakdownChart, MonthChart } from './components/TradeCharts';
import { TradeKpis } from './components/TradeKpis';
import {
  BeforeAfterTable,
  BreakdownTable,
  CentreTable,
  MonthTable,
  NewlyTradingTable,
  RegionTable,
} from './components/TradeTables';

const FILTER_KEYS = ['cityCode', 'countyCode', 'centreId', 'enterpriseId', 'direction'] as const;

/**
 * 贸易监测 (issue 13; Art. 5(十三), Art. 12): a year's imports and exports in the caller's scope, from the figures
 * layer. The URL holds the year and the filters, so a drill-down is a link; every figure links to its declarations.
 */
export function TradeMonitoringPage() {
  const { t, locale } = useLocale();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayInBeijing().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const filters: DrillFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) Object.assign(filters, { [k]: k === 'centreId' || k === 'enterpriseId' ? Number(v) : v });
  }
  const query = { year, ...filters };
  const monitoring = useQuery({
    // The server names countries, modes and chapters in the reader's language: a language switch asks again.
    queryKey: ['trade-monitoring', locale, query],
    queryFn: () => api.get<TTradeMonitoring>('/api/trade/monitoring', query),
    placeholderData: (previous) => previous,
  });
  const data = monitoring.data;
  const drill: DrillFilters = { ...filters, year };
  const set = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next);
  };
  const role = me.user.role;
  const official = role === 'province' || role === 'city' || role === 'county';
  const onDrill =
    data?.regionLevel === 'city'
      ? (code: string) => set({ cityCode: code, countyCode: undefined })
      : data?.regionLevel === 'county'
        ? (code: string) => set({ countyCode: code })
        : null;
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('trade.monitoring.title')}>
        <Typography.Paragraph type="secondary">{t('trade.monitoring.basis')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('trade.monitoring.year')}
            data-testid="trade-year"
            value={year}
            style={{ width: 120 }}
            options={years.map((y) => ({ value: y, label: t('trade.monitoring.yearValue', { year: y }) }))}
            onChange={(y) => set({ year: y })}
          />
          <Select
            aria-label={t('trade.monitoring.direction')}
            value={filters.direction ?? ''}
            style={{ width: 150 }}
            options={[
              { value: '', label: t('trade.monitoring.direction.all') },
              { value: 'export', label: t('trade.monitoring.direction.export') },
              { value: 'import', label: t('trade.monitoring.direction.import') },
            ]}
            onChange={(d) => set({ direction: d || undefined })}
          />
          <Button href={exportUrl('/api/trade/monitoring', query)}>{t('common.export')}</Button>
        </Space>
        {official && (filters.cityCode || filters.countyCode) && (
          <Space style={{ marginBottom: 16 }}>
            <Button
              size="small"
              onClick={() => set(filters.countyCode ? { countyCode: undefined } : { cityCode: undefined })}
            >
              {t('trade.monitoring.back')}
            </Button>
            {data?.regionName && <Typography.Text strong>{data.regionName}</Typography.Text>}
          </Space>
        )}
        {data?.centre && (
          <Typography.Paragraph strong>
            {t('trade.monitoring.scope.centre', { name: data.centre.name })}
          </Typography.Paragraph>
        )}
        {monitoring.isError && <Alert type="error" showIcon title={errorMessage(monitoring.error)} />}
        {monitoring.isPending && <PageSpinner />}
        {data && <TradeKpis data={data} drill={drill} />}
      </Card>
      {data && (
        <>
          <Card title={t('trade.monitoring.chart.months')}>
            <MonthChart data={data.months} />
            <MonthTable data={data.months} drill={drill} />
          </Card>
          {data.regionLevel && (
            <Card
              title={t(data.regionLevel === 'city' ? 'trade.monitoring.region.city' : 'trade.monitoring.region.county')}
            >
              <RegionTable data={data} drill={drill} onDrill={onDrill} />
            </Card>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={t('trade.monitoring.chart.country')} style={{ height: '100%' }}>
                <BreakdownChart rows={data.byCountry} testId="trade-country-chart" />
                <BreakdownTable rows={data.byCountry} drillKey="country" drill={drill} testId="trade-country-table" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('trade.monitoring.chart.chapter')} style={{ height: '100%' }}>
                <BreakdownChart rows={data.byHsChapter} testId="trade-chapter-chart" />
                <BreakdownTable
                  rows={data.byHsChapter}
                  drillKey="hsChapter"
                  drill={drill}
                  testId="trade-chapter-table"
                />
              </Card>
            </Col>
          </Row>
          <Card title={t('trade.monitoring.chart.mode')}>
            <BreakdownTable rows={data.byTradeMode} drillKey="tradeMode" drill={drill} testId="trade-mode-table" />
          </Card>
          {data.byCentre.length > 0 && role !== 'enterprise' && (
            <Card title={t('trade.monitoring.centres')}>
              <CentreTable data={data.byCentre} drill={drill} />
            </Card>
          )}
          {data.beforeAfter && (
            <Card title={t('trade.monitoring.beforeAfter')}>
              <BeforeAfterTable data={data.beforeAfter} />
            </Card>
          )}
          {role !== 'enterprise' && (
            <Card title={t('trade.monitoring.newlyTrading')}>
              <NewlyTradingTable
                key={JSON.stringify(query)}
                firstPage={data.newlyTrading}
                total={data.newlyTradingTotal}
                query={query}
                drill={drill}
              />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
