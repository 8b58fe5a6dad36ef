// The ESM build: a default import of 'echarts-for-react/lib/core' yields the module object under Vite 8 and React
// renders nothing (stack.md pitfall 1).
import { Empty } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { RATING_LEVELS, type TServiceStats } from '../../../../contracts/service-record';
import { useLocale } from '../../../i18n';
import { serviceLabel } from '../../centre/shared/centre-labels';
import { CHART_ARIA, echarts } from './echarts';
import { LEVEL_COLOURS } from './stats-format';

const BLUE = '#1d4f91';

/** Volume per Art. 5 category, most first (horizontal bars: the category names are long). */
export function CategoryChart({ data }: { data: TServiceStats['byCategory'] }) {
  const { t, locale } = useLocale();
  if (data.length === 0) return <Empty description={t('stats.empty')} />;
  // Largest at the top: ECharts draws a category axis from the bottom up.
  const rows = [...data].reverse();
  const option = {
    ...CHART_ARIA,
    color: [BLUE],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => serviceLabel(r.category, locale)) },
    series: [
      {
        name: t('stats.series.total'),
        type: 'bar',
        barMaxWidth: 18,
        data: rows.map((r) => r.total),
        label: { show: true, position: 'right' },
      },
    ],
  };
  return (
    <div data-testid="stats-category-chart">
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: Math.max(240, rows.length * 26 + 40) }}
      />
    </div>
  );
}

/** The five 好差评 levels of the period's ratings. */
export function SatisfactionChart({ satisfaction }: { satisfaction: TServiceStats['totals']['satisfaction'] }) {
  const { t } = useLocale();
  if (satisfaction.rated === 0) return <Empty description={t('stats.chart.noRatings')} />;
  const option = {
    ...CHART_ARIA,
    color: RATING_LEVELS.map((l) => LEVEL_COLOURS[l]),
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        name: t('stats.series.ratings'),
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        data: RATING_LEVELS.map((level) => ({
          name: t(`stats.level.${level}`),
          value: satisfaction.distribution[level] ?? 0,
        })),
      },
    ],
  };
  return (
    <div data-testid="stats-satisfaction-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />
    </div>
  );
}

/** Requests per month of submission and how many of them are completed. */
export function MonthlyChart({ data }: { data: TServiceStats['byMonth'] }) {
  const { t } = useLocale();
  if (data.length === 0) return <Empty description={t('stats.empty')} />;
  const option = {
    ...CHART_ARIA,
    color: [BLUE, '#52c41a'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: data.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('stats.series.total'), type: 'line', smooth: true, data: data.map((m) => m.total) },
      { name: t('stats.series.completed'), type: 'line', smooth: true, data: data.map((m) => m.completed) },
    ],
  };
  return (
    <div data-testid="stats-month-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />
    </div>
  );
}
