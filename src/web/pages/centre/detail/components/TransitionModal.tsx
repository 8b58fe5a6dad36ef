import { App, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { TCentreDetail } from '../../../../../contracts/centre';
import { useT } from '../../../../i18n';
import { ActionModal } from './ActionModal';
import { AttachmentField } from './attachments/AttachmentField';
import { useCentreAction } from './use-centre-action';

export const TRANSITIONS = ['submit', 'forward', 'return', 'approve', 'reject'] as const;
export type TTransition = (typeof TRANSITIONS)[number];

/** Returning and refusing must say why (the county has to know what to fix); the other steps may add a comment. */
const REASONED: ReadonlySet<TTransition> = new Set(['return', 'reject']);

interface TransitionModalProps {
  centre: TCentreDetail;
  action: TTransition;
  onClose: () => void;
  /** Whether the user may attach files (centre.attach): then the step may carry 附件（可选）. */
  canAttach?: boolean;
}

/** 提交 / 转报 / 退回 / 核准 / 不予核准 (Art. 9(三)) with the officer's comment, sent with the version on screen. */
export function TransitionModal({ centre, action, onClose, canAttach = false }: TransitionModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const [attachmentIds, setAttachmentIds] = useState<number[]>([]);
  const [uploading, setUploading] = useState(false);
  const { mutation, refusal } = useCentreAction(
    centre.id,
    () => {
      message.success(t(`centre.action.done.${action}`));
      onClose();
    },
    onClose,
  );

  const reasoned = REASONED.has(action);
  return (
    <ActionModal
      title={`${t(`centre.action.${action}`)} · ${centre.name}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending || uploading}
      refusal={refusal}
      danger={reasoned}
      confirmText={t(`centre.action.${action}`)}
    >
      <Typography.Paragraph type="secondary" data-testid="action-hint">
        {t(`centre.action.hint.${action}`)}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={({ comment }) => {
          const text = comment?.trim();
          mutation.mutate({
            path: `/api/centres/${centre.id}/${action}`,
            body: {
              version: centre.version,
              ...(text ? { comment: text } : {}),
              ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
            },
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
            placeholder={reasoned ? t('centre.action.reasonPlaceholder') : t('centre.action.commentPlaceholder')}
          />
        </Form.Item>
        {canAttach && (
          <AttachmentField centreId={centre.id} onChange={setAttachmentIds} onUploadingChange={setUploading} />
        )}
      </Form>
    </ActionModal>
  );
}
