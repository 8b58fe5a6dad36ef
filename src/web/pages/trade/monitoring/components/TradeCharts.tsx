// The ESM build: a default import of 'echarts-for-react/lib/core' yields the module object under Vite 8 and React
// renders nothing (stack.md pitfall 1).
import { Empty } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { TTradeBreakdownRow, TTradeMonitoring } from '../../../../../contracts/trade-monitoring';
import { useLocale } from '../../../../i18n';
import { CHART_ARIA, echarts } from '../../../service-stats/components/echarts';

const BLUE = '#1d4f91';
const GREEN = '#2f9e6e';
const GREY = '#b0b7c3';
const toWan = (fen: number) => Math.round(fen / 10_000) / 100;

/** Exports and imports per month as stacked bars, the same month of the year before as a line. */
export function MonthChart({ data }: { data: TTradeMonitoring['months'] }) {
  const { t } = useLocale();
  const option = {
    ...CHART_ARIA,
    color: [BLUE, GREEN, GREY],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((m) => m.month.slice(5)) },
    yAxis: { type: 'value', name: t('trade.monitoring.unit.wanYuan') },
    series: [
      {
        name: t('trade.monitoring.series.export'),
        type: 'bar',
        stack: 'y',
        barMaxWidth: 28,
        data: data.map((m) => toWan(m.exportCnyFen)),
      },
      {
        name: t('trade.monitoring.series.import'),
        type: 'bar',
        stack: 'y',
        barMaxWidth: 28,
        data: data.map((m) => toWan(m.importCnyFen)),
      },
      {
        name: t('trade.monitoring.series.previous'),
        type: 'line',
        smooth: true,
        data: data.map((m) => toWan(m.previousCnyFen)),
      },
    ],
  };
  return (
    <div data-testid="trade-month-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />
    </div>
  );
}

/** One breakdown (countries, trade modes, chapters) as horizontal bars, largest on top. */
export function BreakdownChart({ rows, testId }: { rows: TTradeBreakdownRow[]; testId: string }) {
  const { t } = useLocale();
  if (rows.length === 0) return <Empty description={t('trade.monitoring.empty')} />;
  const shown = [...rows].reverse();
  const option = {
    ...CHART_ARIA,
    color: [BLUE],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: t('trade.monitoring.unit.wanYuan') },
    yAxis: {
      type: 'category',
      data: shown.map((r) => r.label),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [
      {
        name: t('trade.monitoring.col.total'),
        type: 'bar',
        barMaxWidth: 16,
        data: shown.map((r) => toWan(r.totalCnyFen)),
      },
    ],
  };
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: Math.max(200, shown.length * 24 + 40) }}
      />
    </div>
  );
}
