import { Tag } from 'antd';
import type { TCentreStatus } from '../../../../contracts/centre';
import { useT } from '../../../i18n';
import { STATUS_COLOURS } from './centre-labels';

export function CentreStatusTag({ status }: { status: TCentreStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="centre-status" data-status={status}>
      {t(`centre.status.${status}`)}
    </Tag>
  );
}
