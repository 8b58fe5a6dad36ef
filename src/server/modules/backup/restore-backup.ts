import fs from 'node:fs';
import path from 'node:path';
import { type Database, type Db, openPglite, openPostgres } from '../../db/client';
import { verifyAuditChain } from '../../lib/audit';
import {
  BackupRefusedError,
  checkBackup,
  keyFingerprint,
  sha256OfFile,
  type TBackupManifest,
  UPLOADS_DIR,
} from './backup-format';
import { countUserRelations, inventory, knownMigrations, pgliteBlob, queryOf, restorePostgres } from './database-dump';

export type RestoreTarget =
  /** A fresh data folder (DATA_DIR) for PGlite: it must hold no database yet. */
  | { kind: 'pglite'; dataDir: string }
  /** An in-memory PGlite: the scratch database of a restore test. */
  | { kind: 'pglite-memory' }
  /** An empty PostgreSQL database. */
  | { kind: 'postgres'; url: string; withPrivileges: boolean };

export interface RestoreOptions {
  backupDir: string;
  target: RestoreTarget;
  /** Where the uploaded files go (DATA_DIR/uploads); undefined when files live in S3. Must be empty. */
  uploadsDir: string | undefined;
  /** Where the audit anchors file goes (DATA_DIR/audit-anchors.jsonl); must not exist yet. */
  anchorsPath: string | undefined;
  /** The keys the restored platform will run with: they must be the ones the backup's data was made with. */
  auditKey: Buffer;
  fieldKey: Buffer;
}

export interface RestoreResult {
  manifest: TBackupManifest;
  /** What the check after the restore found wrong; empty when row counts, audit chain and files all hold. */
  problems: string[];
}

const isEmptyDir = (dir: string) => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;

/** Everything that must hold before a single byte is written: the backup is whole, and the target is empty. */
async function preflight(opts: RestoreOptions): Promise<TBackupManifest> {
  const { manifest, problems } = await checkBackup(opts.backupDir);
  if (!manifest) throw new BackupRefusedError(problems);
  const known = knownMigrations();
  const last = manifest.database.migrations.last;
  if (last && ![...known.values()].includes(last)) {
    problems.push(
      `备份来自更新的版本 / the backup's database has migration ${last}, unknown to this version of the platform: restore it with the version that made it (${manifest.app.version})`,
    );
  }
  const wantsPglite = opts.target.kind !== 'postgres';
  if (wantsPglite !== (manifest.database.kind === 'pglite')) {
    problems.push(
      `数据库类型不符 / the backup holds a ${manifest.database.kind} database; restore it into ${manifest.database.kind === 'pglite' ? 'a PGlite data folder (unset DATABASE_URL)' : 'PostgreSQL (set DATABASE_URL)'}`,
    );
  }
  if (keyFingerprint(opts.auditKey) !== manifest.keys.audit) {
    problems.push(
      '日志密钥不符 / the audit key is not the one this data was chained with: set AUDIT_HMAC_KEY or copy audit-hmac.key from the original DATA_DIR (keys are kept apart from backups)',
    );
  }
  if (keyFingerprint(opts.fieldKey) !== manifest.keys.field) {
    problems.push(
      '字段加密密钥不符 / the field encryption key is not the one this data was encrypted with: set FIELD_ENCRYPTION_KEY or copy field-encryption.key from the original DATA_DIR',
    );
  }
  const target = opts.target;
  if (target.kind === 'pglite' && fs.existsSync(path.join(target.dataDir, 'pglite', 'db', 'PG_VERSION'))) {
    problems.push(`目标数据目录已有数据库 / ${path.join(target.dataDir, 'pglite')} already holds a database`);
  }
  if (target.kind === 'postgres') {
    const relations = await countUserRelations(target.url);
    if (relations > 0) {
      problems.push(
        `目标数据库不为空 / the target PostgreSQL database is not empty (${relations} tables, views or sequences)`,
      );
    }
  }
  const uploads = manifest.entries.filter((e) => e.kind === 'upload');
  if (uploads.length && !opts.uploadsDir) {
    problems.push('备份中有附件，但平台配置为 S3 存储 / the backup holds uploaded files but S3_BUCKET is set');
  }
  if (uploads.length && opts.uploadsDir && !isEmptyDir(opts.uploadsDir)) {
    problems.push(`附件目录不为空 / ${opts.uploadsDir} is not empty`);
  }
  if (manifest.audit.anchorsFile && opts.anchorsPath && fs.existsSync(opts.anchorsPath)) {
    problems.push(`日志锚点文件已存在 / ${opts.anchorsPath} already exists`);
  }
  if (problems.length) throw new BackupRefusedError(problems);
  return manifest;
}

