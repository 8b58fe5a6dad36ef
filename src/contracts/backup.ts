import { z } from 'zod';

/** One backup run as the administrator sees it (等保 2.0 三级: 数据备份与恢复). */
export const ZBackupRun = z.object({
  id: z.number().int(),
  /** The backup folder's name, e.g. hbts-backup-20261207T033000Z. */
  name: z.string(),
  location: z.string(),
  trigger: z.enum(['cli', 'admin']),
  userName: z.string().nullable(),
  databaseKind: z.enum(['pglite', 'postgres']),
  status: z.enum(['succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  sizeBytes: z.number().int(),
  fileCount: z.number().int(),
  auditSeq: z.number().int().nullable(),
  /** Why the backup failed; null when it succeeded. */
  error: z.string().nullable(),
  /** The last restore test: null when never tried. */
  verifiedAt: z.string().nullable(),
  verified: z.boolean().nullable(),
  verifyProblems: z.array(z.string()),
});
export type TBackupRun = z.infer<typeof ZBackupRun>;

/** A backup proven by a restore test is expected at least this often; older, the page warns. */
export const BACKUP_STALE_AFTER_DAYS = 2;

export const ZBackupOverview = z.object({
  /** The newest runs first. */
  items: z.array(ZBackupRun),
  lastSucceededAt: z.string().nullable(),
  /** When the newest backup that passed its restore test was made. */
  lastVerifiedBackupAt: z.string().nullable(),
  staleAfterDays: z.number().int(),
  /** No verified backup, or the newest is older than staleAfterDays. */
  stale: z.boolean(),
});
export type TBackupOverview = z.infer<typeof ZBackupOverview>;
