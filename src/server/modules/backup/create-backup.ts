import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../../context';
import { flushAudit } from '../../lib/audit';
import { LocalFileStore } from '../../lib/file-store';
import {
  ANCHORS_FILE,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupName,
  copyWithHash,
  keyFingerprint,
  MANIFEST_FILE,
  SUMS_FILE,
  sha256OfFile,
  type TBackupEntry,
  type TBackupManifest,
  UPLOADS_DIR,
} from './backup-format';
import { BackupBusyError, type DatabaseInventory, dumpPglite, dumpPostgres } from './database-dump';

const PACKAGE_JSON = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../../package.json');

export function backupDirOf(deps: Deps): string {
  return deps.config.backupDir ?? path.join(deps.config.dataDir, 'backups');
}

export interface CreatedBackup {
  folder: string;
  manifest: TBackupManifest;
  manifestSha256: string;
  sizeBytes: number;
}

/** Files under a folder, as paths relative to it with '/' (storage keys). */
function walk(root: string, rel = ''): string[] {
  const dir = path.join(root, rel);
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(root, child));
    else if (entry.isFile()) out.push(child);
  }
  return out.sort();
}

// One backup at a time in this process (PostgreSQL adds an advisory lock across instances).
let running = false;

/**
 * Write one backup folder: the audit anchors first (so that every anchor it holds is in the database copy), then the
 * database in one consistent snapshot, then the uploaded files (every file a row of the copy names was stored
 * before that row was committed). The folder is written under a hidden name and renamed when whole, so a half-written
 * backup is never mistaken for one.
 */
export async function createBackup(deps: Deps): Promise<CreatedBackup> {
  if (running) throw new BackupBusyError();
  running = true;
  try {
    return await writeBackup(deps);
  } finally {
    running = false;
  }
}

async function writeBackup(deps: Deps): Promise<CreatedBackup> {
  // Every committed audit entry in its place before the copy (decision 0021); the restore test verifies the chain.
  await flushAudit(deps.db, deps.auditKey);
  const root = backupDirOf(deps);
  fs.mkdirSync(root, { recursive: true });
  const at = deps.clock();
  let name = backupName(at);
  for (let n = 2; fs.existsSync(path.join(root, name)); n++) name = `${backupName(at)}-${n}`;
  const partial = path.join(root, `.${name}.partial`);
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.join(partial, 'database'), { recursive: true });
  try {
    const entries: TBackupEntry[] = [];

    const anchors = path.join(deps.config.dataDir, ANCHORS_FILE);
    let anchorsFile: string | null = null;
    if (fs.existsSync(anchors)) {
      entries.push({
        path: ANCHORS_FILE,
        kind: 'anchors',
        ...(await copyWithHash(anchors, path.join(partial, ANCHORS_FILE))),
      });
      anchorsFile = ANCHORS_FILE;
    }

    const dbFile = deps.dbKind === 'pglite' ? 'database/pglite.tar.gz' : 'database/postgres.dump';
    let counted: DatabaseInventory;
    if (deps.dbKind === 'pglite') counted = await dumpPglite(deps.db, path.join(partial, dbFile));
    else {
      if (!deps.config.databaseUrl) throw new Error('PostgreSQL backup needs DATABASE_URL');
      counted = await dumpPostgres(deps.config.databaseUrl, path.join(partial, dbFile));
    }
    entries.push({ path: dbFile, kind: 'database', ...(await sha256OfFile(path.join(partial, dbFile))) });

    let files: TBackupManifest['files'];
    if (deps.files instanceof LocalFileStore) {
      const uploads = walk(deps.files.dir);
      let bytes = 0;
      for (const key of uploads) {
        const copied = await copyWithHash(path.join(deps.files.dir, key), path.join(partial, UPLOADS_DIR, key));
        entries.push({ path: `${UPLOADS_DIR}/${key}`, kind: 'upload', ...copied });
        bytes += copied.size;
      }
      files = { store: 'local', count: uploads.length, bytes, note: null };
    } else {
      files = {
        store: 's3',
        count: 0,
        bytes: 0,
        note: `附件保存在 ${deps.files.describe()}，由存储桶的版本控制与跨区域复制备份，不在本备份中 / uploaded files are in ${deps.files.describe()}; bucket versioning and replication are their backup, they are not in this folder`,
      };
    }

    const pkg = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as { name: string; version: string };
    const manifest: TBackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      name,
      createdAt: at.toISOString(),
      app: { name: pkg.name, version: pkg.version },
      database: { kind: deps.dbKind, file: dbFile, migrations: counted.migrations, rowCounts: counted.rowCounts },
      audit: { headSeq: counted.auditHead.seq, headHash: counted.auditHead.hash, anchorsFile },
      files,
      keys: { audit: keyFingerprint(deps.auditKey), field: keyFingerprint(deps.fieldKey) },
      entries,
    };
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    fs.writeFileSync(path.join(partial, MANIFEST_FILE), manifestText, { flag: 'wx' });
    const manifestSha256 = createHash('sha256').update(manifestText).digest('hex');
    const sums = [...entries.map((e) => `${e.sha256}  ${e.path}`), `${manifestSha256}  ${MANIFEST_FILE}`];
    fs.writeFileSync(path.join(partial, SUMS_FILE), `${sums.join('\n')}\n`, { flag: 'wx' });
    const folder = path.join(root, name);
    fs.renameSync(partial, folder);
    const sizeBytes = entries.reduce((sum, e) => sum + e.size, 0) + Buffer.byteLength(manifestText);
    return { folder, manifest, manifestSha256, sizeBytes };
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}
