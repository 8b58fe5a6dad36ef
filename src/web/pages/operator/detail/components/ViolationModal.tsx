import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TOperatorDetail, TRecordViolationRequest } from '../../../../../contracts/operator';
import { useT } from '../../../../i18n';
import { api } from '../../../../request';
import { showFieldErrors } from '../../../../request-error';
import { OPERATORS_KEY } from '../../shared/queries';

interface ViolationFormValues {
  occurredOn: Dayjs;
  description: string;
  source: string;
}

/** 登记违法违规: one record against the operator; it counts against Art. 10(一)3 for the policy's number of years. */
export function ViolationModal({ operator, onClose }: { operator: TOperatorDetail; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ViolationFormValues>();
  const record = useMutation({
    mutationFn: (body: TRecordViolationRequest) =>
      api.post<TOperatorDetail>(`/api/operators/${operator.id}/violations`, body),
    onSuccess: (detail) => {
      message.success(t('operator.violation.recorded'));
      queryClient.setQueryData([...OPERATORS_KEY, 'detail', operator.id], detail);
      void queryClient.invalidateQueries({ queryKey: OPERATORS_KEY });
      onClose();
    },
    onError: (error) => showFieldErrors(form, error),
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <Modal
      open
      title={t('operator.violation.recordTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="violation-form"
        onFinish={({ occurredOn, description, source }) =>
          record.mutate({ occurredOn: occurredOn.format('YYYY-MM-DD'), description, source })
        }
      >
        <Form.Item
          name="occurredOn"
          label={t('operator.violation.occurredOn')}
          rules={[
            {
              required: true,
              message: t('common.selectRequired', { field: t('operator.violation.occurredOn') }),
            },
          ]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            data-testid="violation-occurredOn"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('operator.violation.description')}
          rules={[required(t('operator.violation.description')), { min: 4, max: 2000 }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('operator.violation.source')}
          rules={[required(t('operator.violation.source')), { min: 2, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
