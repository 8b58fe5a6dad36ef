import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { TOperatorDetail } from '../../../../../contracts/operator';
import { useCan } from '../../../../access';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { rowTestId } from '../../../../lib/list-state';
import { EngagementStatusTag } from '../../../engagement/shared/EngagementStatusTag';

type TOperatorEngagement = TOperatorDetail['engagements'][number];

/** 承办的外综服中心 (Art. 10): the centres the operator runs or ran, as far as the caller may see them. */
export function EngagementTable({ engagements }: { engagements: TOperatorEngagement[] }) {
  const { t, locale } = useLocale();
  const can = useCan();
  const columns: TableColumnsType<TOperatorEngagement> = [
    {
      title: t('engagement.field.centre'),
      dataIndex: 'centreName',
      render: (name: string, e) =>
        can('centre.read') ? (
          <Link to={`/centres/${e.centreId}`} data-testid="operator-engagement-centre">
            {name}
          </Link>
        ) : (
          name
        ),
    },
    { title: t('centre.field.city'), dataIndex: 'cityName', width: 110 },
    {
      title: t('engagement.field.status'),
      dataIndex: 'status',
      width: 140,
      render: (status: TOperatorEngagement['status']) => <EngagementStatusTag status={status} />,
    },
    {
      title: t('engagement.field.servicePeriod'),
      key: 'period',
      width: 260,
      render: (_v, e) =>
        t('engagement.period', { start: formatDate(e.serviceStart, locale), end: formatDate(e.serviceEnd, locale) }),
    },
    {
      title: t('engagement.field.filingNumber'),
      dataIndex: 'filingNumber',
      width: 190,
      render: (n: string | null) => n ?? '—',
    },
    {
      title: t('engagement.field.endedOn'),
      dataIndex: 'endedOn',
      width: 130,
      render: (d: string | null) => formatDate(d, locale),
    },
  ];
  return (
    <Table<TOperatorEngagement>
      rowKey="id"
      size="small"
      data-testid="operator-engagements"
      columns={columns}
      dataSource={engagements}
      pagination={false}
      onRow={rowTestId('operator-engagement-row')}
      locale={{ emptyText: t('operator.engagements.none') }}
      scroll={{ x: 900 }}
    />
  );
}
