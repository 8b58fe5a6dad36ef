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
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'before', label: t('audit.before'), children: <Json value={entry.before} /> },
        { key: 'after', label: t('audit.after'), children: <Json value={entry.after} /> },
        // The raw event and object reference, as the chain records them, for whoever checks it against the database.
        {
          key: 'event',
          label: t('audit.eventCode'),
          children: <Typography.Text code>{entry.action}</Typography.Text>,
        },
        {
          key: 'ref',
          label: t('audit.objectRef'),
          children: <Typography.Text code>{`${entry.objectType}:${entry.objectId ?? '—'}`}</Typography.Text>,
        },
        { key: 'requestId', label: t('audit.requestId'), children: entry.requestId ?? '—' },
        {
          key: 'hash',
          label: t('audit.hash'),
          // A pending entry (decision 0021) has no chain hash yet.
          children: entry.hash ? (
            <Typography.Text code copyable style={{ fontSize: 12 }}>
              {entry.hash}
            </Typography.Text>
          ) : (
            t('audit.pendingSeq')
          ),
        },
      ]}
    />
  );
}
