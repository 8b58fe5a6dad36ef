import { Tag } from 'antd';
import type { TEnterpriseStatus } from '../../../../../contracts/enterprise';
import { useT } from '../../../../i18n';

const COLOURS: Record<TEnterpriseStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };

export function EnterpriseStatusTag({ status }: { status: TEnterpriseStatus }) {
  const t = useT();
  return (
    <Tag color={COLOURS[status]} data-testid="enterprise-status" data-status={status}>
      {t(`enterprise.status.${status}`)}
    </Tag>
  );
}
