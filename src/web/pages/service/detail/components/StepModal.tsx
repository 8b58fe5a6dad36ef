import { App, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import type { TServiceRecordDetail } from '../../../../../contracts/service-record';
import { useT } from '../../../../i18n';
import { showFieldErrors } from '../../../../request-error';
import { ActionModal } from '../../../centre/detail/components/ActionModal';
import { useStaffRoster } from '../../../centre/detail/components/staff/staff-api';
import { useServiceStep } from '../../shared/service-api';

/** Steps that ask for something before they go: a note, the result, a reason, or whom to assign. */
export type TModalStep = 'progress' | 'complete' | 'cancel' | 'assign';

/** The body field each step's text goes in, and its length limit (ZService…Request). */
const TEXT_FIELD: Record<Exclude<TModalStep, 'assign'>, { name: 'note' | 'resultText' | 'reason'; max: number }> = {
  progress: { name: 'note', max: 2000 },
  complete: { name: 'resultText', max: 2000 },
  cancel: { name: 'reason', max: 500 },
};

interface StepModalProps {
  record: TServiceRecordDetail;
  step: TModalStep;
  onClose: () => void;
}

/**
 * 添加进度 (a note the enterprise reads), 办结 (the result), 撤销 (the reason, required), 指派 (a staff member of the
 * centre's roster). Sends the version on screen; the server checks the step against the record's status again.
 */
export function StepModal({ record, step, onClose }: StepModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string; assigneeId?: number }>();
  const [refusal, setRefusal] = useState<unknown>(null);
  const roster = useStaffRoster(record.centreId, step === 'assign');
  const mutation = useServiceStep(record, {
    onDone: onClose,
    onRefused: (error) => {
      setRefusal(error);
      showFieldErrors(form, error);
    },
  });

  const submit = (values: { text?: string; assigneeId?: number }) => {
    setRefusal(null);
    const body =
      step === 'assign' ? { assigneeId: values.assigneeId } : { [TEXT_FIELD[step].name]: values.text?.trim() ?? '' };
    mutation.mutate(
      { step, body },
      { onSuccess: () => message.success(t(`service.step.done.${step}`, { number: record.number })) },
    );
  };

  return (
    <ActionModal
      title={`${t(`service.step.${step}`)} · ${record.number}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      danger={step === 'cancel'}
      confirmText={t(`service.step.${step}`)}
      confirmTestId={`${step}-submit`}
    >
      <Typography.Paragraph type="secondary">{t(`service.step.hint.${step}`)}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ assigneeId: record.assigneeId ?? undefined }}
      >
        {step === 'assign' ? (
          <Form.Item
            name="assigneeId"
            label={t('service.field.assignee')}
            rules={[{ required: true, message: t('common.selectRequired', { field: t('service.field.assignee') }) }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={roster.isPending}
              options={(roster.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              data-testid="assign-select"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="text"
            label={t(`service.step.label.${step}`)}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t(`service.step.label.${step}`) }),
              },
              { max: TEXT_FIELD[step].max },
            ]}
          >
            <Input.TextArea
              rows={4}
              maxLength={TEXT_FIELD[step].max}
              showCount
              autoFocus
              data-testid={`${step}-text`}
            />
          </Form.Item>
        )}
      </Form>
    </ActionModal>
  );
}
