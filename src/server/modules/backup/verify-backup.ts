import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Deps } from '../../context';
import { ANCHORS_FILE, BackupRefusedError, VERIFICATION_FILE } from './backup-format';
import { createScratchPostgres } from './database-dump';
import { type RestoreTarget, restoreBackup } from './restore-backup';

export interface BackupVerification {
  verifiedAt: Date;
  ok: boolean;
  problems: string[];
}

/**
 * The restore test of a backup: restore it into a scratch database (PGlite in memory; PostgreSQL a throw-away
 * database on BACKUP_VERIFY_DATABASE_URL's or DATABASE_URL's server) and scratch folders, check it as a real restore
 * would be checked, throw it all away, and write the verdict into the backup folder (verification.json).
 */
export type VerifyDeps = Pick<Deps, 'dbKind' | 'config' | 'clock' | 'auditKey' | 'fieldKey'>;

export async function verifyBackup(deps: VerifyDeps, folder: string): Promise<BackupVerification> {
  const verifiedAt = deps.clock();
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-verify-'));
  let drop: (() => Promise<void>) | undefined;
  let problems: string[];
  try {
    let target: RestoreTarget;
    if (deps.dbKind === 'pglite') target = { kind: 'pglite-memory' };
    else {
      const server = deps.config.backupVerifyUrl ?? deps.config.databaseUrl;
      if (!server) throw new Error('PostgreSQL restore test needs DATABASE_URL or BACKUP_VERIFY_DATABASE_URL');
      const scratch = await createScratchPostgres(server);
      drop = scratch.drop;
      target = { kind: 'postgres', url: scratch.url, withPrivileges: false };
    }
    const result = await restoreBackup({
      backupDir: folder,
      target,
      uploadsDir: path.join(scratchDir, 'uploads'),
      anchorsPath: path.join(scratchDir, ANCHORS_FILE),
      auditKey: deps.auditKey,
      fieldKey: deps.fieldKey,
    });
    problems = result.problems;
  } catch (err) {
    problems =
      err instanceof BackupRefusedError
        ? err.problems
        : [`恢复测试未能完成 / the restore test could not run: ${(err as Error).message}`];
  } finally {
    await drop?.().catch(() => {});
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
  const verification = { verifiedAt, ok: problems.length === 0, problems };
  if (fs.existsSync(folder)) {
    fs.writeFileSync(path.join(folder, VERIFICATION_FILE), `${JSON.stringify(verification, null, 2)}\n`);
  }
  return verification;
}
