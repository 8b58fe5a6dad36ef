import { Table } from 'antd';
import type { TTradeIssue } from '../../../../contracts/trade';
import { useT } from '../../../i18n';

/** A row-by-row report: the file's row, the column as the file names it, and why. Row 0 is the file as a whole. */
export function IssueTable({ issues, testId }: { issues: TTradeIssue[]; testId?: string }) {
  const t = useT();
  return (
    <Table<TTradeIssue>
      size="small"
      rowKey={(e, i) => `${e.row}-${e.column ?? e.field}-${i}`}
      dataSource={issues}
      pagination={issues.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      data-testid={testId ?? 'trade-issue-table'}
      columns={[
        {
          title: t('trade.report.row'),
          dataIndex: 'row',
          width: 64,
          render: (row: number | undefined) => (row ? row : t('trade.report.wholeFile')),
        },
        {
          title: t('trade.report.column'),
          key: 'column',
          width: 100,
          render: (_: unknown, e) => (e.field === 'file' ? '—' : (e.column ?? e.field)),
        },
        { title: t('trade.report.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}
