import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TOperator } from '../../../../contracts/operator';
import { useCan } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { FilterBar } from '../../../components/FilterBar';
import { useT } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { rowTestId, useListState } from '../../../lib/list-state';
import { api, exportUrl, type ListResponse } from '../../../request';
import { OperatorFormModal } from '../shared/OperatorFormModal';
import type { TQualificationStatus } from '../shared/operator-labels';
import { QualificationTag } from '../shared/QualificationTag';
import { OPERATORS_KEY } from '../shared/queries';
import { OperatorFilterFields } from './components/OperatorFilters';

type OperatorFilters = { q?: string; qualificationStatus?: TQualificationStatus };

/** 承办企业: the enterprises that may run a centre (Art. 10(一)), their qualification and the masked ID number. */
export function OperatorListPage() {
  const t = useT();
  const can = useCan();
  const [form] = Form.useForm<OperatorFilters>();
  const list = useListState<OperatorFilters>({}, 'name');
  const [createOpen, setCreateOpen] = useState(false);
  const operators = useQuery({
    queryKey: [...OPERATORS_KEY, 'list', list.query],
    queryFn: () => api.get<ListResponse<TOperator>>('/api/operators', list.query),
    placeholderData: (previous) => previous,
  });

  const columns: TableColumnsType<TOperator> = [
    {
      title: t('operator.field.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
      render: (name: string, operator) => (
        <>
          <Link to={`/operators/${operator.id}`} data-testid="operator-link">
            {name}
          </Link>{' '}
          {operator.isDemo && <DemoTag />}
        </>
      ),
    },
    { title: t('operator.field.creditCode'), dataIndex: 'creditCode', width: 200 },
    { title: t('operator.field.legalRepName'), dataIndex: 'legalRepName', width: 110 },
    { title: t('operator.field.legalRepIdMasked'), dataIndex: 'legalRepIdMasked', width: 190 },
    {
      title: t('operator.field.qualificationStatus'),
      dataIndex: 'qualificationStatus',
      width: 120,
      render: (status: TQualificationStatus) => <QualificationTag status={status} />,
    },
    {
      title: t('operator.field.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      sorter: true,
      sortOrder: list.sortOrder('createdAt'),
      render: formatDateTime,
    },
  ];

  return (
    <Card title={t('operator.title')}>
      <FilterBar
        form={form}
        onSearch={(values) =>
          list.applyFilters({
            qualificationStatus: values.qualificationStatus || undefined,
            q: values.q?.trim() || undefined,
          })
        }
        exportHref={exportUrl('/api/operators', list.query)}
        actions={
          can('operator.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="operator-create"
              onClick={() => setCreateOpen(true)}
            >
              {t('operator.create')}
            </Button>
          )
        }
      >
        <OperatorFilterFields />
      </FilterBar>
      <Table<TOperator>
        rowKey="id"
        size="middle"
        data-testid="operator-table"
        loading={operators.isFetching}
        columns={columns}
        dataSource={operators.data?.items}
        pagination={list.pagination(operators.data?.total)}
        onChange={list.onTableChange}
        onRow={rowTestId('operator-row')}
        scroll={{ x: 1000 }}
      />
      <OperatorFormModal open={createOpen} operator={null} onClose={() => setCreateOpen(false)} />
    </Card>
  );
}
