import type { backupZhCN } from './backup.zh-CN';

/** English text of the administrator's backup card (issue 10). */
export const backupEn: Record<keyof typeof backupZhCN, string> = {
  'backup.title': 'Backups',
  'backup.runNow': 'Back up now',
  'backup.running': 'Backing up and test-restoring; with much data this takes a few minutes. Keep this page open…',
  'backup.done': 'Backup written and test-restored',
  'backup.doneUnverified': 'Backup written, but its restore test failed; see why',
  'backup.failedNow': 'The backup failed; see why',
  'backup.ok': 'Newest backup that passed its restore test: {at}.',
  'backup.stale':
    'The newest backup that passed its restore test is from {at}, more than {days} days ago. Back up now.',
  'backup.none': 'No backup has passed a restore test yet. Back up now.',
  'backup.homeWarning':
    'No backup has passed a restore test in the last {days} days. Back up now under System settings.',
  'backup.homeWarningLink': 'Open System settings',
  'backup.scope':
    'Each backup holds the database, the uploaded files and the audit anchors, and is test-restored into a scratch database at once (row counts, audit chain, file checksums). Encryption keys are not in backups: keep them safe separately.',
  'backup.col.startedAt': 'Time',
  'backup.col.trigger': 'Started by',
  'backup.col.status': 'Result',
  'backup.col.verified': 'Restore test',
  'backup.col.size': 'Size',
  'backup.col.files': 'Files',
  'backup.col.name': 'Name',
  'backup.trigger.admin': 'Administrator',
  'backup.trigger.cli': 'Schedule / command line',
  'backup.status.succeeded': 'Succeeded',
  'backup.status.failed': 'Failed',
  'backup.verified.yes': 'Passed',
  'backup.verified.no': 'Failed',
  'backup.verified.never': 'Not tested',
  'backup.reason': 'Why',
  'backup.empty': 'No backups yet',
};
