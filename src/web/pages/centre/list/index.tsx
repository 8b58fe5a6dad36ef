import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Form, Space, Statistic, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { TCentre, TCentreStatus, TVerdict } from '../../../../contracts/centre';
import type { TParkLevel } from '../../../../contracts/park';
import { useCan, useMe } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { FilterBar } from '../../../components/FilterBar';
import { useT } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatDateTime } from '../../../lib/format';
import { rowTestId, useListState } from '../../../lib/list-state';
import { api, exportUrl, type ListResponse } from '../../../request';
import { LEVEL_COLOURS } from '../shared/centre-labels';
import { CENTRES_KEY, sumStats, useCentreStats } from '../shared/queries';
import { CentreStatusTag } from '../shared/StatusTag';
import { VerdictMark } from '../shared/VerdictView';
import { CentreFilterFields } from './components/CentreFilters';
import { CentresByCityChart } from './components/CentresByCityChart';

type CentreFilters = {
  cityCode?: string;
  countyCode?: string;
  status?: TCentreStatus[];
  parkLevel?: TParkLevel;
  q?: string;
  /** 待我处理: county drafts and returned ones, city submitted ones, province forwarded ones. */
  awaitingMe?: 'true';
};

/** 外综服中心: the centres of the caller's scope, their status and venue compliance; the province sees them by city. */
export function CentreListPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<CentreFilters>();
  const list = useListState<CentreFilters>({}, 'city');
  const province = me.scope.kind === 'province' || me.scope.kind === 'all';
  // Only roles with a step of their own in Art. 9(三) have something waiting for them.
  const hasSteps = can('centre.create') || can('centre.forward') || can('centre.approve');

  const centres = useQuery({
    queryKey: [...CENTRES_KEY, 'list', list.query],
    queryFn: () => api.get<ListResponse<TCentre>>('/api/centres', list.query),
    placeholderData: (previous) => previous,
  });
  const awaiting = useQuery({
    queryKey: [...CENTRES_KEY, 'awaiting-count'],
    queryFn: () => api.get<ListResponse<TCentre>>('/api/centres', { awaitingMe: 'true', pageSize: 1 }),
    enabled: hasSteps,
  });
  const stats = useCentreStats(province);
  const totals = sumStats(stats.data);

  const fixed = useFixedColumn();
  // Widths add up to what a 1440-px screen with the menu open gives the table (≈1130 px), so the name, the status and
  // the rest stay in view; on a narrower screen the table scrolls with the name fixed at the left.
  const columns: TableColumnsType<TCentre> = [
    {
      title: t('centre.field.name'),
      dataIndex: 'name',
      key: 'name',
      width: 220,
      fixed: fixed('left'),
      sorter: true,
      sortOrder: list.sortOrder('name'),
      render: (name: string, centre) => (
        <>
          <Link to={`/centres/${centre.id}`} data-testid="centre-link">
            {name}
          </Link>{' '}
          {centre.isDemo && <DemoTag />}
        </>
      ),
    },
    {
      title: t('centre.field.status'),
      dataIndex: 'status',
      key: 'status',
      width: 160,
      sorter: true,
      sortOrder: list.sortOrder('status'),
      render: (status: TCentreStatus) => <CentreStatusTag status={status} />,
    },
    {
      title: t('centre.field.region'),
      dataIndex: 'cityName',
      key: 'city',
      width: 110,
      sorter: true,
      sortOrder: list.sortOrder('city'),
      render: (city: string, c) => (
        <>
          <div>{city}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.countyName}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('centre.field.park'),
      dataIndex: 'parkName',
      width: 170,
      render: (park: string, c) => (
        <>
          <div>{park}</div>
          <Tag color={LEVEL_COLOURS[c.parkLevel]} style={{ marginTop: 2 }}>
            {t(`park.level.${c.parkLevel}`)}
          </Tag>
        </>
      ),
    },
    {
      title: t('centre.field.operatorName'),
      dataIndex: 'operatorName',
      width: 160,
      render: (name: string | null) => <span data-testid="centre-operator">{name ?? '—'}</span>,
    },
    {
      title: t('centre.field.venueVerdict'),
      dataIndex: 'venueVerdict',
      width: 76,
      align: 'center',
      render: (verdict: TVerdict) => <VerdictMark verdict={verdict} />,
    },
    {
      title: t('centre.field.staffCompliant'),
      dataIndex: 'staffCompliant',
      width: 84,
      align: 'center',
      render: (ok: boolean, c: TCentre) => (
        <span style={{ color: ok ? '#237804' : '#cf1322' }} data-testid="staff-compliance">
          {ok ? '✓' : '✗'} {c.staffCount}
        </span>
      ),
    },
    {
      title: t('centre.field.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 150,
      sorter: true,
      sortOrder: list.sortOrder('updatedAt'),
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span>,
    },
  ];

  const tab = list.filters.awaitingMe === 'true' ? 'awaiting' : 'all';
  const onTab = (key: string) =>
    list.applyFilters({ ...list.filters, awaitingMe: key === 'awaiting' ? 'true' : undefined });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {province && stats.data && stats.data.byCity.length > 0 && (
        <Card
          title={t('centre.stats.byCity')}
          extra={
            <Space size="large" wrap>
              <Statistic title={t('centre.stats.recognised')} value={totals.recognised} />
              <Statistic title={t('centre.stats.inApplication')} value={totals.inApplication} />
              <Statistic title={t('centre.stats.venueNonCompliant')} value={stats.data.venueNonCompliant} />
              <Statistic title={t('centre.stats.staffNonCompliant')} value={stats.data.staffNonCompliant} />
            </Space>
          }
          styles={{ header: { paddingBlock: 8 } }}
        >
          <CentresByCityChart data={stats.data.byCity} />
        </Card>
      )}
      <Card title={t('centre.title')}>
        {hasSteps && (
          <Tabs
            activeKey={tab}
            onChange={onTab}
            items={[
              { key: 'all', label: <span data-testid="tab-all">{t('centre.tab.all')}</span> },
              {
                key: 'awaiting',
                label: (
                  <span data-testid="tab-awaiting">
                    {t('centre.tab.awaiting')}{' '}
                    <Badge count={awaiting.data?.total ?? 0} size="small" style={{ marginInlineStart: 4 }} />
                  </span>
                ),
              },
            ]}
          />
        )}
        <FilterBar
          form={form}
          onSearch={(values) =>
            list.applyFilters({
              ...values,
              status: values.status?.length ? values.status : undefined,
              q: values.q?.trim() || undefined,
              awaitingMe: list.filters.awaitingMe,
            })
          }
          exportHref={exportUrl('/api/centres', list.query)}
          actions={
            can('centre.create') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                data-testid="centre-create"
                onClick={() => navigate('/centres/new')}
              >
                {t('centre.create')}
              </Button>
            )
          }
        >
          <CentreFilterFields />
        </FilterBar>
        <Table<TCentre>
          rowKey="id"
          size="middle"
          data-testid="centre-table"
          loading={centres.isFetching}
          columns={columns}
          dataSource={centres.data?.items}
          pagination={list.pagination(centres.data?.total)}
          onChange={list.onTableChange}
          onRow={rowTestId('centre-row')}
          scroll={{ x: 1130 }}
        />
      </Card>
    </Space>
  );
}
