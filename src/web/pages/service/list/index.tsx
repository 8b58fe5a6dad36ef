import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TRatingLevel, TServiceRecord, TServiceStatus } from '../../../../contracts/service-record';
import { useCan, useMe } from '../../../access';
import { FilterBar } from '../../../components/FilterBar';
import { useLocale } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { formatDateTime } from '../../../lib/format';
import { api, exportUrl, type ListResponse } from '../../../request';
import { serviceLabel } from '../../centre/shared/centre-labels';
import { SERVICES_KEY } from '../shared/service-api';
import { RatingTag, ServiceStatusTag, subItemLabel } from '../shared/service-labels';
import { compact, useUrlListState } from '../shared/url-list-state';
import { RecordServiceModal } from './components/RecordServiceModal';
import { ServiceFilterFields, type ServiceFilterForm } from './components/ServiceFilters';

type ServiceFilters = {
  cityCode?: string;
  countyCode?: string;
  status?: string[];
  category?: string;
  channel?: string;
  from?: string;
  to?: string;
  unrated?: string;
  q?: string;
  centreId?: string;
  enterpriseId?: string;
};

const SPEC = {
  cityCode: 'one',
  countyCode: 'one',
  status: 'many',
  category: 'one',
  channel: 'one',
  from: 'one',
  to: 'one',
  unrated: 'one',
  q: 'one',
  centreId: 'one',
  enterpriseId: 'one',
} as const;

function toForm(f: ServiceFilters): ServiceFilterForm {
  return {
    cityCode: f.cityCode,
    countyCode: f.countyCode,
    status: f.status,
    category: f.category,
    channel: f.channel,
    dates: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
    unrated: f.unrated === 'true',
    q: f.q,
  };
}

function fromForm(v: ServiceFilterForm, kept: ServiceFilters): ServiceFilters {
  const [from, to] = v.dates ?? [];
  return compact({
    // A link from elsewhere may narrow to one centre or enterprise; the form does not show those, so they stay.
    centreId: kept.centreId,
    enterpriseId: kept.enterpriseId,
    cityCode: v.cityCode,
    countyCode: v.countyCode,
    status: v.status,
    category: v.category,
    channel: v.channel,
    from: from?.format('YYYY-MM-DD'),
    to: to?.format('YYYY-MM-DD'),
    unrated: v.unrated ? 'true' : undefined,
    q: v.q,
  });
}

/**
 * 服务记录 (Art. 5, 8): the records of the caller's scope — a centre's own, officials' by region — with their status,
 * handler and rating; centre staff record a walk-in, online or on-site service here (登记服务).
 */
export function ServiceListPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<ServiceFilterForm>();
  const list = useUrlListState<ServiceFilters>(SPEC, '-submittedAt');
  const [recording, setRecording] = useState(false);
  const ownCentre = me.scope.kind === 'operator';

  // biome-ignore lint/correctness/useExhaustiveDependencies: refill the form when the address changes, not the form.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(list.filters));
  }, [list.search]);

  const records = useQuery({
    queryKey: [...SERVICES_KEY, 'list', list.query],
    queryFn: () => api.get<ListResponse<TServiceRecord>>('/api/service-records', list.query),
    placeholderData: (previous) => previous,
  });

  const fixed = useFixedColumn();
  const columns: TableColumnsType<TServiceRecord> = [
    {
      title: t('service.field.number'),
      dataIndex: 'number',
      width: 140,
      fixed: fixed('left'),
      render: (number: string, r) => (
        <Link to={`/services/${r.id}`} data-testid="service-link" onClick={(e) => e.stopPropagation()}>
          {number}
        </Link>
      ),
    },
    {
      title: t('service.field.enterprise'),
      dataIndex: 'enterpriseName',
      render: (name: string, r) => (
        <div style={{ minWidth: 160 }}>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.enterpriseCreditCode}
          </Typography.Text>
        </div>
      ),
    },
    ...(ownCentre
      ? []
      : [
          {
            title: t('service.field.centre'),
            dataIndex: 'centreName',
            width: 180,
            render: (name: string, r: TServiceRecord) => (
              <div>
                <div>{name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.cityName} · {r.countyName}
                </Typography.Text>
              </div>
            ),
          },
        ]),
    {
      title: t('service.field.item'),
      key: 'item',
      width: 160,
      render: (_: unknown, r) => (
        <div>
          <div>{serviceLabel(r.category, locale)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {subItemLabel(r.category, r.subItem, locale)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('service.field.channel'),
      dataIndex: 'channel',
      width: 70,
      render: (c: TServiceRecord['channel']) => t(`service.channel.${c}`),
    },
    {
      title: t('service.field.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: TServiceStatus) => <ServiceStatusTag status={s} />,
    },
    {
      title: t('service.field.assignee'),
      dataIndex: 'assigneeName',
      width: 80,
      render: (n: string | null) => n ?? '—',
    },
    {
      title: t('service.field.submittedAt'),
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 150,
      sorter: true,
      sortOrder: list.sortOrder('submittedAt'),
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span>,
    },
    {
      title: t('service.field.rating'),
      dataIndex: 'ratingLevel',
      width: 96,
      fixed: fixed('right'),
      render: (level: TRatingLevel | null, r) =>
        level ? (
          <RatingTag level={level} />
        ) : r.status === 'completed' ? (
          <Tag data-testid="service-unrated">{t('service.unrated')}</Tag>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Card title={t('service.title')}>
      <FilterBar<ServiceFilterForm>
        form={form}
        onSearch={(values) => list.applyFilters(fromForm(values, list.filters))}
        exportHref={exportUrl('/api/service-records', list.query)}
        actions={
          can('service.record') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="service-record-new"
              onClick={() => setRecording(true)}
            >
              {t('service.record.button')}
            </Button>
          )
        }
      >
        <ServiceFilterFields />
      </FilterBar>
      {(list.filters.enterpriseId || list.filters.centreId) && (
        <Space style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('service.filter.narrowed')}</Typography.Text>
          <Tag
            closable
            data-testid="filter-narrowed"
            onClose={() => list.applyFilters({ ...list.filters, enterpriseId: undefined, centreId: undefined })}
          >
            {(list.filters.enterpriseId
              ? records.data?.items[0]?.enterpriseName
              : records.data?.items[0]?.centreName) ?? t('service.filter.narrowedEmpty')}
          </Tag>
        </Space>
      )}
      <Table<TServiceRecord>
        rowKey="id"
        size="middle"
        data-testid="service-table"
        loading={records.isFetching}
        columns={columns}
        dataSource={records.data?.items}
        pagination={list.pagination(records.data)}
        onChange={list.onTableChange}
        onRow={(r) =>
          ({
            'data-testid': 'service-row',
            'data-status': r.status,
            style: { cursor: 'pointer' },
            onClick: () => navigate(`/services/${r.id}`),
          }) as HTMLAttributes<HTMLElement>
        }
        // The widths add up to what a 1440-px screen with the menu open gives the table: no sideways scrolling there.
        scroll={{ x: ownCentre ? 950 : 1130 }}
      />
      {recording && (
        <RecordServiceModal
          onClose={() => setRecording(false)}
          onRecorded={(saved) => {
            setRecording(false);
            void navigate(`/services/${saved.id}`);
          }}
        />
      )}
    </Card>
  );
}
