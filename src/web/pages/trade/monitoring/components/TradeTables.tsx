import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Grid, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  NEWLY_TRADING_PAGE_SIZE,
  type TNewlyTrading,
  type TNewlyTradingPage,
  type TTradeBreakdownRow,
  type TTradeMonitoring,
  type TTradeMonitoringQuery,
} from '../../../../../contracts/trade-monitoring';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { api } from '../../../../request';
import { errorMessage } from '../../../../request-error';
import { type DrillFilters, declarationsHref, formatGrowth, formatShare, wan } from './format';

const num = { align: 'right' as const };

/** Countries, trade modes or HS chapters; each total links to its declarations (其他 gathers many: no link). */
export function BreakdownTable({
  rows,
  drillKey,
  drill,
  testId,
}: {
  rows: TTradeBreakdownRow[];
  drillKey: 'country' | 'tradeMode' | 'hsChapter';
  drill: DrillFilters;
  testId: string;
}) {
  const { t, locale } = useLocale();
  return (
    <Table<TTradeBreakdownRow>
      data-testid={testId}
      size="small"
      rowKey="code"
      pagination={false}
      // Fixed layout: a long HS chapter name is cut to its column instead of pushing the figures out of the card.
      tableLayout="fixed"
      scroll={{ x: 530 }}
      dataSource={rows}
      columns={[
        // HS chapter names are long: cut to the column, whole on hover.
        { title: t('trade.monitoring.col.name'), dataIndex: 'label', width: 160, ellipsis: { showTitle: true } },
        { title: t('trade.monitoring.col.export'), ...num, width: 100, render: (_, r) => wan(r.exportCnyFen, locale) },
        { title: t('trade.monitoring.col.import'), ...num, width: 100, render: (_, r) => wan(r.importCnyFen, locale) },
        {
          title: t('trade.monitoring.col.total'),
          ...num,
          width: 106,
          render: (_, r) =>
            r.code === 'other' ? (
              wan(r.totalCnyFen, locale)
            ) : (
              <Link to={declarationsHref({ ...drill, [drillKey]: r.code })}>{wan(r.totalCnyFen, locale)}</Link>
            ),
        },
        { title: t('trade.monitoring.col.share'), ...num, width: 64, render: (_, r) => formatShare(r.share, locale) },
      ]}
    />
  );
}

type RegionRow = TTradeMonitoring['byRegion'][number];

/** Cities (province) or counties (a city): the name drills down on this page, the total opens the declarations. */
export function RegionTable({
  data,
  drill,
  onDrill,
}: {
  data: TTradeMonitoring;
  drill: DrillFilters;
  onDrill: ((code: string) => void) | null;
}) {
  const { t, locale } = useLocale();
  const key = data.regionLevel === 'city' ? 'cityCode' : 'countyCode';
  return (
    <Table<RegionRow>
      data-testid="trade-region-table"
      size="small"
      rowKey="code"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={data.byRegion}
      columns={[
        {
          title: t('trade.monitoring.col.name'),
          render: (_, r) =>
            onDrill ? (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(r.code)}>
                {r.label}
              </Button>
            ) : (
              r.label
            ),
        },
        { title: t('trade.monitoring.col.export'), ...num, render: (_, r) => wan(r.exportCnyFen, locale) },
        { title: t('trade.monitoring.col.import'), ...num, render: (_, r) => wan(r.importCnyFen, locale) },
        {
          title: t('trade.monitoring.col.total'),
          ...num,
          render: (_, r) => (
            <Link data-testid={`trade-region-total-${r.code}`} to={declarationsHref({ ...drill, [key]: r.code })}>
              {wan(r.totalCnyFen, locale)}
            </Link>
          ),
        },
        { title: t('trade.monitoring.col.usd'), ...num, render: (_, r) => wan(r.totalUsdCent, locale) },
        { title: t('trade.monitoring.col.previous'), ...num, render: (_, r) => wan(r.previousCnyFen, locale) },
        { title: t('trade.monitoring.col.growth'), ...num, render: (_, r) => formatGrowth(r.growth, locale) },
      ]}
    />
  );
}

type MonthRow = TTradeMonitoring['months'][number];

export function MonthTable({ data, drill }: { data: TTradeMonitoring['months']; drill: DrillFilters }) {
  const { t, locale } = useLocale();
  return (
    <Table<MonthRow>
      size="small"
      rowKey="month"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={data}
      columns={[
        { title: t('trade.monitoring.col.month'), dataIndex: 'month' },
        { title: t('trade.monitoring.col.export'), ...num, render: (_, r) => wan(r.exportCnyFen, locale) },
        { title: t('trade.monitoring.col.import'), ...num, render: (_, r) => wan(r.importCnyFen, locale) },
        {
          title: t('trade.monitoring.col.total'),
          ...num,
          render: (_, r) => (
            <Link to={declarationsHref({ ...drill, month: r.month })}>{wan(r.totalCnyFen, locale)}</Link>
          ),
        },
        { title: t('trade.monitoring.col.previous'), ...num, render: (_, r) => wan(r.previousCnyFen, locale) },
        { title: t('trade.monitoring.col.growth'), ...num, render: (_, r) => formatGrowth(r.growth, locale) },
      ]}
    />
  );
}