async function openRestored(opts: RestoreOptions, manifest: TBackupManifest): Promise<Database> {
  const file = path.join(opts.backupDir, manifest.database.file);
  const target = opts.target;
  if (target.kind === 'postgres') {
    await restorePostgres(target.url, file, { withPrivileges: target.withPrivileges });
    return openPostgres(target.url, { max: 2 });
  }
  const loadFrom = pgliteBlob(fs.readFileSync(file));
  return openPglite(target.kind === 'pglite' ? target.dataDir : undefined, { loadFrom });
}

/**
 * Bring a backup back into an empty target, then check it: refused (BackupRefusedError, nothing written) when the
 * backup is damaged or the target is not empty; otherwise restored, verified and closed again.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const manifest = await preflight(opts);
  const created: string[] = [];
  let database: Database | undefined;
  try {
    if (opts.target.kind === 'pglite') {
      const dir = path.join(opts.target.dataDir, 'pglite');
      if (!fs.existsSync(dir)) created.push(dir);
    }
    database = await openRestored(opts, manifest);
    if (opts.uploadsDir) {
      for (const entry of manifest.entries.filter((e) => e.kind === 'upload')) {
        const to = path.join(opts.uploadsDir, entry.path.slice(UPLOADS_DIR.length + 1));
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(path.join(opts.backupDir, entry.path), to, fs.constants.COPYFILE_EXCL);
        created.push(to);
      }
    }
    if (manifest.audit.anchorsFile && opts.anchorsPath) {
      fs.copyFileSync(
        path.join(opts.backupDir, manifest.audit.anchorsFile),
        opts.anchorsPath,
        fs.constants.COPYFILE_EXCL,
      );
      created.push(opts.anchorsPath);
    }
  } catch (err) {
    // Undo what this restore wrote, so that a failed restore leaves the target as empty as it found it.
    await database?.close().catch(() => {});
    for (const p of created.reverse()) fs.rmSync(p, { recursive: true, force: true });
    throw err;
  }
  try {
    const problems = await verifyRestored(database.db, manifest, opts.uploadsDir, opts.auditKey);
    return { manifest, problems };
  } finally {
    await database.close();
  }
}

/**
 * The proof that a restore worked: every table has the rows the manifest counted, the audit head is the one backed
 * up and the whole chain verifies, and every uploaded file (and every file a row names) is there with its checksum.
 */
export async function verifyRestored(
  db: Db,
  manifest: TBackupManifest,
  uploadsDir: string | undefined,
  auditKey: Buffer,
): Promise<string[]> {
  const problems: string[] = [];
  const now = await inventory(queryOf(db));
  const tables = new Set([...Object.keys(manifest.database.rowCounts), ...Object.keys(now.rowCounts)]);
  for (const table of [...tables].sort()) {
    const expected = manifest.database.rowCounts[table];
    const actual = now.rowCounts[table];
    if (expected !== actual) {
      problems.push(
        `行数不符 / row count of ${table}: ${actual ?? 'missing'}, backup had ${expected ?? 'no such table'}`,
      );
    }
  }
  if (now.auditHead.seq !== manifest.audit.headSeq || now.auditHead.hash !== manifest.audit.headHash) {
    problems.push(`日志链头不符 / audit head is seq ${now.auditHead.seq}, backup had seq ${manifest.audit.headSeq}`);
  }
  const chain = await verifyAuditChain(db, auditKey);
  if (!chain.ok) {
    problems.push(`日志链断裂 / audit chain broken at seq ${chain.firstBroken?.seq} (${chain.firstBroken?.reason})`);
  }
  if (manifest.files.store === 'local' && uploadsDir) {
    const onDisk = new Map<string, string>();
    for (const entry of manifest.entries.filter((e) => e.kind === 'upload')) {
      const key = entry.path.slice(UPLOADS_DIR.length + 1);
      try {
        const { sha256 } = await sha256OfFile(path.join(uploadsDir, key));
        onDisk.set(key, sha256);
        if (sha256 !== entry.sha256) problems.push(`附件校验和不符 / uploaded file ${key}: checksum mismatch`);
      } catch {
        problems.push(`附件不可读 / uploaded file ${key} cannot be read`);
      }
    }
    // Every row that names a stored file (storage_key + sha256 columns) must find it, with the bytes it recorded.
    const holders = await queryOf(db)(
      `select table_name as t from information_schema.columns where table_schema = 'public' and column_name in
       ('storage_key', 'sha256') group by table_name having count(*) = 2 order by 1`,
    );
    for (const { t } of holders as { t: string }[]) {
      const rows = await queryOf(db)(`select id, storage_key, sha256 from "${t}" order by id`);
      for (const row of rows as { id: number; storage_key: string; sha256: string }[]) {
        const sha = onDisk.get(row.storage_key);
        if (sha === undefined)
          problems.push(`缺少附件 / ${t} #${row.id}: its file ${row.storage_key} is not in the backup`);
        else if (sha !== row.sha256) problems.push(`附件与记录不符 / ${t} #${row.id}: file ${row.storage_key} differs`);
      }
    }
  }
  return problems;
}
