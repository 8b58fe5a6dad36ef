import { Tag } from 'antd';
import { useT } from '../i18n';

export function DemoTag() {
  const t = useT();
  return (
    <Tag color="orange" data-testid="demo-tag">
      {t('common.demo')}
    </Tag>
  );
}