type CentreRow = TTradeMonitoring['byCentre'][number];

export function CentreTable({ data, drill }: { data: TTradeMonitoring['byCentre']; drill: DrillFilters }) {
  const { t, locale } = useLocale();
  return (
    <Table<CentreRow>
      data-testid="trade-centre-table"
      size="small"
      rowKey="centreId"
      pagination={data.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      dataSource={data}
      columns={[
        { title: t('trade.monitoring.col.centre'), dataIndex: 'name' },
        { title: t('trade.monitoring.col.enterprises'), ...num, dataIndex: 'enterprises' },
        {
          title: t('trade.monitoring.col.total'),
          ...num,
          render: (_, r) => (
            <Link to={declarationsHref({ ...drill, centreId: r.centreId })}>{wan(r.totalCnyFen, locale)}</Link>
          ),
        },
        { title: t('trade.monitoring.col.usd'), ...num, render: (_, r) => wan(r.totalUsdCent, locale) },
        { title: t('trade.monitoring.col.newlyTrading'), ...num, dataIndex: 'newlyTrading' },
      ]}
    />
  );
}

type NewRow = TNewlyTrading;

/**
 * 新开口企业, paged on the server (issue 13): page 1 is the monitoring answer's (it carries that page and the total),
 * every other page is asked of /api/trade/monitoring/newly-trading with the page's filters. The parent keys this table
 * by its query, so a new year or filter starts again at page 1.
 */
export function NewlyTradingTable({
  firstPage,
  total,
  query,
  drill,
}: {
  firstPage: TTradeMonitoring['newlyTrading'];
  total: number;
  query: TTradeMonitoringQuery;
  drill: DrillFilters;
}) {
  const { t, locale } = useLocale();
  const [page, setPage] = useState(1);
  const pageSize = NEWLY_TRADING_PAGE_SIZE;
  const later = useQuery({
    queryKey: ['trade-monitoring', 'newly-trading', query, page],
    queryFn: () => api.get<TNewlyTradingPage>('/api/trade/monitoring/newly-trading', { ...query, page, pageSize }),
    enabled: page > 1,
    placeholderData: (previous) => previous,
  });
  const rows = page === 1 ? firstPage : (later.data?.items ?? []);
  // On a phone the first day and the centre go under the name: the three columns do not fit 375 px.
  const wide = Grid.useBreakpoint().md !== false;
  const centreOf = (r: NewRow) => r.centreName ?? t('trade.monitoring.noCentre');
  return (
    <>
      <Typography.Paragraph type="secondary">{t('trade.monitoring.newlyTrading.note')}</Typography.Paragraph>
      {later.isError && page > 1 && <Alert type="error" showIcon title={errorMessage(later.error)} />}
      <Table<NewRow>
        data-testid="trade-newly-table"
        size="small"
        rowKey="enterpriseId"
        loading={page > 1 && later.isFetching}
        pagination={{
          current: page,
          pageSize,
          // A later page counts again (the figures may have moved since the answer); page 1 is the answer's.
          total: page > 1 && later.data ? later.data.total : total,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        scroll={wide ? { x: 'max-content' } : undefined}
        dataSource={rows}
        columns={
          wide
            ? [
                {
                  title: t('trade.monitoring.col.enterprise'),
                  render: (_, r) => (
                    <Link to={declarationsHref({ ...drill, enterpriseId: r.enterpriseId })}>{r.name}</Link>
                  ),
                },
                { title: t('trade.monitoring.col.firstOn'), render: (_, r) => formatDate(r.firstOn, locale) },
                { title: t('trade.monitoring.col.centre'), render: (_, r) => centreOf(r) },
              ]
            : [
                {
                  title: t('trade.monitoring.col.enterprise'),
                  render: (_, r) => (
                    <>
                      <Link to={declarationsHref({ ...drill, enterpriseId: r.enterpriseId })}>{r.name}</Link>
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {formatDate(r.firstOn, locale)} · {centreOf(r)}
                      </Typography.Text>
                    </>
                  ),
                },
              ]
        }
      />
    </>
  );
}

type BeforeAfterRow = NonNullable<TTradeMonitoring['beforeAfter']>[number];

export function BeforeAfterTable({ data }: { data: BeforeAfterRow[] }) {
  const { t, locale } = useLocale();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('trade.monitoring.beforeAfter.note')}</Typography.Paragraph>
      <Table<BeforeAfterRow>
        data-testid="trade-before-after-table"
        size="small"
        rowKey="enterpriseId"
        pagination={data.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        dataSource={data}
        columns={[
          { title: t('trade.monitoring.col.enterprise'), dataIndex: 'name' },
          { title: t('trade.monitoring.col.firstServed'), dataIndex: 'firstServedMonth' },
          { title: t('trade.monitoring.col.before'), ...num, render: (_, r) => wan(r.beforeCnyFen, locale) },
          { title: t('trade.monitoring.col.after'), ...num, render: (_, r) => wan(r.afterCnyFen, locale) },
          { title: t('trade.monitoring.col.afterMonths'), ...num, dataIndex: 'afterMonths' },
        ]}
      />
    </>
  );
}
