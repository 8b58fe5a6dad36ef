import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Form, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { TEngagement, TEngagementStatus } from '../../../../contracts/engagement';
import { useCan } from '../../../access';
import { FilterBar } from '../../../components/FilterBar';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatDate } from '../../../lib/format';
import { useListState } from '../../../lib/list-state';
import { api, exportUrl, type ListResponse } from '../../../request';
import { useOperatorChanges } from '../shared/changes/change-api';
import { EngagementStatusTag } from '../shared/EngagementStatusTag';
import { ENGAGEMENTS_KEY } from '../shared/engagement-api';
import { ChangeTable } from './components/ChangeTable';
import { EngagementFilterFields } from './components/EngagementFilters';

type EngagementFilters = {
  cityCode?: string;
  status?: TEngagementStatus[];
};

/**
 * all; 待我处理 (county tendered ones, city signed ones, province reported ones); 逾期 (not reported by the deadline,
 * or reported after it, Art. 10(三)); 更换申请 (Art. 10(六)). The tab lives in the address (`?tab=overdue`), so the
 * home page's figures can link straight to it.
 */
const TABS = ['all', 'awaiting', 'overdue', 'changes'] as const;
type TabKey = (typeof TABS)[number];

function tabOf(value: string | null): TabKey {
  return TABS.find((k) => k === value) ?? 'all';
}

/**
 * 承办企业备案 (Art. 10(三)): every engagement of the caller's scope — the tender, the agreement, the city's report and
 * the province's filing — with what waits for the caller, what is past its filing deadline, and the applications to
 * change an operator.
 */
export function EngagementListPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const [form] = Form.useForm<EngagementFilters>();
  const [params, setParams] = useSearchParams();
  const hasSteps = can('engagement.manage') || can('engagement.report') || can('engagement.file');
  const requested = tabOf(params.get('tab'));
  // 待我处理 is only offered to those with a step to take.
  const tab: TabKey = requested === 'awaiting' && !hasSteps ? 'all' : requested;
  const list = useListState<EngagementFilters>({}, '');
  // The list takes no sort: the server orders it by city and centre, the latest engagement of a centre first.
  const query = {
    ...list.filters,
    awaitingMe: tab === 'awaiting' ? 'true' : undefined,
    overdue: tab === 'overdue' ? 'true' : undefined,
    page: list.query.page,
    pageSize: list.query.pageSize,
  };

  const engagements = useQuery({
    queryKey: [...ENGAGEMENTS_KEY, 'list', query],
    queryFn: () => api.get<ListResponse<TEngagement>>('/api/engagements', query),
    placeholderData: (previous) => previous,
    enabled: tab !== 'changes',
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
  const changesAwaiting = useOperatorChanges({ awaitingMe: 'true', page: 1, pageSize: 1 }, hasSteps);

  const day = (d: string | null) => formatDate(d, locale);
  const fixed = useFixedColumn();
  // Widths add up to what a 1440-px screen with the menu open gives the table, so the centre, the status and the
  // filing stay in view; the city's report and the filing day are on the engagement's own page.
  const columns: TableColumnsType<TEngagement> = [
    {
      title: t('engagement.field.centre'),
      dataIndex: 'centreName',
      width: 240,
      fixed: fixed('left'),
      render: (name: string, e) => (
        <>
          <Link to={`/engagements/${e.id}`} data-testid="engagement-link" onClick={(ev) => ev.stopPropagation()}>
            {name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.cityName} · {e.countyName}
            </Typography.Text>
          </div>
        </>
      ),
    },
    { title: t('engagement.field.operator'), dataIndex: 'operatorName', width: 200 },
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
      width: 190,
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
    {
      title: t('engagement.field.filingNumber'),
      dataIndex: 'filingNumber',
      width: 200,
      render: (n: string | null) => n ?? '—',
    },
  ];

  const onTab = (key: string) => {
    setParams(key === 'all' ? {} : { tab: key }, { replace: true });
    list.applyFilters(list.filters);
  };
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
          {
            key: 'changes',
            label: (
              <span data-testid="tab-changes">
                {t('engagement.tab.changes')} {hasSteps && badge(changesAwaiting.data?.total)}
              </span>
            ),
          },
        ]}
      />
      {tab === 'changes' ? (
        <ChangeTable hasSteps={hasSteps} />
      ) : (
        <>
          <FilterBar
            form={form}
            onSearch={(values) =>
              list.applyFilters({
                cityCode: values.cityCode || undefined,
                status: values.status?.length ? values.status : undefined,
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
            scroll={{ x: 1100 }}
          />
        </>
      )}
    </Card>
  );
}
