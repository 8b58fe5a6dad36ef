import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import type { TUser } from '../../../../../contracts/user';
import { useT } from '../../../../i18n';
import { newPasswordRules } from '../../../../lib/password-rules';
import { api } from '../../../../request';
import { showFieldErrors } from '../../../../request-error';

/** An administrator sets a new password; the server ends the user's sessions. */
interface ResetPasswordModalProps {
  open: boolean;
  user: TUser | null;
  onClose: () => void;
}

export function ResetPasswordModal({ open, user, onClose }: ResetPasswordModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useMutation({
    mutationFn: ({ id, newPassword }: { id: number; newPassword: string }) =>
      api.post<void>(`/api/users/${id}/reset-password`, { newPassword }),
    onSuccess: () => {
      message.success(t('users.resetDone', { name: user?.displayName ?? '' }));
      onClose();
    },
    onError: (error) => showFieldErrors(form, error),
  });
  return (
    <Modal
      title={t('users.resetTitle', { name: user?.displayName ?? '' })}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ newPassword }) => user && reset.mutate({ id: user.id, newPassword })}
      >
        <Form.Item
          name="newPassword"
          label={t('users.newPassword')}
          extra={t('password.rule')}
          rules={newPasswordRules(t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
