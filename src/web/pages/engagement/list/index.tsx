import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Form, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TEngagement, TEngagementStatus } from '../../../../contracts/engagement';
import { useCan } from '../../../access';
import { FilterBar } from '../../../components/FilterBar';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { useListState } from '../../../lib/list-state';
import { api, exportUrl, type ListResponse } from '../../../request';
import { EngagementStatusTag } from '../shared/EngagementStatusTag';
import { ENGAGEMENTS_KEY } from '../shared/engagement-api';
import { EngagementFilterFields } from './components/EngagementFilters';

type EngagementFilters = {
  cityCode?: string;
  status?: TEngagementStatus[];
  /** 待我处理: county tendered ones, city signed ones, province reported ones. */
  awaitingMe?: 'true';
  /** 逾期: not reported by the deadline, or reported after it (Art. 10(三)). */
  overdue?: 'true';
};

type TabKey = 'all' | 'awaiting' | 'overdue';

/**
 * 承办企业备案 (Art. 10(三)): every engagement of the caller's scope — the tender, the agreement, the city's report and
 * the province's filing — with what waits for the caller and what is past its filing deadline.
 */
export function EngagementListPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const [form] = Form.useForm<EngagementFilters>();
  const list = useListState<EngagementFilters>({}, '');
  // The list takes no sort: the server orders it by city and centre, the latest engagement of a centre first.
  const query = { ...list.filters, page: list.query.page, pageSize: list.query.pageSize };
  const hasSteps = can('engagement.manage') || can('engagement.report') || can('engagement.file');

  const engagements = useQuery({
    queryKey: [...ENGAGEMENTS_KEY, 'list', query],
    queryFn: () => api.get<ListResponse<TEngagement>>('/api/engagements', query),
    placeholderData: (previous) => previous,
  });
  const awaiting = useQuery({
    queryKey: [...ENGAGEMENTS_KEY, 'list', 'awaiting-count'],
    queryFn: () => api.get<ListResponse<TEngagement>>('/api/engagements', { awaitingMe: 'true', pageSize: 1 }),
    enabled: hasSteps,
  });
  const overdue = useQuery({
    queryKey: [...ENGAGEMENTS_KEY, 'list', 'overdue-count'],
    queryFn: () => api.get<ListResponse<TEngagement>>('/api/engagements', { overdue: 'true', pageSize: 1 }),
  });

  const day = (d: string | null) => formatDate(d, locale);
  const columns: TableColumnsType<TEngagement> = [
    { title: t('centre.field.city'), dataIndex: 'cityName', width: 100 },
    { title: t('centre.field.county'), dataIndex: 'countyName', width: 110 },
    {
      title: t('engagement.field.centre'),
      dataIndex: 'centreName',
      render: (name: string, e) => (
        <Link to={`/engagements/${e.id}`} data-testid="engagement-link" onClick={(ev) => ev.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { title: t('engagement.field.operator'), dataIndex: 'operatorName', width: 220 },
    {
      title: t('engagement.field.status'),
      dataIndex: 'status',
      width: 140,
      render: (status: TEngagementStatus) => <EngagementStatusTag status={status} />,
    },
    { title: t('engagement.field.signedOn'), dataIndex: 'signedOn', width: 130, render: day },
    {
      title: t('engagement.field.filingDeadline'),
      dataIndex: 'filingDeadline',
      width: 170,
      render: (d: string | null, e) => (
        <Space size={4}>
          {day(d)}
          {e.filingVerdict && !e.filingVerdict.ok && (
            <Tag color="red" data-testid="engagement-overdue">
              {t('engagement.filing.overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('engagement.field.reportedOn'), dataIndex: 'reportedOn', width: 130, render: day },
    { title: t('engagement.field.filedOn'), dataIndex: 'filedOn', width: 130, render: day },
    {
      title: t('engagement.field.filingNumber'),
      dataIndex: 'filingNumber',
      width: 190,
      render: (n: string | null) => n ?? '—',
    },
  ];

  const tab: TabKey = list.filters.awaitingMe ? 'awaiting' : list.filters.overdue ? 'overdue' : 'all';
  const onTab = (key: string) =>
    list.applyFilters({
      ...list.filters,
      awaitingMe: key === 'awaiting' ? 'true' : undefined,
      overdue: key === 'overdue' ? 'true' : undefined,
    });
  const badge = (n: number | undefined, colour?: string) => (
    <Badge count={n ?? 0} size="small" color={colour} style={{ marginInlineStart: 4 }} />
  );

  return (
    <Card title={t('engagement.title')}>
      <Tabs
        activeKey={tab}
        onChange={onTab}
        items={[
          { key: 'all', label: <span data-testid="tab-all">{t('centre.tab.all')}</span> },
          ...(hasSteps
            ? [
                {
                  key: 'awaiting',
                  label: (
                    <span data-testid="tab-awaiting">
                      {t('centre.tab.awaiting')} {badge(awaiting.data?.total)}
                    </span>
                  ),
                },
              ]
            : []),
          {
            key: 'overdue',
            label: (
              <span data-testid="tab-overdue">
                {t('engagement.tab.overdue')} {badge(overdue.data?.total)}
              </span>
            ),
          },
        ]}
      />
      <FilterBar
        form={form}
        onSearch={(values) =>
          list.applyFilters({
            cityCode: values.cityCode || undefined,
            status: values.status?.length ? values.status : undefined,
            awaitingMe: list.filters.awaitingMe,
            overdue: list.filters.overdue,
          })
        }
        exportHref={exportUrl('/api/engagements', query)}
      >
        <EngagementFilterFields />
      </FilterBar>
      <Table<TEngagement>
        rowKey="id"
        size="middle"
        data-testid="engagement-table"
        loading={engagements.isFetching}
        columns={columns}
        dataSource={engagements.data?.items}
        pagination={list.pagination(engagements.data?.total)}
        onChange={list.onTableChange}
        onRow={(e) =>
          ({
            'data-testid': 'engagement-row',
            style: { cursor: 'pointer' },
            onClick: () => navigate(`/engagements/${e.id}`),
          }) as HTMLAttributes<HTMLElement>
        }
        scroll={{ x: 1500 }}
      />
    </Card>
  );
}
