import { Descriptions, Typography } from 'antd';
import type { TAuditEntry } from '../../../../../contracts/audit';
import { useT } from '../../../../i18n';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>—</>;
  return (
    <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** What changed (before / after) and the entry's place in the chain. */
export function AuditEntryDetail({ entry }: { entry: TAuditEntry }) {
  const t = useT();
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      items={[
        { key: 'before', label: t('audit.before'), children: <Json value={entry.before} /> },
        { key: 'after', label: t('audit.after'), children: <Json value={entry.after} /> },
        { key: 'requestId', label: t('audit.requestId'), children: entry.requestId ?? '—' },
        {
          key: 'hash',
          label: t('audit.hash'),
          children: (
            <Typography.Text code copyable style={{ fontSize: 12 }}>
              {entry.hash}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
