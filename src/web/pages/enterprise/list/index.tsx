import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Card,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type HTMLAttributes, useEffect, useState } from 'react';
import type { TEnterprise, TEnterpriseStatus } from '../../../../contracts/enterprise';
import { ZEnterpriseStatus } from '../../../../contracts/enterprise';
import { useCan, useMe } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { FilterBar } from '../../../components/FilterBar';
import { useT } from '../../../i18n';
import { useFixedColumn } from '../../../lib/fixed-columns';
import { api, exportUrl, type ListResponse } from '../../../request';
import { RegionFilterFields } from '../../service/shared/RegionFilterFields';
import { compact, useUrlListState } from '../../service/shared/url-list-state';
import { EnterpriseImportModal } from './components/EnterpriseImportModal';
import { ENTERPRISES_KEY, EnterpriseReviewModal } from './components/EnterpriseReviewModal';
import { EnterpriseStatusTag } from './components/EnterpriseStatusTag';

type EnterpriseFilters = { status?: string; cityCode?: string; countyCode?: string; parkId?: string; q?: string };
const SPEC = { status: 'one', cityCode: 'one', countyCode: 'one', parkId: 'one', q: 'one' } as const;

/**
 * 外贸企业: the enterprises of the caller's scope — registered by themselves, entered by a centre or imported from a
 * file — with the registrations waiting for review (待审核, for the centre and the county), 导出 and 批量导入.
 */
export function EnterpriseListPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EnterpriseFilters>();
  const list = useUrlListState<EnterpriseFilters>(SPEC);
  const [opened, setOpened] = useState<TEnterprise | null>(null);
  const [importing, setImporting] = useState(false);
  const regional = me.scope.kind === 'province' || me.scope.kind === 'all' || me.scope.kind === 'city';
  const canReview = can('enterprise.review');
  const tab = list.filters.status === 'pending' ? 'pending' : 'all';

  // biome-ignore lint/correctness/useExhaustiveDependencies: refill the form when the address changes, not the form.
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(list.filters);
  }, [list.search]);

  const enterprises = useQuery({
    queryKey: [...ENTERPRISES_KEY, 'list', list.query],
    queryFn: () => api.get<ListResponse<TEnterprise>>('/api/enterprises', list.query),
    placeholderData: (previous) => previous,
  });
  const pending = useQuery({
    queryKey: [...ENTERPRISES_KEY, 'pending-count'],
    queryFn: () => api.get<ListResponse<TEnterprise>>('/api/enterprises', { status: 'pending', pageSize: 1 }),
  });

  const fixed = useFixedColumn();
  // The name (with its credit code), the status and 操作 stay in view at 1440 px with the menu open; the widths add
  // up to what that screen gives the table, and a narrower one scrolls with the name and 操作 fixed (a phone scrolls it whole).
  const columns: TableColumnsType<TEnterprise> = [
    {
      title: t('enterprise.field.name'),
      dataIndex: 'name',
      width: 250,
      fixed: fixed('left'),
      render: (name: string, e) => (
        <>
          <Space size={4}>
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
              data-testid="enterprise-link"
              onClick={(ev) => {
                ev.stopPropagation();
                setOpened(e);
              }}
            >
              {name}
            </Button>
            {e.isDemo && <DemoTag />}
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="enterprise-credit-code">
              {e.creditCode}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('enterprise.field.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: TEnterpriseStatus) => <EnterpriseStatusTag status={s} />,
    },
    {
      title: t('enterprise.field.county'),
      dataIndex: 'countyName',
      width: 140,
      render: (county: string, e) => (regional ? `${e.cityName} · ${county}` : county),
    },
    { title: t('enterprise.field.park'), dataIndex: 'parkName', width: 170, render: (p: string | null) => p ?? '—' },
    {
      title: t('enterprise.field.contactPerson'),
      dataIndex: 'contactPerson',
      width: 130,
      render: (person: string, e) => (
        <>
          <div>{person}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.contactPhone}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('enterprise.field.hasTradeRecordShort'),
      dataIndex: 'hasTradeRecord',
      width: 70,
      render: (b: boolean) => (b ? <Tag color="blue">{t('common.yes')}</Tag> : t('common.no')),
    },
    {
      title: t('enterprise.field.source'),
      dataIndex: 'source',
      width: 90,
      render: (s: TEnterprise['source']) => t(`enterprise.source.${s}`),
    },
    {
      title: t('enterprise.field.account'),
      dataIndex: 'hasAccount',
      width: 80,
      render: (b: boolean) =>
        b ? <Tag color="green">{t('enterprise.account.open')}</Tag> : t('enterprise.account.none'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: fixed('right'),
      render: (_: unknown, e) =>
        canReview && e.status === 'pending' ? (
          <Button
            size="small"
            type="primary"
            data-testid="enterprise-review"
            onClick={(ev) => {
              ev.stopPropagation();
              setOpened(e);
            }}
          >
            {t('enterprise.review.button')}
          </Button>
        ) : (
          <Button
            size="small"
            type="link"
            onClick={(ev) => {
              ev.stopPropagation();
              setOpened(e);
            }}
          >
            {t('common.detail')}
          </Button>
        ),
    },
  ];

  return (
    <Card title={t('enterprise.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => list.applyFilters({ ...list.filters, status: key === 'pending' ? 'pending' : undefined })}
        items={[
          { key: 'all', label: <span data-testid="tab-all">{t('common.all')}</span> },
          {
            key: 'pending',
            label: (
              <span data-testid="tab-pending">
                {t('enterprise.tab.pending')}{' '}
                <Badge count={pending.data?.total ?? 0} size="small" style={{ marginInlineStart: 4 }} />
              </span>
            ),
          },
        ]}
      />
      <FilterBar<EnterpriseFilters>
        form={form}
        onSearch={(values) => list.applyFilters(compact({ ...values, parkId: list.filters.parkId }))}
        exportHref={exportUrl('/api/enterprises', list.query)}
        actions={
          can('enterprise.import') && (
            <Button icon={<UploadOutlined />} data-testid="enterprise-import" onClick={() => setImporting(true)}>
              {t('enterprise.importButton')}
            </Button>
          )
        }
      >
        {regional && <RegionFilterFields />}
        <Form.Item name="status" label={t('enterprise.field.status')}>
          <Select
            allowClear
            style={{ width: 110 }}
            options={ZEnterpriseStatus.options.map((s) => ({ value: s, label: t(`enterprise.status.${s}`) }))}
            data-testid="filter-status"
          />
        </Form.Item>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input
            allowClear
            placeholder={t('enterprise.searchPlaceholder')}
            style={{ width: 220 }}
            data-testid="filter-q"
          />
        </Form.Item>
      </FilterBar>
      <Table<TEnterprise>
        rowKey="id"
        size="middle"
        data-testid="enterprise-table"
        loading={enterprises.isFetching}
        columns={columns}
        dataSource={enterprises.data?.items}
        pagination={list.pagination(enterprises.data)}
        onChange={list.onTableChange}
        onRow={(e) =>
          ({
            'data-testid': 'enterprise-row',
            'data-status': e.status,
            style: { cursor: 'pointer' },
            onClick: () => setOpened(e),
          }) as HTMLAttributes<HTMLElement>
        }
        scroll={{ x: 1110 }}
      />
      {opened && <EnterpriseReviewModal enterprise={opened} onClose={() => setOpened(null)} />}
      <EnterpriseImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => void queryClient.invalidateQueries({ queryKey: ENTERPRISES_KEY })}
      />
    </Card>
  );
}
