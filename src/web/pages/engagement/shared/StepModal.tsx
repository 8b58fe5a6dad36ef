import { App, Form, Input, Typography } from 'antd';
import type { TEngagementDetail } from '../../../../contracts/engagement';
import { useT } from '../../../i18n';
import { ActionModal } from '../../centre/detail/components/ActionModal';
import { useEngagementAction } from './use-engagement-action';

export const ENGAGEMENT_STEPS_BY_ROLE = ['report', 'return', 'file'] as const;
export type TEngagementStep = (typeof ENGAGEMENT_STEPS_BY_ROLE)[number];

interface StepModalProps {
  engagement: TEngagementDetail;
  step: TEngagementStep;
  onClose: () => void;
}

/**
 * 汇总上报 (city), 退回补正 (province, with the reason the county must read), 备案并公布 (province): each asks for
 * confirmation and sends the version on screen; the server checks the materials, the checklist and the operator again.
 */
export function StepModal({ engagement, step, onClose }: StepModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const reasoned = step === 'return';
  const { mutation, refusal } = useEngagementAction({
    form,
    onDone: (saved) => {
      message.success(
        step === 'file'
          ? t('engagement.step.done.file', { number: saved.filingNumber ?? '' })
          : t(`engagement.step.done.${step}`),
      );
      onClose();
    },
    onConflict: onClose,
  });

  return (
    <ActionModal
      title={`${t(`engagement.step.${step}`)} · ${engagement.centreName}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      danger={reasoned}
      confirmText={t(`engagement.step.${step}`)}
      confirmTestId="engagement-confirm"
    >
      <Typography.Paragraph type="secondary" data-testid="engagement-step-hint">
        {t(`engagement.step.hint.${step}`)}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={({ comment }) => {
          const text = comment?.trim();
          mutation.mutate({
            path: `/api/engagements/${engagement.id}/${step}`,
            body: { version: engagement.version, ...(text ? { comment: text } : {}) },
          });
        }}
      >
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
            placeholder={reasoned ? t('engagement.step.reasonPlaceholder') : t('centre.action.commentPlaceholder')}
          />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
