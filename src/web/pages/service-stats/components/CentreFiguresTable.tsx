import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { TCentreServiceFigures, TServiceStats } from '../../../../contracts/service-record';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatNumber } from '../../../lib/format';
import { formatMean, formatRate } from './stats-format';

type Row = TCentreServiceFigures;
type Key =
  | 'total'
  | 'open'
  | 'completed'
  | 'avgResponseHours'
  | 'avgCompletionHours'
  | 'ratingRate'
  | 'rated'
  | 'goodRate'
  | 'averageScore'
  | 'openRectifications'
  | 'overdueRectifications';

/** Each figure of a row (or of the totals), by column: what it sorts by and how it reads. */
function figure(r: TServiceStats['totals'], key: Key): number | null {
  switch (key) {
    case 'rated':
      return r.satisfaction.rated;
    case 'goodRate':
      return r.satisfaction.goodRate;
    case 'averageScore':
      return r.satisfaction.averageScore;
    default:
      return r[key];
  }
}

/** A missing mean or rate (nothing to divide by) sorts below every real one. */
const byFigure = (key: Key) => (a: Row, b: Row) => (figure(a, key) ?? -1) - (figure(b, key) ?? -1);

/**
 * One row per centre (`data-row-key` = centre id), sortable on every figure, with the scope's totals below.
 * Each figure cell carries `data-testid="centre-<figure>"` so that a test can read it.
 */
export function CentreFiguresTable({ stats, loading }: { stats: TServiceStats | undefined; loading: boolean }) {
  const { t, locale } = useLocale();
  const show = (key: Key, value: number | null): ReactNode => {
    if (key === 'ratingRate' || key === 'goodRate') return formatRate(value, locale);
    if (key === 'avgResponseHours' || key === 'avgCompletionHours') return formatMean(value, locale, 1);
    if (key === 'averageScore') return formatMean(value, locale, 2);
    if (key === 'overdueRectifications' && value) return <Tag color="red">{value}</Tag>;
    return value === null ? '—' : formatNumber(value, locale);
  };
  const numeric = (key: Key, title: string, width: number): TableColumnsType<Row>[number] => ({
    key,
    title,
    width,
    align: 'right',
    sorter: byFigure(key),
    sortDirections: ['descend', 'ascend'],
    render: (_: unknown, r: Row) => <span data-testid={`centre-${key}`}>{show(key, figure(r, key))}</span>,
  });
  const fixed = useFixedColumn();
  const columns: TableColumnsType<Row> = [
    {
      key: 'centreName',
      title: t('stats.col.centre'),
      dataIndex: 'centreName',
      fixed: fixed('left'),
      width: 230,
      sorter: (a, b) =>
        a.cityName.localeCompare(b.cityName, locale) || a.centreName.localeCompare(b.centreName, locale),
      // The place reads under the name, so that the figures, not the place, fill the width.
      render: (name: string, r) => (
        <>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.cityName} · {r.countyName}
          </Typography.Text>
        </>
      ),
    },
    numeric('total', t('stats.col.total'), 80),
    numeric('open', t('stats.col.open'), 70),
    numeric('completed', t('stats.col.completed'), 70),
    numeric('avgResponseHours', t('stats.col.avgResponse'), 96),
    numeric('avgCompletionHours', t('stats.col.avgCompletion'), 96),
    numeric('rated', t('stats.col.rated'), 76),
    numeric('ratingRate', t('stats.col.ratingRate'), 80),
    numeric('goodRate', t('stats.col.goodRate'), 80),
    numeric('averageScore', t('stats.col.averageScore'), 76),
    numeric('openRectifications', t('stats.col.openRectifications'), 86),
    numeric('overdueRectifications', t('stats.col.overdueRectifications'), 86),
  ];
  const keys = columns.slice(1).map((c) => c.key as Key);
  return (
    <Table<Row>
      rowKey="centreId"
      size="middle"
      data-testid="stats-centre-table"
      loading={loading}
      columns={columns}
      dataSource={stats?.byCentre}
      pagination={false}
      // Every figure in view at 1440 px with the menu open; narrower screens scroll with the centre fixed.
      scroll={{ x: 1126 }}
      locale={{ emptyText: t('stats.empty') }}
      summary={() =>
        stats && stats.byCentre.length > 1 ? (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row data-testid="stats-total-row">
              <Table.Summary.Cell index={0}>
                <strong>{t('stats.total')}</strong>
              </Table.Summary.Cell>
              {keys.map((key, i) => (
                <Table.Summary.Cell key={key} index={i + 1} align="right">
                  <strong data-testid={`total-${key}`}>{show(key, figure(stats.totals, key))}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}
