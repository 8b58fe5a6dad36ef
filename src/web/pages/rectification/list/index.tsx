import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Select, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { TRatingLevel, TRectification, TRectificationStatus } from '../../../../contracts/service-record';
import { ZRectificationStatus } from '../../../../contracts/service-record';
import { useCan, useMe } from '../../../access';
import { FilterBar } from '../../../components/FilterBar';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatDate } from '../../../lib/format';
import { api, exportUrl, type ListResponse } from '../../../request';
import { RECTIFICATIONS_KEY } from '../../service/shared/service-api';
import { RatingTag } from '../../service/shared/service-labels';
import { compact, useUrlListState } from '../../service/shared/url-list-state';
import { OverdueTag, RectificationStatusTag } from '../shared/RectificationStatusTag';
import { RectificationModal } from './components/RectificationModal';

type RectificationFilters = { status?: string; overdue?: string; centreId?: string };
const SPEC = { status: 'one', overdue: 'one', centreId: 'one' } as const;

/**
 * 差评整改: every 不满意/非常不满意 rating of the caller's scope, its deadline (15 working days) and where it stands. The
 * centre answers (答复), the county follows up (跟踪); officials above read.
 */
export function RectificationListPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const me = useMe();
  const [form] = Form.useForm<RectificationFilters>();
  const list = useUrlListState<RectificationFilters>(SPEC);
  const [acting, setActing] = useState<{ r: TRectification; mode: 'answer' | 'followUp' } | null>(null);
  const canAnswer = can('rectification.answer');
  const canFollowUp = can('rectification.followUp');

  // biome-ignore lint/correctness/useExhaustiveDependencies: refill the form when the address changes, not the form.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(list.filters);
  }, [list.search]);

  const rectifications = useQuery({
    queryKey: [...RECTIFICATIONS_KEY, 'list', list.query],
    queryFn: () => api.get<ListResponse<TRectification>>('/api/rectifications', list.query),
    placeholderData: (previous) => previous,
  });

  const actionable = (r: TRectification) =>
    (canAnswer && r.status === 'open') || (canFollowUp && r.status === 'answered');
  const anyAction = (rectifications.data?.items ?? []).some(actionable);
  const fixed = useFixedColumn();
  const columns: TableColumnsType<TRectification> = [
    {
      title: t('service.rectification.field.recordNumber'),
      dataIndex: 'recordNumber',
      width: 170,
      render: (number: string, r) => (
        <Link to={`/rectifications/${r.recordId}`} data-testid="rectification-record-link">
          {number}
        </Link>
      ),
    },
    ...(me.scope.kind === 'operator'
      ? []
      : [
          {
            title: t('service.field.centre'),
            dataIndex: 'centreName',
            render: (name: string, r: TRectification) => (
              <div>
                <div>{name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.countyName}
                </Typography.Text>
              </div>
            ),
          },
        ]),
    { title: t('service.field.enterprise'), dataIndex: 'enterpriseName' },
    {
      title: t('service.field.rating'),
      dataIndex: 'ratingLevel',
      width: 140,
      render: (level: TRatingLevel, r) => (
        <Tooltip title={r.ratingComment}>
          <span>
            <RatingTag level={level} />
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('service.rectification.field.openedOn'),
      dataIndex: 'openedOn',
      width: 140,
      render: (d: string) => formatDate(d, locale),
    },
    {
      title: t('service.rectification.field.dueOn'),
      dataIndex: 'dueOn',
      width: 140,
      render: (d: string) => formatDate(d, locale),
    },
    {
      title: t('service.rectification.field.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: TRectificationStatus) => <RectificationStatusTag status={s} />,
    },
    {
      title: t('service.rectification.overdue'),
      dataIndex: 'overdue',
      width: 80,
      render: (overdue: boolean) => (overdue ? <OverdueTag /> : t('common.no')),
    },
    // 操作 only when some row has a step for this user: a county with nothing answered has none.
    ...(anyAction
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            fixed: fixed('right'),
            render: (_: unknown, r: TRectification) => (
              <Space>
                {canAnswer && r.status === 'open' && (
                  <Button
                    size="small"
                    type="link"
                    data-testid="rectification-answer-open"
                    onClick={() => setActing({ r, mode: 'answer' })}
                  >
                    {t('service.rectification.answer')}
                  </Button>
                )}
                {canFollowUp && r.status === 'answered' && (
                  <Button
                    size="small"
                    type="link"
                    data-testid="rectification-follow-up-open"
                    onClick={() => setActing({ r, mode: 'followUp' })}
                  >
                    {t('service.rectification.followUp')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={t('service.rectification.listTitle')}>
      <FilterBar<RectificationFilters>
        form={form}
        onSearch={(values) => list.applyFilters(compact({ ...values, centreId: list.filters.centreId }))}
        exportHref={exportUrl('/api/rectifications', list.query)}
      >
        <Form.Item name="status" label={t('service.rectification.field.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={ZRectificationStatus.options.map((s) => ({
              value: s,
              label: t(`service.rectification.status.${s}`),
            }))}
            data-testid="filter-status"
          />
        </Form.Item>
        <Form.Item name="overdue" label={t('service.rectification.overdue')}>
          <Select
            allowClear
            style={{ width: 100 }}
            options={[
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
            data-testid="filter-overdue"
          />
        </Form.Item>
      </FilterBar>
      <Table<TRectification>
        rowKey="id"
        size="middle"
        data-testid="rectification-table"
        loading={rectifications.isFetching}
        columns={columns}
        dataSource={rectifications.data?.items}
        pagination={list.pagination(rectifications.data?.total)}
        onChange={list.onTableChange}
        onRow={(r) =>
          ({
            'data-testid': 'rectification-row',
            'data-status': r.status,
          }) as HTMLAttributes<HTMLElement>
        }
        scroll={{ x: 1100 }}
      />
      {acting && <RectificationModal rectification={acting.r} mode={acting.mode} onClose={() => setActing(null)} />}
    </Card>
  );
}
