import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import type { TRegion } from '../../../../contracts/region';
import { FilterBar } from '../../../components/FilterBar';
import { useT } from '../../../i18n';
import { rowTestId, useListState } from '../../../lib/list-state';
import { useCities } from '../../../lib/regions';
import { api, exportUrl, type ListResponse } from '../../../request';

type RegionFilters = { parentCode?: string; q?: string };

/**
 * 行政区划: the 17 city-level units of Hubei; choosing one (in the filter or with 查看县（市、区）) lists its
 * counties. A search without a city looks through every level.
 */
export function RegionListPage() {
  const t = useT();
  const [form] = Form.useForm<RegionFilters>();
  const list = useListState<RegionFilters>({}, 'code', 50);
  const cities = useCities();
  const { parentCode, q } = list.filters;
  const query = { ...list.query, level: parentCode ? 'county' : q ? undefined : 'city' };
  const regions = useQuery({
    queryKey: ['regions', 'list', query],
    queryFn: () => api.get<ListResponse<TRegion>>('/api/regions', query),
    placeholderData: (previous) => previous,
  });

  const showCounties = (city: TRegion) => {
    form.setFieldsValue({ parentCode: city.code, q: undefined });
    list.applyFilters({ parentCode: city.code });
  };

  const expandable = (region: TRegion) => region.level === 'city' && region.childCount > 0;
  // A list of counties offers nothing to do on any row: no 操作 column then.
  const anyAction = (regions.data?.items ?? []).some(expandable);
  const columns: TableColumnsType<TRegion> = [
    {
      title: t('regions.code'),
      dataIndex: 'code',
      key: 'code',
      width: 120,
      sorter: true,
      sortOrder: list.sortOrder('code'),
    },
    { title: t('regions.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrder('name') },
    {
      title: t('regions.level'),
      dataIndex: 'level',
      width: 140,
      render: (level: TRegion['level']) => <Tag>{t(`region.level.${level}`)}</Tag>,
    },
    { title: t('regions.parent'), dataIndex: 'parentName', render: (name: string | null) => name ?? '—' },
    { title: t('regions.childCount'), dataIndex: 'childCount', width: 140, align: 'right' },
    {
      title: t('regions.parkCount'),
      dataIndex: 'parkCount',
      key: 'parkCount',
      width: 150,
      align: 'right',
      sorter: true,
      sortOrder: list.sortOrder('parkCount'),
    },
    ...(anyAction
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 160,
            render: (_value: unknown, region: TRegion) =>
              expandable(region) ? (
                <Button type="link" size="small" onClick={() => showCounties(region)}>
                  {t('regions.showCounties')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card title={t('regions.title')}>
      <FilterBar
        form={form}
        onSearch={(values) => list.applyFilters({ parentCode: values.parentCode, q: values.q?.trim() || undefined })}
        exportHref={exportUrl('/api/regions', query)}
      >
        <Form.Item name="parentCode" label={t('regions.city')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            placeholder={t('regions.cityPlaceholder')}
            loading={cities.isPending}
            options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('regions.searchPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
      </FilterBar>
      <Table<TRegion>
        rowKey="code"
        size="middle"
        data-testid="region-table"
        loading={regions.isFetching}
        columns={columns}
        dataSource={regions.data?.items}
        pagination={list.pagination(regions.data?.total)}
        onChange={list.onTableChange}
        onRow={rowTestId('region-row')}
        // On a phone the table scrolls inside its card instead of widening the page.
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
