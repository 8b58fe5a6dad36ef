import { Alert, App, DatePicker, Descriptions, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TPayment } from '../../../../../contracts/funding-payments';
import { useLocale } from '../../../../i18n';
import { formatDate, formatFen } from '../../../../lib/format';
import { errorMessage } from '../../../../request-error';
import { useConfirmPayment } from '../../shared/payments-api';

/** 复核确认 (Art. 11, 财务管理规定): a second official confirms with the finance bureau's voucher number and date. */
export function ConfirmPaymentModal({ payment, onClose }: { payment: TPayment; onClose: () => void }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ voucherNumber: string; voucherDate: Dayjs }>();
  const confirm = useConfirmPayment();
  return (
    <Modal
      open
      title={t('funding.payment.confirmTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('funding.payment.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={confirm.isPending}
      width={560}
      destroyOnHidden
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('funding.col.centre')}>{payment.centreName}</Descriptions.Item>
        <Descriptions.Item label={t('funding.col.operator')}>{payment.operatorName}</Descriptions.Item>
        <Descriptions.Item label={t('funding.col.amount')}>{formatFen(payment.amountFen, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('funding.payment.paidOn')}>{formatDate(payment.paidOn, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('funding.payment.recorder')}>{payment.recordedByName ?? '—'}</Descriptions.Item>
      </Descriptions>
      {confirm.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(confirm.error)} />
      )}
      <Form
        form={form}
        layout="vertical"
        data-testid="confirm-payment-form"
        initialValues={{ voucherDate: dayjs() }}
        onFinish={(v) =>
          confirm.mutate(
            {
              id: payment.id,
              version: payment.version,
              voucherNumber: v.voucherNumber.trim(),
              voucherDate: v.voucherDate.format('YYYY-MM-DD'),
            },
            {
              onSuccess: () => {
                message.success(t('funding.payment.confirmed'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="voucherNumber"
          label={t('funding.payment.voucherNumber')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              message: t('common.required', { field: t('funding.payment.voucherNumber') }),
            },
          ]}
        >
          <Input maxLength={60} data-testid="voucher-number" />
        </Form.Item>
        <Form.Item
          name="voucherDate"
          label={t('funding.payment.voucherDate')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('funding.payment.voucherDate') }) }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
