import { Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../../i18n';
import { RefusalAlert } from '../../shared/RefusalAlert';

interface ActionModalProps {
  title: ReactNode;
  onCancel: () => void;
  onConfirm: () => void;
  loading: boolean;
  refusal: unknown;
  danger?: boolean;
  confirmText?: string;
  width?: number;
  /** The confirm button's test id; `confirm-action` unless a page needs to tell its modals apart. */
  confirmTestId?: string;
  children: ReactNode;
}

/**
 * The frame of every workflow modal: what the server refused (if it did), the form, and 取消 / 确定. The page mounts
 * a modal only while it is in use, so that one `confirm-action` button and one `#comment` field exist at a time.
 */
export function ActionModal(props: ActionModalProps) {
  const t = useT();
  return (
    <Modal
      title={props.title}
      open
      onCancel={props.onCancel}
      width={props.width ?? 560}
      footer={[
        <Button key="cancel" onClick={props.onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="confirm"
          type="primary"
          danger={props.danger}
          loading={props.loading}
          onClick={props.onConfirm}
          data-testid={props.confirmTestId ?? 'confirm-action'}
        >
          {props.confirmText ?? t('common.confirm')}
        </Button>,
      ]}
    >
      <RefusalAlert error={props.refusal} />
      {props.children}
    </Modal>
  );
}
