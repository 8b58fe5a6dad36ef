import type { TLocale } from '../../../contracts/common';
import type { TNewlyTrading, TTradeMonitoring } from '../../../contracts/trade-monitoring';
import type { XlsxColumn } from '../../lib/xlsx';

/** One line of the monitoring workbook: a section (totals, a month, a country …) and its figures in 万元. */
export interface MonitoringLine {
  section: string;
  item: string;
  importWan: number | null;
  exportWan: number | null;
  totalWan: number | null;
  totalUsdWan: number | null;
  previousWan: number | null;
  growth: number | null;
}

/** Fen → 万元 with 2 decimals (exact for the display: a decimal string cut, not a float product). */
export const wan = (fen: number): number => Number((fen / 1_000_000).toFixed(2));
const pct = (g: number | null) => (g === null ? null : Number((g * 100).toFixed(1)));

export function monitoringColumns(locale: TLocale): XlsxColumn<MonitoringLine>[] {
  const en = locale === 'en';
  return [
    { header: en ? 'Section' : '类别', value: (r) => r.section, width: 14 },
    { header: en ? 'Item' : '项目', value: (r) => r.item, width: 28 },
    { header: en ? 'Imports (10k CNY)' : '进口（万元）', value: (r) => r.importWan },
    { header: en ? 'Exports (10k CNY)' : '出口（万元）', value: (r) => r.exportWan },
    { header: en ? 'Total (10k CNY)' : '进出口（万元）', value: (r) => r.totalWan },
    { header: en ? 'Total (10k USD)' : '进出口（万美元）', value: (r) => r.totalUsdWan },
    { header: en ? 'Year before (10k CNY)' : '上年同期（万元）', value: (r) => r.previousWan },
    { header: en ? 'Growth (%)' : '同比（%）', value: (r) => pct(r.growth) },
  ];
}

/**
 * The same figures as the page, section after section. `newlyTrading` is the whole list of 新开口企业 (the answer
 * carries only its first page): the workbook lists them all.
 */
export function monitoringLines(
  m: TTradeMonitoring,
  newlyTrading: readonly TNewlyTrading[],
  locale: TLocale,
): MonitoringLine[] {
  const en = locale === 'en';
  const none = { previousWan: null, growth: null };
  const lines: MonitoringLine[] = [
    {
      section: en ? 'Year' : '全年',
      item: String(m.year),
      importWan: wan(m.totals.import.cnyFen),
      exportWan: wan(m.totals.export.cnyFen),
      totalWan: wan(m.totals.total.cnyFen),
      totalUsdWan: wan(m.totals.total.usdCent),
      previousWan: wan(m.previousTotals.total.cnyFen),
      growth: m.growth.total,
    },
  ];
  for (const r of m.months)
    lines.push({
      section: en ? 'Month' : '月度',
      item: r.month,
      importWan: wan(r.importCnyFen),
      exportWan: wan(r.exportCnyFen),
      totalWan: wan(r.totalCnyFen),
      totalUsdWan: wan(r.totalUsdCent),
      previousWan: wan(r.previousCnyFen),
      growth: r.growth,
    });
  const breakdown = (section: string, rows: TTradeMonitoring['byCountry']) => {
    for (const r of rows)
      lines.push({
        section,
        item: r.label,
        importWan: wan(r.importCnyFen),
        exportWan: wan(r.exportCnyFen),
        totalWan: wan(r.totalCnyFen),
        totalUsdWan: wan(r.totalUsdCent),
        ...none,
      });
  };
  for (const r of m.byRegion)
    lines.push({
      section: m.regionLevel === 'city' ? (en ? 'City' : '市州') : en ? 'County' : '县市区',
      item: r.label,
      importWan: wan(r.importCnyFen),
      exportWan: wan(r.exportCnyFen),
      totalWan: wan(r.totalCnyFen),
      totalUsdWan: wan(r.totalUsdCent),
      previousWan: wan(r.previousCnyFen),
      growth: r.growth,
    });
  breakdown(en ? 'Country' : '国别（地区）', m.byCountry);
  breakdown(en ? 'Trade mode' : '贸易方式', m.byTradeMode);
  breakdown(en ? 'HS chapter' : '商品章', m.byHsChapter);
  for (const c of m.byCentre)
    lines.push({
      section: en ? 'Centre' : '服务中心',
      item: c.name,
      importWan: null,
      exportWan: null,
      totalWan: wan(c.totalCnyFen),
      totalUsdWan: wan(c.totalUsdCent),
      ...none,
    });
  for (const n of newlyTrading)
    lines.push({
      section: en ? 'Newly trading' : '新开口企业',
      item: `${n.name}（${n.firstOn}${n.centreName ? `，${n.centreName}` : ''}）`,
      importWan: null,
      exportWan: null,
      totalWan: null,
      totalUsdWan: null,
      ...none,
    });
  for (const b of m.beforeAfter ?? [])
    lines.push({
      section: en ? 'Before / after service' : '服务前后',
      item: `${b.name}（${b.firstServedMonth}）`,
      importWan: null,
      exportWan: null,
      totalWan: wan(b.afterCnyFen),
      totalUsdWan: null,
      previousWan: wan(b.beforeCnyFen),
      growth: null,
    });
  return lines;
}
