import { Tag } from 'antd';
import { useT } from '../../../i18n';
import { QUALIFICATION_COLOURS, type TQualificationStatus } from './operator-labels';

export function QualificationTag({ status }: { status: TQualificationStatus }) {
  const t = useT();
  return (
    <Tag color={QUALIFICATION_COLOURS[status]} data-testid="operator-status" data-status={status}>
      {t(`operator.status.${status}`)}
    </Tag>
  );
}
