import { CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TBackupOverview, TBackupRun } from '../../../../../contracts/backup';
import { useCan } from '../../../../access';
import { PageSpinner } from '../../../../components/PageResults';
import { useT } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { api } from '../../../../request';

export const BACKUPS_KEY = ['admin-backups'];

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Whether a restore-tested backup is recent, in one line: the first thing the administrator must know. */
export function BackupFreshness({ overview }: { overview: TBackupOverview }) {
  const t = useT();
  const at = formatDateTime(overview.lastVerifiedBackupAt);
  if (!overview.lastVerifiedBackupAt) return <Alert type="warning" showIcon title={t('backup.none')} />;
  if (overview.stale) {
    return <Alert type="warning" showIcon title={t('backup.stale', { at, days: overview.staleAfterDays })} />;
  }
  return <Alert type="success" showIcon title={t('backup.ok', { at })} />;
}

function Problems({ problems }: { problems: string[] }) {
  const t = useT();
  return (
    <div>
      <Typography.Text strong>{t('backup.reason')}</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {problems.map((p) => (
          <li key={p} style={{ wordBreak: 'break-word' }}>
            {p}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * 数据备份 (等保 2.0 三级 数据备份与恢复): when the backups ran, whether each passed its restore test, and 立即备份,
 * which backs up and test-restores in the server (the only process that may open a PGlite data folder).
 */
export function BackupCard() {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: BACKUPS_KEY, queryFn: () => api.get<TBackupOverview>('/api/admin/backups') });
  const run = useMutation({
    mutationFn: () => api.post<TBackupRun>('/api/admin/backups'),
    onSuccess: (r) => {
      if (r.status === 'failed') message.error(t('backup.failedNow'));
      else if (r.verified === false) message.warning(t('backup.doneUnverified'));
      else message.success(t('backup.done'));
      void queryClient.invalidateQueries({ queryKey: BACKUPS_KEY });
    },
    onError: (error) => message.error(error.message),
  });

  const columns: ColumnsType<TBackupRun> = [
    { title: t('backup.col.startedAt'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
    {
      // On a phone: time, result and restore test are what matters.
      responsive: ['sm'],
      title: t('backup.col.trigger'),
      dataIndex: 'trigger',
      render: (v: TBackupRun['trigger']) => t(`backup.trigger.${v}`),
    },
    {
      title: t('backup.col.status'),
      dataIndex: 'status',
      render: (v: TBackupRun['status']) => (
        <Tag color={v === 'succeeded' ? 'green' : 'red'}>{t(`backup.status.${v}`)}</Tag>
      ),
    },
    {
      title: t('backup.col.verified'),
      dataIndex: 'verified',
      render: (v: boolean | null, r) =>
        r.status === 'failed' ? (
          '—'
        ) : (
          <Tag color={v === true ? 'green' : v === false ? 'red' : 'default'}>
            {t(v === true ? 'backup.verified.yes' : v === false ? 'backup.verified.no' : 'backup.verified.never')}
          </Tag>
        ),
    },
    {
      responsive: ['md'],
      title: t('backup.col.size'),
      dataIndex: 'sizeBytes',
      render: (v: number, r) => (r.status === 'failed' ? '—' : formatSize(v)),
    },
    {
      responsive: ['md'],
      title: t('backup.col.files'),
      dataIndex: 'fileCount',
      render: (v: number, r) => (r.status === 'failed' ? '—' : v),
    },
    {
      responsive: ['lg'],
      title: t('backup.col.name'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <Typography.Text type="secondary" copyable={v ? { text: r.location } : false}>
          {v || '—'}
        </Typography.Text>
      ),
    },
  ];

  const problemsOf = (r: TBackupRun) => (r.error ? [r.error] : r.verifyProblems);

  return (
    <Card
      title={t('backup.title')}
      data-testid="backup-card"
      extra={
        can('backup.run') && (
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            loading={run.isPending}
            onClick={() => run.mutate()}
            data-testid="backup-run"
          >
            {t('backup.runNow')}
          </Button>
        )
      }
    >
      {overview.isPending ? (
        <PageSpinner />
      ) : overview.data ? (
        <>
          {run.isPending ? (
            <Alert type="info" showIcon title={t('backup.running')} />
          ) : (
            <BackupFreshness overview={overview.data} />
          )}
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0' }}>
            {t('backup.scope')}
          </Typography.Paragraph>
          <Table<TBackupRun>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={overview.data.items}
            pagination={false}
            locale={{ emptyText: t('backup.empty') }}
            // Only runs that failed or whose restore test failed have something to unfold: their reasons.
            expandable={
              overview.data.items.some((r) => problemsOf(r).length > 0)
                ? {
                    rowExpandable: (r) => problemsOf(r).length > 0,
                    expandedRowRender: (r) => <Problems problems={problemsOf(r)} />,
                  }
                : undefined
            }
          />
        </>
      ) : null}
    </Card>
  );
}
