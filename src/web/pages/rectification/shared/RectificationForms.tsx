import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import type { TRectification } from '../../../../contracts/service-record';
import { useT } from '../../../i18n';
import { ApiError, api } from '../../../request';
import { handleApiError, showFieldErrors } from '../../../request-error';
import { RefusalAlert } from '../../centre/shared/RefusalAlert';
import { STALE_CODES, useRefreshServices } from '../../service/shared/service-api';

interface FormProps {
  rectification: TRectification;
  onDone?: () => void;
  onCancel?: () => void;
}

/** Posts one rectification step; a stale version reloads instead of arguing, other refusals stay on screen. */
function useRectificationStep(id: number, path: 'answer' | 'follow-up', onDone?: () => void) {
  const { message } = App.useApp();
  const refresh = useRefreshServices();
  const [refusal, setRefusal] = useState<unknown>(null);
  const mutation = useMutation({
    meta: { silent: true },
    mutationFn: (body: Record<string, unknown>) => api.post<unknown>(`/api/rectifications/${id}/${path}`, body),
    onMutate: () => setRefusal(null),
    onSuccess: async () => {
      await refresh();
      onDone?.();
    },
    onError: (error) => {
      if (error instanceof ApiError && STALE_CODES.has(error.code)) {
        message.warning(error.message);
        void refresh();
        onDone?.();
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        handleApiError(error);
        return;
      }
      setRefusal(error);
    },
  });
  return { mutation, refusal };
}

/** 整改答复: the centre says what it found and what it changed, within the deadline (好差评整改). */
export function RectificationAnswerForm({ rectification, onDone, onCancel }: FormProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const { mutation, refusal } = useRectificationStep(rectification.id, 'answer', onDone);
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="rectification-answer-form"
      onFinish={({ answer }) =>
        mutation.mutate(
          { version: rectification.version, answer: answer.trim() },
          {
            onSuccess: () => message.success(t('service.rectification.answered')),
            onError: (e) => showFieldErrors(form, e),
          },
        )
      }
    >
      <RefusalAlert error={refusal} />
      <Form.Item
        name="answer"
        label={t('service.rectification.field.answer')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('service.rectification.field.answer') }),
          },
          { max: 2000 },
        ]}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder={t('service.rectification.answerPlaceholder')}
          data-testid="rectification-answer"
        />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="rectification-answer-submit">
          {t('service.rectification.answer')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </Space>
    </Form>
  );
}

/** 县级跟踪: the county accepts the centre's answer (closed) or sends it back with what is still missing. */
export function RectificationFollowUpForm({ rectification, onDone, onCancel }: FormProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'accept' | 'reopen'; comment: string }>();
  const { mutation, refusal } = useRectificationStep(rectification.id, 'follow-up', onDone);
  const decision = Form.useWatch('decision', form);
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="rectification-follow-up-form"
      initialValues={{ decision: 'accept' }}
      onFinish={({ decision: d, comment }) =>
        mutation.mutate(
          { version: rectification.version, decision: d, comment: comment.trim() },
          {
            onSuccess: () =>
              message.success(t(d === 'accept' ? 'service.rectification.accepted' : 'service.rectification.reopened')),
            onError: (e) => showFieldErrors(form, e),
          },
        )
      }
    >
      <RefusalAlert error={refusal} />
      <Form.Item name="decision" label={t('service.rectification.field.decision')}>
        <Radio.Group
          optionType="button"
          data-testid="rectification-decision"
          options={[
            { value: 'accept', label: t('service.rectification.decision.accept') },
            { value: 'reopen', label: t('service.rectification.decision.reopen') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="comment"
        label={t('service.rectification.field.followUp')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('service.rectification.field.followUp') }),
          },
          { max: 1000 },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          showCount
          placeholder={t(
            decision === 'reopen'
              ? 'service.rectification.reopenPlaceholder'
              : 'service.rectification.acceptPlaceholder',
          )}
          data-testid="rectification-follow-up"
        />
      </Form.Item>
      <Space>
        <Button
          type="primary"
          danger={decision === 'reopen'}
          htmlType="submit"
          loading={mutation.isPending}
          data-testid="rectification-follow-up-submit"
        >
          {t('service.rectification.followUp')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </Space>
    </Form>
  );
}
