import { Tag } from 'antd';
import type { TEngagementStatus } from '../../../../contracts/engagement';
import { useT } from '../../../i18n';
import { ENGAGEMENT_STATUS_COLOURS } from './engagement-labels';

export function EngagementStatusTag({ status }: { status: TEngagementStatus }) {
  const t = useT();
  return (
    <Tag color={ENGAGEMENT_STATUS_COLOURS[status]} data-testid="engagement-status" data-status={status}>
      {t(`engagement.status.${status}`)}
    </Tag>
  );
}
