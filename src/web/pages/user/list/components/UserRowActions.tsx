import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import type { TUser } from '../../../../../contracts/user';
import { useCan } from '../../../../access';
import { useT } from '../../../../i18n';
import { api } from '../../../../request';

export function isLocked(user: TUser): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

/** 停用/启用, 解锁 and 重置密码 for one account, each shown only when the role may do it. */
export function UserRowActions({ user, onResetPassword }: { user: TUser; onResetPassword: (user: TUser) => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const toggle = useMutation({
    mutationFn: () => api.patch<TUser>(`/api/users/${user.id}`, { disabled: !user.disabled }),
    onSuccess: (saved) => {
      message.success(t(saved.disabled ? 'users.disabledDone' : 'users.enabledDone', { name: saved.displayName }));
      void refresh();
    },
  });
  const unlock = useMutation({
    mutationFn: () => api.post<TUser>(`/api/users/${user.id}/unlock`),
    onSuccess: (saved) => {
      message.success(t('users.unlockedDone', { name: saved.displayName }));
      void refresh();
    },
  });

  return (
    <Space size={0} wrap>
      {can('user.update') && (
        <Popconfirm
          title={t(user.disabled ? 'users.confirmEnable' : 'users.confirmDisable', { name: user.displayName })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => toggle.mutateAsync()}
        >
          <Button type="link" size="small" danger={!user.disabled} loading={toggle.isPending}>
            {t(user.disabled ? 'users.enable' : 'users.disable')}
          </Button>
        </Popconfirm>
      )}
      {can('user.unlock') && isLocked(user) && (
        <Button type="link" size="small" loading={unlock.isPending} onClick={() => unlock.mutate()}>
          {t('users.unlock')}
        </Button>
      )}
      {can('user.resetPassword') && (
        <Button type="link" size="small" onClick={() => onResetPassword(user)}>
          {t('users.resetPassword')}
        </Button>
      )}
    </Space>
  );
}
