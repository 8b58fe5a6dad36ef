import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: a default import of 'echarts-for-react/lib/core' yields the module object under Vite 8 and React
// renders nothing (stack.md pitfall 1).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { TDashboard } from '../../../../../contracts/dashboard';
import { useT } from '../../../../i18n';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export function ParksByCityChart({ data }: { data: TDashboard['parksByCity'] }) {
  const t = useT();
  const option = {
    color: ['#1d4f91'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 40, right: 16, top: 24, bottom: 72 },
    xAxis: {
      type: 'category',
      data: data.map((d) => d.cityName),
      axisLabel: { interval: 0, rotate: 40 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('home.parkCount'),
        type: 'bar',
        barMaxWidth: 28,
        data: data.map((d) => d.count),
        label: { show: true, position: 'top' },
      },
    ],
  };
  return (
    <div data-testid="parks-by-city-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 360 }} />
    </div>
  );
}
