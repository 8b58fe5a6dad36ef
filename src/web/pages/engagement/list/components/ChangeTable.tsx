import { Segmented, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router';
import type { TOperatorChange } from '../../../../../contracts/engagement';
import { useLocale } from '../../../../i18n';
import { useFixedColumn } from '../../../../lib/fixed-columns';
import { formatDate } from '../../../../lib/format';
import { useListState } from '../../../../lib/list-state';
import { ChangeStatusTag } from '../../shared/changes/ChangesCard';
import { useOperatorChanges } from '../../shared/changes/change-api';

/**
 * 更换申请 (Art. 10(六)): applications to change an operator in the caller's scope, or only those waiting for the
 * caller's step (city: to forward; province: to decide; county: approved, to hand over). A row opens its engagement.
 */
export function ChangeTable({ hasSteps }: { hasSteps: boolean }) {
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const list = useListState<{ awaitingMe?: 'true' }>({}, '');
  // The server orders them by the application date, newest first; the list takes no sort.
  const changes = useOperatorChanges({ ...list.filters, page: list.query.page, pageSize: list.query.pageSize });

  const day = (d: string | null) => formatDate(d, locale);
  const fixed = useFixedColumn();
  const columns: TableColumnsType<TOperatorChange> = [
    // The centre (with its place) first and fixed, the status next: both in view at 1440 px with the menu open.
    {
      title: t('engagement.field.centre'),
      dataIndex: 'centreName',
      width: 220,
      fixed: fixed('left'),
      render: (name: string, c) => (
        <>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.cityName} · {c.countyName}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('engagement.field.status'),
      dataIndex: 'status',
      width: 110,
      render: (status: TOperatorChange['status']) => <ChangeStatusTag status={status} />,
    },
    { title: t('engagement.change.outgoing'), dataIndex: 'outgoingOperatorName', width: 180 },
    {
      title: t('engagement.change.incoming'),
      dataIndex: 'incomingOperatorName',
      width: 160,
      render: (name: string | null) => name ?? t('engagement.change.incomingNone'),
    },
    { title: t('engagement.change.changedOn'), dataIndex: 'changedOn', width: 125, render: day },
    { title: t('engagement.change.appliedOn'), dataIndex: 'appliedOn', width: 125, render: day },
    {
      title: t('engagement.change.deadlineColumn'),
      key: 'deadline',
      width: 180,
      render: (_v, c) => (
        <Space size={4}>
          {day(c.deadline)}
          <Tag color={c.deadlineVerdict.ok ? 'green' : 'red'} data-testid="change-row-verdict">
            {t(c.deadlineVerdict.ok ? 'engagement.filing.onTime' : 'engagement.filing.overdue')}
          </Tag>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Segmented
        style={{ marginBottom: 16 }}
        data-testid="change-filter"
        value={list.filters.awaitingMe ? 'awaiting' : 'all'}
        onChange={(v) => list.applyFilters({ awaitingMe: v === 'awaiting' ? 'true' : undefined })}
        options={[
          { value: 'all', label: <span data-testid="change-filter-all">{t('centre.tab.all')}</span> },
          ...(hasSteps
            ? [
                {
                  value: 'awaiting',
                  label: <span data-testid="change-filter-awaiting">{t('centre.tab.awaiting')}</span>,
                },
              ]
            : []),
        ]}
      />
      <Table<TOperatorChange>
        rowKey="id"
        size="middle"
        data-testid="change-table"
        loading={changes.isFetching}
        columns={columns}
        dataSource={changes.data?.items}
        locale={{ emptyText: t('engagement.change.none') }}
        pagination={list.pagination(changes.data?.total)}
        onChange={list.onTableChange}
        onRow={(c) =>
          ({
            'data-testid': 'change-row',
            'data-status': c.status,
            style: { cursor: 'pointer' },
            onClick: () => navigate(`/engagements/${c.engagementId}`),
          }) as HTMLAttributes<HTMLElement>
        }
        scroll={{ x: 1120 }}
      />
    </>
  );
}
