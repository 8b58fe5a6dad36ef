import { Tag } from 'antd';
import type { TSanctionKind } from '../../../../contracts/sanction';
import { useT } from '../../../i18n';

export function SanctionKindTag({ kind }: { kind: TSanctionKind }) {
  const t = useT();
  return (
    <Tag color={kind === 'blacklist' ? 'black' : 'red'} data-testid="sanction-kind">
      {t(`sanction.kind.${kind}`)}
    </Tag>
  );
}
