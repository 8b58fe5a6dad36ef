import { Table, type TableColumnsType, Typography } from 'antd';
import type { TViolation } from '../../../../../contracts/operator';
import { useLocale } from '../../../../i18n';
import { formatDate, formatDateTime } from '../../../../lib/format';
import { rowTestId } from '../../../../lib/list-state';

/** 违法违规记录: what was recorded against the operator, newest first as the server sends them. */
export function ViolationTable({ violations }: { violations: TViolation[] }) {
  const { t, locale } = useLocale();
  const columns: TableColumnsType<TViolation> = [
    {
      title: t('operator.violation.occurredOn'),
      dataIndex: 'occurredOn',
      width: 130,
      render: (day: string) => formatDate(day, locale),
    },
    {
      title: t('operator.violation.description'),
      dataIndex: 'description',
      render: (text: string) => (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{text}</Typography.Paragraph>
      ),
    },
    { title: t('operator.violation.source'), dataIndex: 'source', width: 220 },
    {
      title: t('operator.violation.recordedBy'),
      dataIndex: 'recordedBy',
      width: 110,
      render: (by: string | null) => by ?? '—',
    },
    {
      title: t('operator.violation.recordedAt'),
      dataIndex: 'recordedAt',
      width: 150,
      render: formatDateTime,
    },
  ];
  return (
    <Table<TViolation>
      rowKey="id"
      size="small"
      data-testid="violation-table"
      columns={columns}
      dataSource={violations}
      pagination={false}
      onRow={rowTestId('violation-row')}
      scroll={{ x: 800 }}
    />
  );
}
