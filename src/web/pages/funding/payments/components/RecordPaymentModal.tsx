import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale } from '../../../../i18n';
import { formatFen, yuanToFen } from '../../../../lib/format';
import { errorMessage } from '../../../../request-error';
import { usePayable, useRecordPayment } from '../../shared/payments-api';

interface Values {
  entitlementId: number;
  amountYuan: number;
  paidOn: Dayjs;
  note?: string;
}

/**
 * 登记拨付 (Art. 11): the city picks a due entitlement (what remains after paid and pending payments is shown) and
 * records what the finance bureau is paying. It counts as paid only after another official confirms it.
 */
export function RecordPaymentModal({ onClose }: { onClose: () => void }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const payable = usePayable(true);
  const record = useRecordPayment();
  const chosen = Form.useWatch('entitlementId', form);
  const target = payable.data?.items.find((e) => e.entitlementId === chosen);
  return (
    <Modal
      open
      title={t('funding.payment.recordTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('funding.payment.record')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      width={600}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('funding.payment.fourEyesHint')} />
      {record.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(record.error)} />
      )}
      <Form
        form={form}
        layout="vertical"
        data-testid="record-payment-form"
        initialValues={{ paidOn: dayjs() }}
        onFinish={(v) =>
          record.mutate(
            {
              entitlementId: v.entitlementId,
              amountFen: yuanToFen(v.amountYuan),
              paidOn: v.paidOn.format('YYYY-MM-DD'),
              note: v.note?.trim() || undefined,
            },
            {
              onSuccess: () => {
                message.success(t('funding.payment.recorded'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="entitlementId"
          label={t('funding.payment.entitlement')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('funding.payment.entitlement') }) }]}
        >
          <Select
            loading={payable.isPending}
            data-testid="payment-entitlement"
            notFoundContent={t('funding.payment.nonePayable')}
            options={(payable.data?.items ?? []).map((e) => ({
              value: e.entitlementId,
              label: `${e.year} · ${e.centreName} · ${e.operatorName}（${t('funding.payment.remaining')} ${formatFen(e.remainingFen, locale)}）`,
            }))}
          />
        </Form.Item>
        {target && (
          <Typography.Paragraph type="secondary">
            {t('funding.payment.entitlementSums', {
              amount: formatFen(target.amountFen, locale),
              paid: formatFen(target.paidFen, locale),
              pending: formatFen(target.pendingFen, locale),
              remaining: formatFen(target.remainingFen, locale),
            })}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="amountYuan"
          label={t('funding.payment.amountYuan')}
          rules={[{ required: true, message: t('common.required', { field: t('funding.payment.amountYuan') }) }]}
        >
          <InputNumber
            min={0.01}
            max={target ? target.remainingFen / 100 : 21_474_836.47}
            precision={2}
            style={{ width: '100%' }}
            data-testid="payment-amount"
          />
        </Form.Item>
        <Form.Item
          name="paidOn"
          label={t('funding.payment.paidOn')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('funding.payment.paidOn') }) }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('funding.payment.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
