import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TEnterprise } from '../../../../../contracts/enterprise';
import { useCan } from '../../../../access';
import { useT } from '../../../../i18n';
import { ApiError, api } from '../../../../request';
import { handleApiError, showFieldErrors } from '../../../../request-error';
import { RefusalAlert } from '../../../centre/shared/RefusalAlert';
import { EnterpriseDescriptions } from './EnterpriseDescriptions';

export const ENTERPRISES_KEY = ['enterprises'] as const;

type ReviewForm = { decision: 'approve' | 'reject'; comment?: string };

interface EnterpriseReviewModalProps {
  enterprise: TEnterprise;
  onClose: () => void;
}

/**
 * One enterprise's particulars; for a pending registration and a reviewer (the centre or the county), 通过 — which
 * opens the account enterprise.<credit code> — or 退回 with the reason the enterprise is told.
 */
export function EnterpriseReviewModal({ enterprise, onClose }: EnterpriseReviewModalProps) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReviewForm>();
  const [refusal, setRefusal] = useState<unknown>(null);
  const decision = Form.useWatch('decision', form);
  const reviewing = enterprise.status === 'pending' && can('enterprise.review');

  const review = useMutation({
    meta: { silent: true },
    mutationFn: (body: ReviewForm & { version: number }) =>
      api.post<TEnterprise>(`/api/enterprises/${enterprise.id}/review`, body),
    onMutate: () => setRefusal(null),
    onSuccess: (saved) => {
      message.success(t(saved.status === 'approved' ? 'enterprise.review.approved' : 'enterprise.review.rejected'));
      void queryClient.invalidateQueries({ queryKey: ENTERPRISES_KEY });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) {
        handleApiError(error);
        return;
      }
      if (error instanceof ApiError && (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_TRANSITION')) {
        message.warning(error.message);
        void queryClient.invalidateQueries({ queryKey: ENTERPRISES_KEY });
        onClose();
        return;
      }
      showFieldErrors(form, error);
      setRefusal(error);
    },
  });

  const footer = [
    can('serviceStats.read') && enterprise.status === 'approved' && (
      <Link key="services" to={`/services?enterpriseId=${enterprise.id}`} data-testid="enterprise-services-link">
        {t('enterprise.viewServices')}
      </Link>
    ),
    <span key="gap" style={{ flex: 1 }} />,
    <Button key="close" onClick={onClose}>
      {t(reviewing ? 'common.cancel' : 'enterprise.close')}
    </Button>,
    reviewing && (
      <Button
        key="submit"
        type="primary"
        danger={decision === 'reject'}
        loading={review.isPending}
        onClick={() => form.submit()}
        data-testid="review-submit"
      >
        {t('enterprise.review.submit')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <Modal
      open
      width={720}
      title={`${t(reviewing ? 'enterprise.review.title' : 'enterprise.detailTitle')} · ${enterprise.name}`}
      onCancel={onClose}
      footer={<div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>{footer}</div>}
      destroyOnHidden
    >
      <RefusalAlert error={refusal} />
      <EnterpriseDescriptions enterprise={enterprise} />
      {reviewing && (
        <Form<ReviewForm>
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          initialValues={{ decision: 'approve' }}
          data-testid="review-form"
          onFinish={(v) =>
            review.mutate({
              decision: v.decision,
              ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
              version: enterprise.version,
            })
          }
        >
          <Form.Item name="decision" label={t('enterprise.review.decision')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              data-testid="review-decision"
              options={[
                { value: 'approve', label: t('enterprise.review.approve') },
                { value: 'reject', label: t('enterprise.review.reject') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="comment"
            label={t(decision === 'reject' ? 'enterprise.review.reason' : 'enterprise.review.comment')}
            extra={decision === 'reject' ? t('enterprise.review.reasonHint') : t('enterprise.review.approveHint')}
            rules={[
              {
                required: decision === 'reject',
                whitespace: true,
                message: t('enterprise.review.reasonRequired'),
              },
              { max: 500 },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="review-comment" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
