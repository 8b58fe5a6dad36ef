import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import type { TRole } from '../../../../contracts/access';
import { ROLES } from '../../../../contracts/access';
import type { TUser } from '../../../../contracts/user';
import { useCan } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { FilterBar } from '../../../components/FilterBar';
import { useT } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { rowTestId, useListState } from '../../../lib/list-state';
import { api, exportUrl, type ListResponse } from '../../../request';
import { CreateUserModal } from './components/CreateUserModal';
import { ResetPasswordModal } from './components/ResetPasswordModal';
import { isLocked, UserRowActions } from './components/UserRowActions';

type UserFilters = { role?: TRole; q?: string; disabled?: 'true' | 'false' };

/** 用户管理 (administrator): accounts, their roles and scopes, and the lockout and password controls of 等保 2.0. */
export function UserListPage() {
  const t = useT();
  const can = useCan();
  const [form] = Form.useForm<UserFilters>();
  const list = useListState<UserFilters>({}, 'username');
  const [createOpen, setCreateOpen] = useState(false);
  const [reset, setReset] = useState<{ open: boolean; user: TUser | null }>({ open: false, user: null });
  const users = useQuery({
    queryKey: ['users', 'list', list.query],
    queryFn: () => api.get<ListResponse<TUser>>('/api/users', list.query),
    placeholderData: (previous) => previous,
  });

  const columns: TableColumnsType<TUser> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: list.sortOrder('username'),
      render: (username: string, user) => (
        <>
          {username} {user.isDemo && <DemoTag />}
        </>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      sorter: true,
      sortOrder: list.sortOrder('role'),
      render: (role: TRole) => t(`role.${role}`),
    },
    { title: t('users.scope'), key: 'scope', render: (_v, user) => user.parkName ?? user.regionName ?? '—' },
    {
      title: t('users.status'),
      key: 'status',
      width: 140,
      render: (_v, user) => (
        <>
          {user.disabled ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
          {isLocked(user) && <Tag color="orange">{t('users.locked')}</Tag>}
        </>
      ),
    },
    { title: t('users.lastLoginAt'), dataIndex: 'lastLoginAt', width: 150, render: formatDateTime },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      sorter: true,
      sortOrder: list.sortOrder('createdAt'),
      render: formatDateTime,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_v, user) => <UserRowActions user={user} onResetPassword={(u) => setReset({ open: true, user: u })} />,
    },
  ];

  return (
    <Card title={t('users.title')}>
      <FilterBar
        form={form}
        onSearch={(values) => list.applyFilters({ ...values, q: values.q?.trim() || undefined })}
        exportHref={exportUrl('/api/users', list.query)}
        actions={
          can('user.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="user-create"
              onClick={() => setCreateOpen(true)}
            >
              {t('users.create')}
            </Button>
          )
        }
      >
        <Form.Item name="role" label={t('users.role')}>
          <Select allowClear style={{ width: 200 }} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="disabled" label={t('users.statusFilter')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={[
              { value: 'false', label: t('users.active') },
              { value: 'true', label: t('users.disabled') },
            ]}
          />
        </Form.Item>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 180 }} />
        </Form.Item>
      </FilterBar>
      <Table<TUser>
        rowKey="id"
        size="middle"
        data-testid="user-table"
        loading={users.isFetching}
        columns={columns}
        dataSource={users.data?.items}
        pagination={list.pagination(users.data?.total)}
        onChange={list.onTableChange}
        onRow={rowTestId('user-row')}
        scroll={{ x: 1100 }}
      />
      <CreateUserModal open={createOpen} onClose={() => setCreateOpen(false)} />
      <ResetPasswordModal
        open={reset.open}
        user={reset.user}
        onClose={() => setReset((r) => ({ ...r, open: false }))}
      />
    </Card>
  );
}
