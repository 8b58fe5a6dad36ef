import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { BACKUP_STALE_AFTER_DAYS, type TBackupOverview, type TBackupRun } from '../../../contracts/backup';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { backupRuns, users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { MANIFEST_FILE } from './backup-format';
import { backupDirOf, type CreatedBackup, createBackup } from './create-backup';
import { BackupBusyError } from './database-dump';
import { type BackupVerification, verifyBackup } from './verify-backup';

type Row = typeof backupRuns.$inferSelect;

function present(row: Row, userName: string | null): TBackupRun {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    trigger: row.trigger,
    userName,
    databaseKind: row.databaseKind,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    sizeBytes: row.sizeBytes,
    fileCount: row.fileCount,
    auditSeq: row.auditSeq,
    error: row.error,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    verified: row.verifyProblems ? row.verifyProblems.length === 0 : null,
    verifyProblems: row.verifyProblems ?? [],
  };
}

export interface RunBackupOptions {
  trigger: 'cli' | 'admin';
  /** Restore-test the backup right after writing it (the default). */
  verify?: boolean;
}

/**
 * 立即备份 / `npm run backup`: write a backup, restore-test it in a scratch database, and remember the run (a
 * backup_runs row and its audit entry, one transaction). A failed run is remembered too, so that the administrator
 * sees it; only a second run while one is going is refused.
 */
export async function runBackup(ctx: RequestContext, opts: RunBackupOptions): Promise<TBackupRun> {
  const user = requireAction(ctx.user, 'backup.run');
  const deps = ctx.deps;
  const startedAt = deps.clock();
  let created: CreatedBackup | undefined;
  let error: string | null = null;
  try {
    created = await createBackup(deps);
  } catch (err) {
    if (err instanceof BackupBusyError) throw new AppError('BACKUP_IN_PROGRESS');
    error = (err as Error).message;
  }
  const verification = created && opts.verify !== false ? await verifyBackup(deps, created.folder) : undefined;
  const finishedAt = deps.clock();
  const userId = user.id === SYSTEM_USER_ID ? null : user.id;
  const row = await deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(backupRuns)
      .values({
        name: created?.manifest.name ?? '',
        location: created?.folder ?? backupDirOf(deps),
        trigger: opts.trigger,
        userId,
        databaseKind: deps.dbKind,
        status: created ? 'succeeded' : 'failed',
        startedAt,
        finishedAt,
        sizeBytes: created?.sizeBytes ?? 0,
        fileCount: created?.manifest.files.count ?? 0,
        auditSeq: created?.manifest.audit.headSeq ?? null,
        manifestSha256: created?.manifestSha256 ?? null,
        error,
        verifiedAt: verification?.verifiedAt ?? null,
        verifyProblems: verification?.problems ?? null,
      })
      .returning();
    if (!inserted) throw new Error('backup_runs insert returned nothing');
    await writeAudit(tx, auditContext(ctx, finishedAt), {
      action: created ? 'backup.created' : 'backup.failed',
      objectType: 'backup',
      objectId: inserted.id,
      after: {
        name: inserted.name,
        location: inserted.location,
        auditSeq: inserted.auditSeq,
        sizeBytes: inserted.sizeBytes,
        error,
        verified: verification ? verification.ok : null,
        verifyProblems: verification?.problems ?? null,
      },
    });
    return inserted;
  });
  return present(row, userId === null ? 'system' : user.username);
}

/**
 * Remember a later restore test (`npm run backup -- --verify <folder>`) on the run that made the folder, recognised
 * by its name and its manifest's checksum. A folder this database has no run of (made elsewhere) is audited only.
 */
export async function recordVerification(
  ctx: RequestContext,
  folder: string,
  verification: BackupVerification,
): Promise<TBackupRun | null> {
  requireAction(ctx.user, 'backup.run');
  const name = path.basename(path.resolve(folder));
  const manifestPath = path.join(folder, MANIFEST_FILE);
  const manifestSha256 = fs.existsSync(manifestPath)
    ? createHash('sha256').update(fs.readFileSync(manifestPath)).digest('hex')
    : null;
  return ctx.deps.db.transaction(async (tx) => {
    const [updated] = manifestSha256
      ? await tx
          .update(backupRuns)
          .set({ verifiedAt: verification.verifiedAt, verifyProblems: verification.problems })
          .where(and(eq(backupRuns.name, name), eq(backupRuns.manifestSha256, manifestSha256)))
          .returning()
      : [];
    await writeAudit(tx, auditContext(ctx, verification.verifiedAt), {
      action: 'backup.verified',
      objectType: 'backup',
      objectId: updated?.id ?? null,
      after: { name, ok: verification.ok, problems: verification.problems },
    });
    return updated ? present(updated, null) : null;
  });
}

/** What the administrator's backup card shows: the newest runs, and whether a restore-tested backup is recent. */
export async function listBackups(ctx: RequestContext): Promise<TBackupOverview> {
  requireAction(ctx.user, 'backup.read');
  const db = ctx.deps.db;
  const rows = await db
    .select({ run: backupRuns, userName: users.username })
    .from(backupRuns)
    .leftJoin(users, eq(users.id, backupRuns.userId))
    .orderBy(desc(backupRuns.startedAt), desc(backupRuns.id))
    .limit(20);
  const [last] = await db
    .select({
      succeeded: sql<string | null>`max(${backupRuns.startedAt}) filter (where ${backupRuns.status} = 'succeeded')`,
      verified: sql<
        string | null
      >`max(${backupRuns.startedAt}) filter (where ${backupRuns.verifyProblems} = '[]'::jsonb)`,
    })
    .from(backupRuns);
  const iso = (v: string | Date | null | undefined) => (v ? new Date(v).toISOString() : null);
  const lastVerifiedBackupAt = iso(last?.verified);
  const now = ctx.deps.clock().getTime();
  return {
    items: rows.map((r) => present(r.run, r.run.userId === null ? 'system' : r.userName)),
    lastSucceededAt: iso(last?.succeeded),
    lastVerifiedBackupAt,
    staleAfterDays: BACKUP_STALE_AFTER_DAYS,
    stale:
      lastVerifiedBackupAt === null ||
      now - new Date(lastVerifiedBackupAt).getTime() > BACKUP_STALE_AFTER_DAYS * 86_400_000,
  };
}
