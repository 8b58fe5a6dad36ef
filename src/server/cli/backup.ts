import path from 'node:path';
import { makeDeps, openDatabase } from '../bootstrap';
import { loadConfig } from '../config';
import { systemContext } from '../context';
import { DataDirInUseError } from '../db/client';
import { loadAuditKey } from '../lib/audit-key';
import { loadFieldKey } from '../lib/field-crypto';
import { recordVerification, runBackup } from '../modules/backup/run-backup';
import { verifyBackup } from '../modules/backup/verify-backup';

/**
 * `npm run backup`: write a backup of the database, the uploaded files and the audit anchors to BACKUP_DIR (default
 * DATA_DIR/backups), restore-test it in a scratch database, and record the run for the administrator's page.
 *   npm run backup -- --no-verify         skip the restore test
 *   npm run backup -- --verify <folder>   restore-test an existing backup again and record the result
 * Exit code 0: written and verified; 1: failed or the restore test found problems; 2: could not start.
 */
const args = process.argv.slice(2);
const verifyIndex = args.indexOf('--verify');
const verifyFolder = verifyIndex >= 0 ? args[verifyIndex + 1] : undefined;
if (verifyIndex >= 0 && !verifyFolder) {
  console.error('用法 / usage: npm run backup -- --verify <backup folder>');
  process.exit(2);
}
const config = loadConfig();

const LOCKED_HINT =
  '服务正在运行时，PGlite 数据目录只能由服务自己备份：请以系统管理员登录，在“系统设置 → 数据备份”点击“立即备份”，\n' +
  '或调用 POST /api/admin/backups（管理员会话）；也可以先停止服务再运行 npm run backup。\n' +
  'While the server runs, only the server can back up its PGlite folder: sign in as the administrator and press\n' +
  '立即备份 under 系统设置, or call POST /api/admin/backups with an administrator session; or stop the server first.';

function printProblems(problems: string[]) {
  for (const p of problems) console.error(`  - ${p}`);
}

let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  database = await openDatabase(config);
} catch (err) {
  if (!(err instanceof DataDirInUseError)) throw err;
  if (!verifyFolder) {
    console.error(`${err.message}\n\n${LOCKED_HINT}`);
    process.exit(2);
  }
}

if (verifyFolder) {
  const folder = path.resolve(verifyFolder);
  const keys = {
    auditKey: loadAuditKey(config.auditKey, config.dataDir),
    fieldKey: loadFieldKey(config.fieldKey, config.dataDir),
  };
  const deps = database
    ? makeDeps(config, database)
    : { config, dbKind: 'pglite' as const, clock: () => new Date(), ...keys };
  const verification = await verifyBackup(deps, folder);
  if (verification.ok) console.log(`恢复测试通过 / restore test passed: ${folder}`);
  else {
    console.error(`恢复测试未通过 / restore test FAILED: ${folder}`);
    printProblems(verification.problems);
    process.exitCode = 1;
  }
  if (database) {
    const run = await recordVerification(systemContext(makeDeps(config, database)), folder, verification);
    console.log(
      run
        ? `已记录到备份记录 #${run.id} / recorded on backup run #${run.id}`
        : "此备份不是本平台数据库记录的备份，结果只写入了该目录的 verification.json / not a run of this database: the result is in the folder's verification.json only",
    );
    await database.close();
  } else {
    console.log(
      "服务正在使用数据库，结果只写入了该目录的 verification.json / the server holds the database: the result is in the folder's verification.json only",
    );
  }
} else if (database) {
  try {
    const run = await runBackup(systemContext(makeDeps(config, database)), {
      trigger: 'cli',
      verify: !args.includes('--no-verify'),
    });
    if (run.status === 'failed') {
      console.error(`备份失败 / backup FAILED: ${run.error}`);
      process.exitCode = 1;
    } else {
      console.log(`备份完成 / backup written: ${run.location} (${run.sizeBytes} bytes, audit seq ${run.auditSeq})`);
      if (run.verified === true) console.log('恢复测试通过 / restore test passed');
      else if (run.verified === false) {
        console.error('恢复测试未通过 / restore test FAILED:');
        printProblems(run.verifyProblems);
        process.exitCode = 1;
      } else console.log('未做恢复测试 / not restore-tested (--no-verify)');
    }
  } finally {
    await database.close();
  }
}
