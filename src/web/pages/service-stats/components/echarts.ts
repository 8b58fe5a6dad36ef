import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/** Only the chart types this page draws; the page is loaded on first visit, so ECharts stays out of sign-in. */
echarts.use([
  AriaComponent,
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/**
 * A canvas says nothing to a screen reader: with `aria` on, ECharts writes a description of the chart and its data
 * into the container's aria-label (GB/T 37668-2019, text alternatives). Spread into every chart's option.
 */
export const CHART_ARIA = { aria: { enabled: true } };

export { echarts };
