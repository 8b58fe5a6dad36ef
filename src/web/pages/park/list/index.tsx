import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import type { TPark, TParkKind, TParkLevel } from '../../../../contracts/park';
import { useCan } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { FilterBar } from '../../../components/FilterBar';
import { useT } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { rowTestId, useListState } from '../../../lib/list-state';
import { api, exportUrl, type ListResponse } from '../../../request';
import { ParkFilterFields } from './components/ParkFilters';
import { ParkFormModal } from './components/ParkFormModal';

type ParkFilters = { cityCode?: string; countyCode?: string; level?: TParkLevel; kind?: TParkKind; q?: string };

const LEVEL_COLOURS: Record<TParkLevel, string> = { national: 'red', provincial: 'blue', other: 'default' };

/** 开发区/园区: the province's list of development zones, filtered to the user's scope by the server. */
export function ParkListPage() {
  const t = useT();
  const can = useCan();
  const [form] = Form.useForm<ParkFilters>();
  const list = useListState<ParkFilters>({}, 'city');
  // The park stays in state while the modal closes, so that its title does not flip during the animation.
  const [modal, setModal] = useState<{ open: boolean; park: TPark | null }>({ open: false, park: null });
  const parks = useQuery({
    queryKey: ['parks', 'list', list.query],
    queryFn: () => api.get<ListResponse<TPark>>('/api/parks', list.query),
    placeholderData: (previous) => previous,
  });

  const columns: TableColumnsType<TPark> = [
    {
      title: t('parks.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
      render: (name: string, park) => (
        <>
          {name} {park.isDemo && <DemoTag />}
        </>
      ),
    },
    { title: t('parks.kind'), dataIndex: 'kind', render: (kind: TParkKind) => t(`park.kind.${kind}`) },
    {
      title: t('parks.level'),
      dataIndex: 'level',
      key: 'level',
      width: 110,
      sorter: true,
      sortOrder: list.sortOrder('level'),
      render: (level: TParkLevel) => <Tag color={LEVEL_COLOURS[level]}>{t(`park.level.${level}`)}</Tag>,
    },
    {
      title: t('parks.city'),
      dataIndex: 'cityName',
      key: 'city',
      width: 130,
      sorter: true,
      sortOrder: list.sortOrder('city'),
    },
    { title: t('parks.county'), dataIndex: 'countyName', width: 130 },
    {
      title: t('parks.updatedAt'),
      dataIndex: 'updatedAt',
      width: 160,
      render: (at: string) => formatDateTime(at),
    },
  ];
  if (can('park.update')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_value, park) => (
        <Button type="link" size="small" data-testid="park-edit" onClick={() => setModal({ open: true, park })}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <Card title={t('parks.title')}>
      <FilterBar
        form={form}
        onSearch={(values) => list.applyFilters({ ...values, q: values.q?.trim() || undefined })}
        exportHref={exportUrl('/api/parks', list.query)}
        actions={
          can('park.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="park-create"
              onClick={() => setModal({ open: true, park: null })}
            >
              {t('parks.create')}
            </Button>
          )
        }
      >
        <ParkFilterFields />
      </FilterBar>
      <Table<TPark>
        rowKey="id"
        size="middle"
        data-testid="park-table"
        loading={parks.isFetching}
        columns={columns}
        dataSource={parks.data?.items}
        pagination={list.pagination(parks.data?.total)}
        onChange={list.onTableChange}
        onRow={rowTestId('park-row')}
        scroll={{ x: 960 }}
      />
      <ParkFormModal open={modal.open} park={modal.park} onClose={() => setModal((m) => ({ ...m, open: false }))} />
    </Card>
  );
}
