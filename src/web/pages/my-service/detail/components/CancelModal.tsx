import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { App, Form, Input, Modal, Typography } from 'antd';
import type { TServiceCancelRequest, TServiceRecordDetail } from '../../../../../contracts/service-record';
import { useT } from '../../../../i18n';
import { api } from '../../../../request';
import { handleApiError, showFieldErrors } from '../../../../request-error';
import { MY_SERVICES_KEY, myServiceKey } from '../../shared/api';

interface CancelModalProps {
  record: TServiceRecordDetail;
  open: boolean;
  onClose: () => void;
}

/** 撤销申请: the enterprise withdraws its request before it is completed, saying why (the centre sees the reason). */
export function CancelModal({ record, open, onClose }: CancelModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useMutation({
    mutationFn: (body: TServiceCancelRequest) =>
      api.post<TServiceRecordDetail>(`/api/service-records/${record.id}/cancel`, body),
    meta: { silent: true },
    onError: (error) => {
      if (!showFieldErrors(form, error)) handleApiError(error);
      // A stale version (someone acted meanwhile) is best answered with the record as it is now.
      void queryClient.invalidateQueries({ queryKey: myServiceKey(record.id) });
    },
    onSuccess: async (updated) => {
      queryClient.setQueryData(myServiceKey(record.id), updated);
      message.success(t('myService.cancel.done'));
      onClose();
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: [...MY_SERVICES_KEY, 'list'] });
    },
  });

  return (
    <Modal
      open={open}
      title={t('myService.cancel.title')}
      okText={t('myService.cancel.confirm')}
      okButtonProps={{ danger: true, loading: cancel.isPending, 'data-testid': 'cancel-confirm' } as ButtonProps}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('myService.cancel.text')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) => cancel.mutate({ version: record.version, reason: reason.trim() })}
      >
        <Form.Item
          name="reason"
          label={t('myService.cancel.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('myService.cancel.reason') }),
            },
            { max: 500 },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('myService.cancel.reasonPlaceholder')}
            data-testid="cancel-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
