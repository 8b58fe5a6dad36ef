import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Table, type TableColumnsType, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type HTMLAttributes, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TActivity, TActivityKind } from '../../../../contracts/activity';
import { useCan, useMe } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { FilterBar } from '../../../components/FilterBar';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatDate } from '../../../lib/format';
import { useListState } from '../../../lib/list-state';
import { api, exportUrl, type ListResponse } from '../../../request';
import { ActivityFormModal } from '../shared/ActivityFormModal';
import { ACTIVITIES_KEY, subKindLabel } from '../shared/activity-api';
import { ActivityFilterFields } from './components/ActivityFilters';

type ActivityFilters = { cityCode?: string; kind?: TActivityKind; from?: string; to?: string };
type ActivityFilterForm = { cityCode?: string; kind?: TActivityKind; dates?: [Dayjs | null, Dayjs | null] };

/**
 * 中心活动 (Art. 5(十)(十二)(十四)(十五), Art. 12(一)): the trainings, policy promotions, market-expansion trips and
 * exhibitions of the centres in the caller's scope, latest first; the operator records its centre's here.
 */
export function ActivityListPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<ActivityFilterForm>();
  const [createOpen, setCreateOpen] = useState(false);
  // The server orders the list by start day, latest first; the list takes no sort of its own.
  const list = useListState<ActivityFilters>({}, '');
  const query = { ...list.filters, page: list.query.page, pageSize: list.query.pageSize };
  const activities = useQuery({
    queryKey: [...ACTIVITIES_KEY, 'list', query],
    queryFn: () => api.get<ListResponse<TActivity>>('/api/activities', query),
    placeholderData: (previous) => previous,
  });

  const ownCentre = me.scope.kind === 'operator';
  const fixed = useFixedColumn();
  // The title first and fixed; the widths add up to what a 1440-px screen with the menu open gives the table. A
  // centre's own staff need no centre column.
  const columns: TableColumnsType<TActivity> = [
    {
      title: t('activity.field.title'),
      dataIndex: 'title',
      width: 230,
      fixed: fixed('left'),
      render: (title: string, a) => (
        <>
          <Link to={`/activities/${a.id}`} data-testid="activity-link" onClick={(ev) => ev.stopPropagation()}>
            {title}
          </Link>{' '}
          {a.isDemo && <DemoTag />}
        </>
      ),
    },
    {
      title: t('activity.field.date'),
      dataIndex: 'startOn',
      width: 180,
      render: (start: string, a) =>
        start === a.endOn
          ? formatDate(start, locale)
          : t('activity.days', { start: formatDate(start, locale), end: formatDate(a.endOn, locale) }),
    },
    {
      title: t('activity.field.kind'),
      dataIndex: 'kind',
      width: 160,
      render: (kind: TActivityKind, a) =>
        a.subKind ? `${t(`activity.kind.${kind}`)} · ${subKindLabel(t, a.subKind)}` : t(`activity.kind.${kind}`),
    },
    { title: t('activity.field.place'), dataIndex: 'place', width: 170 },
    { title: t('activity.field.participantCount'), dataIndex: 'participantCount', width: 90, align: 'right' },
    { title: t('activity.field.enterpriseCount'), dataIndex: 'enterpriseCount', width: 100, align: 'right' },
    ...(ownCentre
      ? []
      : [
          {
            title: t('activity.field.centre'),
            dataIndex: 'centreName',
            width: 200,
            render: (name: string, a: TActivity) => (
              <>
                <div>{name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.cityName} · {a.countyName}
                </Typography.Text>
              </>
            ),
          },
        ]),
  ];

  const onSearch = (values: ActivityFilterForm) => {
    const [from, to] = values.dates ?? [];
    list.applyFilters({
      cityCode: values.cityCode || undefined,
      kind: values.kind || undefined,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
    });
  };

  return (
    <Card title={t('activity.title')}>
      <FilterBar
        form={form}
        onSearch={onSearch}
        exportHref={exportUrl('/api/activities', query)}
        actions={
          can('activity.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="activity-create"
              onClick={() => setCreateOpen(true)}
            >
              {t('activity.create')}
            </Button>
          )
        }
      >
        <ActivityFilterFields />
      </FilterBar>
      <Table<TActivity>
        rowKey="id"
        size="middle"
        data-testid="activity-table"
        loading={activities.isFetching}
        columns={columns}
        dataSource={activities.data?.items}
        pagination={list.pagination(activities.data?.total)}
        onChange={list.onTableChange}
        onRow={(a) =>
          ({
            'data-testid': 'activity-row',
            style: { cursor: 'pointer' },
            onClick: () => navigate(`/activities/${a.id}`),
          }) as HTMLAttributes<HTMLElement>
        }
        scroll={{ x: ownCentre ? 930 : 1130 }}
      />
      {can('activity.manage') && (
        <ActivityFormModal
          open={createOpen}
          activity={null}
          onClose={() => setCreateOpen(false)}
          onSaved={(saved) => navigate(`/activities/${saved.id}`)}
        />
      )}
    </Card>
  );
}
