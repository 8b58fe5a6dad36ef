import { App, Descriptions, Form, Input, Radio } from 'antd';
import type { TCentreChange, TCentreDetail } from '../../../../../contracts/centre';
import { useT } from '../../../../i18n';
import { ActionModal } from './ActionModal';
import { AdjustmentSummary } from './ChangeList';
import { useCentreAction } from './use-centre-action';

interface DecideForm {
  decision: 'approve' | 'reject';
  comment: string;
}

/** 核准/驳回 a city's request to adjust or revoke a centre (Art. 9(四)); approval issues the 决定书. */
export function DecideChangeModal({
  centre,
  change,
  onClose,
}: {
  centre: TCentreDetail;
  change: TCentreChange;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecideForm>();
  const decision = Form.useWatch('decision', form);
  const { mutation, refusal } = useCentreAction(
    centre.id,
    () => {
      message.success(t('centre.change.decided'));
      onClose();
    },
    onClose,
  );

  return (
    <ActionModal
      title={`${t('centre.change.decide')} · ${t(`centre.change.kind.${change.kind}`)}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      danger={decision === 'reject' || change.kind === 'revocation'}
      width={640}
    >
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('centre.change.kind')}>{t(`centre.change.kind.${change.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('centre.change.reason')}>{change.reason}</Descriptions.Item>
        {change.adjustment && (
          <Descriptions.Item label={t('centre.change.fields')}>
            <AdjustmentSummary centre={centre} adjustment={change.adjustment} />
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('centre.change.requestedBy')}>{change.requestedBy ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ decision: 'approve' }}
        onFinish={(values) =>
          mutation.mutate({
            path: `/api/centre-changes/${change.id}/decide`,
            body: { decision: values.decision, comment: values.comment.trim() },
          })
        }
      >
        <Form.Item name="decision" label={t('centre.change.decision')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              {
                value: 'approve',
                label: <span data-testid="decide-approve">{t('centre.change.decision.approve')}</span>,
              },
              { value: 'reject', label: <span data-testid="decide-reject">{t('centre.change.decision.reject')}</span> },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('centre.change.decisionComment')}
          rules={[
            { required: true, whitespace: true, message: t('centre.action.reasonRequired') },
            { min: 2, max: 2000, message: t('centre.action.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
