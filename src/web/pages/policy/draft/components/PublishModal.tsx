import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TPolicyDraft } from '../../../../../contracts/policy-draft';
import { useLocale } from '../../../../i18n';
import { todayInBeijing } from '../../../../lib/format';
import { api } from '../../../../request';
import { handleApiError, showFieldErrors } from '../../../../request-error';
import { POLICY_KEY } from './draft-api';

/**
 * 发布 (Art. 16): the effective date, today or later (never retroactive), and a plain statement that the version
 * cannot be edited once published — a later change is a new draft.
 */
export function PublishModal({
  draft,
  nextVersion,
  open,
  onClose,
}: {
  draft: TPolicyDraft;
  nextVersion: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<{ effectiveFrom: Dayjs }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const today = dayjs(todayInBeijing());
  const publish = useMutation({
    mutationFn: (day: string) =>
      api.post<TPolicyDraft>(`/api/policy/drafts/${draft.id}/publish`, { version: draft.version, effectiveFrom: day }),
    onSuccess: (d) => {
      message.success(t('policyDraft.published', { version: d.publishedVersion ?? nextVersion }));
      queryClient.invalidateQueries({ queryKey: POLICY_KEY });
      onClose();
    },
    onError: (e) => {
      if (!showFieldErrors(form, e)) handleApiError(e);
    },
  });
  return (
    <Modal
      open={open}
      title={t('policyDraft.publishTitle', { version: nextVersion })}
      okText={t('policyDraft.publishOk')}
      okButtonProps={{ danger: true, id: 'policy-publish-ok' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={publish.isPending}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('policyDraft.publishFinal')}
        description={t('policyDraft.publishFinalDetail')}
      />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ effectiveFrom: today.add(1, 'month').startOf('month') }}
        onFinish={(v) => publish.mutate(v.effectiveFrom.format('YYYY-MM-DD'))}
      >
        <Form.Item
          name="effectiveFrom"
          label={t('policy.effectiveFrom')}
          extra={t('policyDraft.effectiveHelp')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('policy.effectiveFrom') }) }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            format={locale === 'en' ? 'MMM D, YYYY' : 'YYYY年M月D日'}
            disabledDate={(d) => d.isBefore(today, 'day')}
            data-testid="policy-effective-from"
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{draft.title}</Typography.Text>
    </Modal>
  );
}
