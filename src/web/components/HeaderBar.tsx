import { BellOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Divider, Grid, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TMeResponse } from '../../contracts/auth';
import { useCan, useMe } from '../access';
import { type Translate, useT } from '../i18n';
import { useUnreadCount } from '../pages/message/shared/message-api';
import { api } from '../request';
import { ChangePasswordModal } from './ChangePasswordModal';
import { DemoTag } from './DemoTag';
import { LangSwitch } from './LangSwitch';

/** 宜昌市, 武汉东湖新技术开发区, 全省 … — the data the user is responsible for, in words. */
export function scopeLabel(me: TMeResponse, t: Translate): string {
  const { scope } = me;
  if (scope.parkName) return scope.parkName;
  if (scope.regionName) return scope.regionName;
  switch (scope.kind) {
    case 'all':
    case 'province':
    case 'operator':
    case 'enterprise':
    case 'evaluator':
      return t(`scope.${scope.kind}`);
    default:
      return t('scope.none');
  }
}

/** 站内消息 bell: the unread count, kept fresh by polling (every minute and when the window regains focus). */
function MessageBell() {
  const t = useT();
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    <Link
      to="/messages"
      data-testid="header-messages"
      data-unread={count}
      aria-label={t('message.bell', { count })}
      title={t('message.bell', { count })}
      style={{ display: 'inline-flex', alignItems: 'center', paddingInline: 4 }}
    >
      <Badge count={count} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18, color: 'rgba(0, 0, 0, 0.65)' }} />
      </Badge>
    </Link>
  );
}

export function HeaderBar() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [passwordOpen, setPasswordOpen] = useState(false);
  // Below 1200 px the full name would push the account out of the header: the platform's short name stands in.
  const wide = Grid.useBreakpoint().xl !== false;
  const logout = useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: async () => {
      await navigate('/login', { replace: true });
      queryClient.clear();
    },
    onSuccess: () => message.success(t('header.loggedOut')),
  });

  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 16, height: '100%' }}>
      {/* The platform's name never gives way: a long account name (a centre's, a park's) shortens instead. */}
      <div style={{ flex: 'none', display: 'flex', alignItems: 'center', gap: 12 }}>
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="header-title">
          {wide ? t('app.name') : t('app.shortName')}
        </Typography.Title>
        {me.user.isDemo && <DemoTag />}
      </div>
      <div
        data-testid="current-user"
        style={{
          flex: '1 1 auto',
          minWidth: 0,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'flex-end',
          gap: 8,
        }}
      >
        <UserOutlined style={{ flex: 'none' }} />
        <Typography.Text ellipsis={{ tooltip: me.user.displayName }} style={{ minWidth: 0, flex: '0 1 auto' }}>
          {me.user.displayName}
        </Typography.Text>
        <Tag color="blue" style={{ flex: 'none', marginInlineEnd: 0 }}>
          {t(`role.${me.user.role}`)}
        </Tag>
        <Typography.Text
          ellipsis={{ tooltip: scopeLabel(me, t) }}
          style={{ minWidth: 0, flex: '0 1 auto' }}
          data-testid="current-scope"
        >
          {scopeLabel(me, t)}
        </Typography.Text>
      </div>
      <Space size="small" separator={<Divider orientation="vertical" />} style={{ flex: 'none' }}>
        {can('message.read') && <MessageBell />}
        <LangSwitch persist />
        <Button type="text" icon={<KeyOutlined />} data-testid="change-password" onClick={() => setPasswordOpen(true)}>
          {t('header.changePassword')}
        </Button>
        <Button
          type="text"
          icon={<LogoutOutlined />}
          data-testid="logout"
          loading={logout.isPending}
          onClick={() => logout.mutate()}
        >
          {t('header.logout')}
        </Button>
      </Space>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </div>
  );
}
