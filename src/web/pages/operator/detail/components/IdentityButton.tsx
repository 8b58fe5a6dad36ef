import { EyeOutlined } from '@ant-design/icons';
import { Button, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import type { TOperator } from '../../../../../contracts/operator';
import { useT } from '../../../../i18n';
import { api } from '../../../../request';
import { handleApiError } from '../../../../request-error';

/**
 * 查看完整号码: asks first (the server records every viewing in the operation log), then shows the number in a modal.
 * The number is fetched with a plain request, not through TanStack Query, and dropped when the modal closes, so it
 * never lands in a query or mutation cache.
 */
export function IdentityButton({ operator }: { operator: TOperator }) {
  const t = useT();
  const [loading, setLoading] = useState(false);
  const [number, setNumber] = useState<string | null>(null);

  const view = async () => {
    setLoading(true);
    try {
      const { legalRepIdNumber } = await api.post<{ legalRepIdNumber: string }>(
        `/api/operators/${operator.id}/identity`,
      );
      setNumber(legalRepIdNumber);
    } catch (error) {
      handleApiError(error);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Popconfirm
        title={t('operator.identity.confirmTitle')}
        description={t('operator.identity.confirmText')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={view}
      >
        <Button type="link" size="small" icon={<EyeOutlined />} loading={loading} data-testid="identity-view">
          {t('operator.identity.view')}
        </Button>
      </Popconfirm>
      <Modal
        title={t('operator.identity.title')}
        open={number !== null}
        onCancel={() => setNumber(null)}
        footer={<Button onClick={() => setNumber(null)}>{t('common.confirm')}</Button>}
        destroyOnHidden
      >
        <Typography.Text strong style={{ fontSize: 18, fontFamily: 'monospace' }} data-testid="identity-number">
          {number}
        </Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('operator.identity.note')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
