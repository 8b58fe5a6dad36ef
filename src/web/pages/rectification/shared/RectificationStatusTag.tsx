import { Tag } from 'antd';
import type { TRectificationStatus } from '../../../../contracts/service-record';
import { useT } from '../../../i18n';

const COLOURS: Record<TRectificationStatus, string> = { open: 'red', answered: 'blue', closed: 'green' };

export function RectificationStatusTag({ status }: { status: TRectificationStatus }) {
  const t = useT();
  return (
    <Tag color={COLOURS[status]} data-testid="rectification-status" data-status={status}>
      {t(`service.rectification.status.${status}`)}
    </Tag>
  );
}

export function OverdueTag() {
  const t = useT();
  return (
    <Tag color="red" data-testid="rectification-overdue">
      {t('service.rectification.overdue')}
    </Tag>
  );
}
