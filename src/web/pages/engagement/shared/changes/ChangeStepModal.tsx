import { App, Form, Input, Typography } from 'antd';
import type { TOperatorChange } from '../../../../../contracts/engagement';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { ActionModal } from '../../../centre/detail/components/ActionModal';
import { useChangeAction } from './change-api';

export const CHANGE_STEPS = ['forward', 'approve', 'reject'] as const;
export type TChangeStep = (typeof CHANGE_STEPS)[number];

interface ChangeStepModalProps {
  change: TOperatorChange;
  step: TChangeStep;
  onClose: () => void;
}

/**
 * 转报 (city), 核准 / 不予核准 (province) of an application to change the operator (Art. 10(六)). Each sends the
 * version on screen; a rejection says why, for the county to read.
 */
export function ChangeStepModal({ change, step, onClose }: ChangeStepModalProps) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const reasoned = step === 'reject';
  const { mutation, refusal } = useChangeAction({
    form,
    onDone: () => {
      message.success(t(`engagement.change.done.${step}`));
      onClose();
    },
    onConflict: onClose,
  });

  const onFinish = ({ comment }: { comment?: string }) => {
    const text = comment?.trim();
    const note = text ? { comment: text } : {};
    if (step === 'forward') {
      mutation.mutate({
        path: `/api/operator-changes/${change.id}/forward`,
        body: { version: change.version, ...note },
      });
      return;
    }
    mutation.mutate({
      path: `/api/operator-changes/${change.id}/decide`,
      body: { version: change.version, decision: step, ...note },
    });
  };

  return (
    <ActionModal
      title={`${t(`engagement.change.step.${step}`)} · ${change.centreName}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      danger={reasoned}
      confirmText={t(`engagement.change.step.${step}`)}
      confirmTestId="change-confirm"
    >
      <Typography.Paragraph type="secondary" data-testid="change-step-hint">
        {t(`engagement.change.step.hint.${step}`, {
          operator: change.outgoingOperatorName,
          date: formatDate(change.changedOn, locale),
        })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="comment"
          label={reasoned ? t('centre.action.reason') : t('centre.action.comment')}
          rules={
            reasoned
              ? [
                  { required: true, whitespace: true, message: t('centre.action.reasonRequired') },
                  { min: 2, max: 2000, message: t('centre.action.reasonRequired') },
                ]
              : [{ max: 2000 }]
          }
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={reasoned ? t('engagement.change.rejectPlaceholder') : t('centre.action.commentPlaceholder')}
          />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
