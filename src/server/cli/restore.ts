import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { DataDirInUseError } from '../db/client';
import { loadAuditKey } from '../lib/audit-key';
import { loadFieldKey } from '../lib/field-crypto';
import { ANCHORS_FILE, BackupRefusedError } from '../modules/backup/backup-format';
import { restoreBackup } from '../modules/backup/restore-backup';

/**
 * `npm run restore -- <backup folder>`: bring a backup back into a fresh DATA_DIR (PGlite) or an empty PostgreSQL
 * database (DATABASE_URL), then check row counts, the audit chain and the files against the manifest.
 * The keys are not in backups: AUDIT_HMAC_KEY / FIELD_ENCRYPTION_KEY, or the key files copied into DATA_DIR first.
 * Exit code 0: restored and verified; 1: restored but the check found problems; 2: refused, nothing changed.
 */
const folder = process.argv[2];
if (!folder) {
  console.error('用法 / usage: npm run restore -- <backup folder>');
  process.exit(2);
}
const config = loadConfig();

// The keys must already be there: a key made now could never open the backed-up data.
const missing: string[] = [];
if (!config.auditKey && !fs.existsSync(path.join(config.dataDir, 'audit-hmac.key'))) {
  missing.push(`日志密钥 / the audit key: set AUDIT_HMAC_KEY or copy audit-hmac.key into ${config.dataDir}`);
}
if (!config.fieldKey && !fs.existsSync(path.join(config.dataDir, 'field-encryption.key'))) {
  missing.push(
    `字段加密密钥 / the field encryption key: set FIELD_ENCRYPTION_KEY or copy field-encryption.key into ${config.dataDir}`,
  );
}
if (missing.length) {
  console.error(`备份中不含密钥，恢复前请先提供 / keys are not in backups; provide them before restoring:`);
  for (const m of missing) console.error(`  - ${m}`);
  process.exit(2);
}

try {
  const result = await restoreBackup({
    backupDir: path.resolve(folder),
    target: config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, withPrivileges: true }
      : { kind: 'pglite', dataDir: config.dataDir },
    uploadsDir: config.s3 ? undefined : path.join(config.dataDir, 'uploads'),
    anchorsPath: path.join(config.dataDir, ANCHORS_FILE),
    auditKey: loadAuditKey(config.auditKey, config.dataDir),
    fieldKey: loadFieldKey(config.fieldKey, config.dataDir),
  });
  const m = result.manifest;
  console.log(
    `已恢复 / restored ${m.name} (${m.createdAt}): ${m.database.kind}, audit seq ${m.audit.headSeq}, ${m.files.count} files`,
  );
  if (m.files.note) console.log(m.files.note);
  if (result.problems.length) {
    console.error('恢复后的校验发现问题 / the check after the restore found problems:');
    for (const p of result.problems) console.error(`  - ${p}`);
    process.exitCode = 1;
  } else {
    console.log(
      '校验通过：行数与清单一致，日志链完整，附件可读且校验和一致 / verified: row counts, audit chain, files',
    );
  }
} catch (err) {
  if (err instanceof BackupRefusedError || err instanceof DataDirInUseError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
