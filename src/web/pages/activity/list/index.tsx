import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TActivity, TActivityKind } from '../../../../contracts/activity';
import { useCan, useMe } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { FilterBar } from '../../../components/FilterBar';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatDate } from '../../../lib/format';
import { api, exportUrl, type ListResponse } from '../../../request';
import { useCentreDetail } from '../../centre/shared/queries';
import { compact, useUrlListState } from '../../service/shared/url-list-state';
import { ActivityFormModal } from '../shared/ActivityFormModal';
import { ACTIVITIES_KEY, subKindLabel } from '../shared/activity-api';
import { ActivityFilterFields } from './components/ActivityFilters';

type ActivityFilters = { centreId?: string; cityCode?: string; kind?: TActivityKind; from?: string; to?: string };
type ActivityFilterForm = { cityCode?: string; kind?: TActivityKind; dates?: [Dayjs | null, Dayjs | null] | null };
/** The filters kept in the address, so that other pages (the assessment's figures) can link to a filtered list. */
const SPEC = { centreId: 'one', cityCode: 'one', kind: 'one', from: 'one', to: 'one' } as const;

const toForm = (f: ActivityFilters): ActivityFilterForm => ({
  cityCode: f.cityCode,
  kind: f.kind,
  dates: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
});

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
  const list = useUrlListState<ActivityFilters>(SPEC);
  const query = list.query;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refill the form when the address changes, not the form.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(list.filters));
  }, [list.search]);
  const activities = useQuery({
    queryKey: [...ACTIVITIES_KEY, 'list', query],
    queryFn: () => api.get<ListResponse<TActivity>>('/api/activities', query),
    placeholderData: (previous) => previous,
  });

  const ownCentre = me.scope.kind === 'operator';
  // The centre a link narrowed the list to, named even when it has no activity in the window.
  const narrowedTo = useCentreDetail(ownCentre ? 0 : Number(list.filters.centreId ?? 0));
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
    list.applyFilters(
      compact({
        // A link from elsewhere may narrow to one centre; the form does not show it, so it stays.
        centreId: list.filters.centreId,
        cityCode: values.cityCode,
        kind: values.kind,
        from: from?.format('YYYY-MM-DD'),
        to: to?.format('YYYY-MM-DD'),
      }),
    );
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
      {list.filters.centreId && !ownCentre && (
        <Space style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('service.filter.narrowed')}</Typography.Text>
          <Tag
            closable
            data-testid="filter-narrowed"
            onClose={() => list.applyFilters({ ...list.filters, centreId: undefined })}
          >
            {narrowedTo.data?.name ?? activities.data?.items[0]?.centreName ?? t('service.filter.narrowedEmpty')}
          </Tag>
        </Space>
      )}
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
