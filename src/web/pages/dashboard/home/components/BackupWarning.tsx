import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link } from 'react-router';
import type { TBackupOverview } from '../../../../../contracts/backup';
import { useT } from '../../../../i18n';
import { api } from '../../../../request';

/** On the administrator's home page: a warning, only when no restore-tested backup is recent enough. */
export function BackupWarning() {
  const t = useT();
  const overview = useQuery({
    queryKey: ['admin-backups'],
    queryFn: () => api.get<TBackupOverview>('/api/admin/backups'),
  });
  if (!overview.data?.stale) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="home-backup-warning"
      title={t('backup.homeWarning', { days: overview.data.staleAfterDays })}
      action={<Link to="/settings">{t('backup.homeWarningLink')}</Link>}
    />
  );
}
