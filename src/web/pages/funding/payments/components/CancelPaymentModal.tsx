import { Alert, App, Form, Input, Modal } from 'antd';
import type { TPayment } from '../../../../../contracts/funding-payments';
import { useT } from '../../../../i18n';
import { errorMessage } from '../../../../request-error';
import { useCancelPayment } from '../../shared/payments-api';

/** 撤销拨付登记: only a payment still waiting for its confirmation; the reason is kept with it. */
export function CancelPaymentModal({ payment, onClose }: { payment: TPayment; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelPayment();
  return (
    <Modal
      open
      title={t('funding.payment.cancelTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('funding.payment.cancel')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={cancel.isPending}
      destroyOnHidden
    >
      {cancel.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(cancel.error)} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          cancel.mutate(
            { id: payment.id, version: payment.version, reason: v.reason.trim() },
            {
              onSuccess: () => {
                message.success(t('funding.payment.cancelled'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('funding.payment.cancelReason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              message: t('common.required', { field: t('funding.payment.cancelReason') }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
