import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: the CommonJS default import renders nothing under Vite 8 (stack.md pitfall 1).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { TCentreStats } from '../../../../../contracts/centre';
import { useT } from '../../../../i18n';

// Aria: ECharts describes the chart and its data in the container's aria-label, for screen readers.
echarts.use([AriaComponent, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Centres per city, stacked: recognised, still in application, revoked (GET /api/centres/stats). */
export function CentresByCityChart({ data }: { data: TCentreStats['byCity'] }) {
  const t = useT();
  const series = (
    [
      ['recognised', 'centre.stats.recognised', '#389e0d'],
      ['inApplication', 'centre.stats.inApplication', '#1d4f91'],
      ['revoked', 'centre.stats.revoked', '#bfbfbf'],
    ] as const
  ).map(([field, label, colour]) => ({
    name: t(label),
    type: 'bar',
    stack: 'centres',
    barMaxWidth: 28,
    itemStyle: { color: colour },
    emphasis: { focus: 'series' },
    data: data.map((d) => d[field]),
  }));
  const option = {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 72 },
    xAxis: { type: 'category', data: data.map((d) => d.cityName), axisLabel: { interval: 0, rotate: 40 } },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
  return (
    <div data-testid="centres-by-city-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 340 }} />
    </div>
  );
}
