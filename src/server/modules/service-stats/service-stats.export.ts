import type { TLocale } from '../../../contracts/common';
import { RATING_LEVELS, type TServiceStats } from '../../../contracts/service-record';
import { RATING_LEVEL_LABELS } from '../../lib/labels';
import type { XlsxColumn } from '../../lib/xlsx';

type Row = TServiceStats['totals'] & { centreName: string; cityName: string; countyName: string };

/** A rate as a percentage with two decimals (87.5 for 0.875), blank when there is nothing to divide by. */
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);

/** The per-centre table of the statistics page, one row per centre and a totals row (合计) last. */
export function statsExportRows(stats: TServiceStats, locale: TLocale): Row[] {
  const total = locale === 'en' ? 'Total' : '合计';
  return [...stats.byCentre, { ...stats.totals, centreName: total, cityName: '', countyName: '' }];
}

export function centreFiguresColumns(locale: TLocale): XlsxColumn<Row>[] {
  const en = locale === 'en';
  return [
    { header: en ? 'Centre' : '中心', value: (r) => r.centreName, width: 36 },
    { header: en ? 'City' : '市州', value: (r) => r.cityName, width: 10 },
    { header: en ? 'County' : '县（市、区）', value: (r) => r.countyName, width: 12 },
    { header: en ? 'Services' : '服务量', value: (r) => r.total, width: 10 },
    { header: en ? 'In progress' : '在办', value: (r) => r.open, width: 8 },
    { header: en ? 'Completed' : '办结', value: (r) => r.completed, width: 8 },
    { header: en ? 'Cancelled' : '撤销', value: (r) => r.cancelled, width: 8 },
    { header: en ? 'Avg response (h)' : '平均响应时长（小时）', value: (r) => r.avgResponseHours, width: 14 },
    { header: en ? 'Avg completion (h)' : '平均办结时长（小时）', value: (r) => r.avgCompletionHours, width: 14 },
    { header: en ? 'Ratings' : '评价数', value: (r) => r.satisfaction.rated, width: 8 },
    { header: en ? 'Rating rate (%)' : '评价率（%）', value: (r) => percent(r.ratingRate), width: 12 },
    { header: en ? 'Good rate (%)' : '好评率（%）', value: (r) => percent(r.satisfaction.goodRate), width: 12 },
    { header: en ? 'Average score' : '平均分', value: (r) => r.satisfaction.averageScore, width: 10 },
    ...RATING_LEVELS.map(
      (level): XlsxColumn<Row> => ({
        header: RATING_LEVEL_LABELS[level][locale],
        value: (r) => r.satisfaction.distribution[level] ?? 0,
        width: 10,
      }),
    ),
    { header: en ? 'Open rectifications' : '待整改', value: (r) => r.openRectifications, width: 10 },
    { header: en ? 'Overdue rectifications' : '逾期整改', value: (r) => r.overdueRectifications, width: 10 },
  ];
}
