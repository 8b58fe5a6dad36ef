import { Alert, App, type ButtonProps, Form, Input, Modal, Typography } from 'antd';
import type { TConsequence } from '../../../../contracts/assessment-results';
import { useT } from '../../../i18n';
import { errorMessage } from '../../../request-error';
import { useConfirmCancellation } from './results-api';

/**
 * Art. 12(三)(2): the province confirms the cancellation of an operator's qualification after two 较差 years running.
 * What follows is said before the button: the operator disqualified, its engagements ended, the counties prompted.
 */
export function ConfirmCancellationModal({ consequence, onClose }: { consequence: TConsequence; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const confirm = useConfirmCancellation();
  const years = consequence.basis.years.map((y) => y.year).join('、');
  return (
    <Modal
      open
      title={t('assessment.consequence.confirmTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('assessment.consequence.confirm')}
      okButtonProps={
        { danger: true, loading: confirm.isPending, 'data-testid': 'confirm-cancellation-submit' } as ButtonProps
      }
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text strong>{consequence.operatorName}</Typography.Text> · {consequence.centreName} ·{' '}
        {t('assessment.consequence.years', { years })}
      </Typography.Paragraph>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('assessment.consequence.confirmHint')} />
      {confirm.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(confirm.error)} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          confirm.mutate(
            { id: consequence.id, version: consequence.version, comment: v.comment.trim() },
            {
              onSuccess: () => {
                message.success(t('assessment.consequence.confirmed', { name: consequence.operatorName ?? '' }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="comment"
          label={t('assessment.consequence.comment')}
          rules={[
            { required: true, min: 4, whitespace: true, message: t('assessment.consequence.commentPlaceholder') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('assessment.consequence.commentPlaceholder')}
            data-testid="confirm-cancellation-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
