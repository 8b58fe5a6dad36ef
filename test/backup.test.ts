import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBackupOverview, TBackupRun } from '../src/contracts/backup';
import { systemContext } from '../src/server/context';
import { type Database, openPglite, openPostgres } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { verifyAuditChain } from '../src/server/lib/audit';
import { LocalFileStore } from '../src/server/lib/file-store';
import { uploadAttachment } from '../src/server/modules/attachment/upload-attachment';
import {
  ANCHORS_FILE,
  BackupRefusedError,
  MANIFEST_FILE,
  type TBackupManifest,
} from '../src/server/modules/backup/backup-format';
import {
  countUserRelations,
  createScratchPostgres,
  inventory,
  queryOf,
} from '../src/server/modules/backup/database-dump';
import { type RestoreTarget, restoreBackup } from '../src/server/modules/backup/restore-backup';
import { listBackups, recordVerification, runBackup } from '../src/server/modules/backup/run-backup';
import { verifyBackup } from '../src/server/modules/backup/verify-backup';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_AUDIT_KEY, TEST_FIELD_KEY } from './helpers/constants';
import { usingPostgres } from './helpers/db';

/**
 * Backups that are proven to restore (issue 10, 等保 2.0 三级 数据备份与恢复): a backup taken from the running platform is
 * restored into a NEW database (a new PGlite folder, or a new database on TEST_DATABASE_URL's server) and found
 * whole — same rows, audit chain intact, every file readable with its checksum — and a damaged backup is refused
 * with nothing restored.
 */

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);

let t: TestApp;
let admin: string;
let backup: TBackupRun;
let manifest: TBackupManifest;
const scratch: (() => Promise<void>)[] = [];

function tmpDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new, empty database of the kind under test, and how to open it once restored. */
async function newTarget(): Promise<{ target: RestoreTarget; open(): Promise<Database>; isEmpty(): Promise<boolean> }> {
  if (usingPostgres) {
    const db = await createScratchPostgres(process.env.TEST_DATABASE_URL ?? '');
    scratch.push(db.drop);
    return {
      target: { kind: 'postgres', url: db.url, withPrivileges: true },
      open: () => openPostgres(db.url, { max: 2 }),
      isEmpty: async () => (await countUserRelations(db.url)) === 0,
    };
  }
  const dataDir = tmpDir('hbts-restore-');
  return {
    target: { kind: 'pglite', dataDir },
    open: () => openPglite(dataDir),
    isEmpty: async () => !fs.existsSync(path.join(dataDir, 'pglite')),
  };
}

function restoreOptions(backupDir: string, target: RestoreTarget, dataDir: string) {
  return {
    backupDir,
    target,
    uploadsDir: path.join(dataDir, 'uploads'),
    anchorsPath: path.join(dataDir, ANCHORS_FILE),
    auditKey: TEST_AUDIT_KEY,
    fieldKey: TEST_FIELD_KEY,
  };
}

/** A copy of the backup folder to damage. */
function copyOfBackup(): string {
  const dir = path.join(tmpDir('hbts-damaged-'), backup.name);
  fs.cpSync(backup.location, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, t.world.users.admin.username);
  // Data with files: a centre application with two attachments, and the audit anchors kept outside the database.
  const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'submitted' });
  const province = systemContext(t.deps, 'province');
  await uploadAttachment(province, centre.id, PDF('场地产权证明'), '场地产权证明.pdf');
  await uploadAttachment(province, centre.id, PDF('免费使用承诺书'), '免费使用承诺书.pdf');
  fs.writeFileSync(path.join(t.deps.config.dataDir, ANCHORS_FILE), '{"seq":1,"hash":"anchor-test"}\n');

  const res = await as(t.app, admin, { method: 'POST', url: '/api/admin/backups' });
  expect(res.statusCode, res.body).toBe(201);
  backup = res.json();
  manifest = JSON.parse(fs.readFileSync(path.join(backup.location, MANIFEST_FILE), 'utf8'));
}, 180_000);

afterAll(async () => {
  for (const clean of scratch.reverse()) await clean().catch(() => {});
  if (backup) fs.rmSync(backup.location, { recursive: true, force: true });
  await t?.close();
});

describe('a backup taken by the administrator', () => {
  it('holds the database, every uploaded file and the audit anchors, each with its checksum, and passed its restore test', async () => {
    expect(backup).toMatchObject({ status: 'succeeded', trigger: 'admin', userName: 'admin', verified: true });
    expect(backup.verifyProblems).toEqual([]);
    expect(manifest.database.kind).toBe(usingPostgres ? 'postgres' : 'pglite');
    expect(manifest.files).toMatchObject({ store: 'local', count: 2 });
    expect(manifest.entries.filter((e) => e.kind === 'upload')).toHaveLength(2);
    expect(manifest.audit.anchorsFile).toBe(ANCHORS_FILE);
    expect(manifest.database.migrations.last).toMatch(/^\d{4}_/);
    expect(manifest.database.rowCounts['public.attachments']).toBe(2);
    expect(manifest.database.rowCounts['public.users']).toBeGreaterThanOrEqual(10);
    // The backup's own run and audit entry come after the snapshot.
    expect(manifest.audit.headSeq).toBe(backup.auditSeq);
    const [entry] = await queryOf(t.database.db)(
      'select action, object_id from audit_entries order by seq desc limit 1',
    );
    expect(entry).toMatchObject({ action: 'backup.created', object_id: String(backup.id) });
    // The keys are not in it: only their fingerprints.
    const files = fs.readdirSync(backup.location, { recursive: true }).map(String);
    expect(files.some((f) => f.endsWith('.key'))).toBe(false);
  });

  it('the administrator sees it as the last backup, verified; two days later the page warns', async () => {
    const res = await as(t.app, admin, { method: 'GET', url: '/api/admin/backups' });
    expect(res.statusCode).toBe(200);
    const overview: TBackupOverview = res.json();
    expect(overview.items[0]).toMatchObject({ id: backup.id, verified: true });
    expect(overview.lastVerifiedBackupAt).toBe(backup.startedAt);
    expect(overview.stale).toBe(false);
    // Straight to the use case: a session would have expired in two days.
    t.clock.advance(2 * 86_400_000 + 60_000);
    try {
      expect((await listBackups(systemContext(t.deps, 'admin'))).stale).toBe(true);
    } finally {
      t.clock.advance(-(2 * 86_400_000 + 60_000));
    }
  });

  it('a second backup while one runs is refused (409) and leaves no run behind', async () => {
    const before = (await as(t.app, admin, { method: 'GET', url: '/api/admin/backups' })).json().items.length;
    const ctx = systemContext(t.deps, 'admin');
    const results = await Promise.allSettled([
      runBackup(ctx, { trigger: 'cli', verify: false }),
      runBackup(ctx, { trigger: 'cli', verify: false }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.code).toBe('BACKUP_IN_PROGRESS');
    const done = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<TBackupRun>;
    expect(done.value).toMatchObject({ status: 'succeeded', verified: null });
    const after = (await as(t.app, admin, { method: 'GET', url: '/api/admin/backups' })).json().items;
    expect(after).toHaveLength(before + 1);
    fs.rmSync(done.value.location, { recursive: true, force: true });
  });
});

describe('restore into a new database', () => {
  it('brings back the same rows, an intact audit chain and readable files', async () => {
    const { target, open } = await newTarget();
    const dataDir = tmpDir('hbts-restored-data-');
    const result = await restoreBackup(restoreOptions(backup.location, target, dataDir));
    expect(result.problems).toEqual([]);

    const restored = await open();
    try {
      const counted = await inventory(queryOf(restored.db));
      expect(counted.rowCounts).toEqual(manifest.database.rowCounts);
      expect(counted.auditHead).toEqual({ seq: manifest.audit.headSeq, hash: manifest.audit.headHash });
      const chain = await verifyAuditChain(restored.db, TEST_AUDIT_KEY);
      expect(chain).toMatchObject({ ok: true, lastSeq: manifest.audit.headSeq });
      // The files the restored rows name are there, byte for byte what was uploaded.
      const store = new LocalFileStore(path.join(dataDir, 'uploads'));
      const rows = (await queryOf(restored.db)('select storage_key, file_name from attachments order by id')) as {
        storage_key: string;
        file_name: string;
      }[];
      expect(rows.map((r) => r.file_name)).toEqual(['场地产权证明.pdf', '免费使用承诺书.pdf']);
      expect((await store.get(rows[0]?.storage_key ?? '')).toString()).toContain('场地产权证明');
      expect((await store.get(rows[1]?.storage_key ?? '')).toString()).toContain('免费使用承诺书');
      expect(fs.readFileSync(path.join(dataDir, ANCHORS_FILE), 'utf8')).toContain('anchor-test');
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('refuses a target that is not empty, naming it, and changes nothing there', async () => {
    const { target } = await newTarget();
    const dataDir = tmpDir('hbts-restored-data-');
    await restoreBackup(restoreOptions(backup.location, target, dataDir));
    const uploadsBefore = fs.readdirSync(path.join(dataDir, 'uploads'), { recursive: true }).length;
    const again = restoreBackup(restoreOptions(backup.location, target, dataDir));
    await expect(again).rejects.toBeInstanceOf(BackupRefusedError);
    const err = (await again.catch((e) => e)) as BackupRefusedError;
    expect(err.problems.join('\n')).toMatch(usingPostgres ? /not empty \(\d+ tables/ : /already holds a database/);
    expect(err.problems.join('\n')).toMatch(/uploads is not empty/);
    expect(err.problems.join('\n')).toMatch(/audit-anchors\.jsonl already exists/);
    expect(fs.readdirSync(path.join(dataDir, 'uploads'), { recursive: true })).toHaveLength(uploadsBefore);
  }, 120_000);

  it('refuses to run with keys other than those the data was made with', async () => {
    const { target, isEmpty } = await newTarget();
    const dataDir = tmpDir('hbts-restored-data-');
    const opts = { ...restoreOptions(backup.location, target, dataDir), auditKey: Buffer.from('another-key-entirely') };
    const err = (await restoreBackup(opts).catch((e) => e)) as BackupRefusedError;
    expect(err).toBeInstanceOf(BackupRefusedError);
    expect(err.problems).toEqual([expect.stringMatching(/audit key is not the one/)]);
    expect(await isEmpty()).toBe(true);
  });
});

describe('a damaged backup is refused, naming what is wrong, and nothing is restored', () => {
  const damages: [string, (dir: string) => void, RegExp][] = [
    [
      'one byte of the database changed',
      (dir) => {
        const file = path.join(dir, manifest.database.file);
        const bytes = fs.readFileSync(file);
        bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0x01;
        fs.writeFileSync(file, bytes);
      },
      /checksum mismatch: database\//,
    ],
    [
      'an uploaded file missing',
      (dir) => {
        const upload = manifest.entries.find((e) => e.kind === 'upload');
        fs.rmSync(path.join(dir, upload?.path ?? ''));
      },
      /missing file: uploads\/\d{4}-\d{2}\/[0-9a-f-]+\.pdf/,
    ],
    [
      'a row count in the manifest changed',
      (dir) => {
        const file = path.join(dir, MANIFEST_FILE);
        fs.writeFileSync(
          file,
          fs.readFileSync(file, 'utf8').replace('"public.attachments": 2', '"public.attachments": 3'),
        );
      },
      /manifest\.json: checksum mismatch/,
    ],
    [
      'an unknown format version',
      (dir) => {
        const file = path.join(dir, MANIFEST_FILE);
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"formatVersion": 1', '"formatVersion": 99'));
      },
      /unknown backup format "hbts-backup" version 99/,
    ],
    ['the manifest missing', (dir) => fs.rmSync(path.join(dir, MANIFEST_FILE)), /missing manifest\.json/],
  ];
  for (const [name, damage, named] of damages) {
    it(name, async () => {
      const dir = copyOfBackup();
      damage(dir);
      const { target, isEmpty } = await newTarget();
      const dataDir = tmpDir('hbts-restored-data-');
      const err = (await restoreBackup(restoreOptions(dir, target, dataDir)).catch((e) => e)) as BackupRefusedError;
      expect(err).toBeInstanceOf(BackupRefusedError);
      expect(err.problems.join('\n')).toMatch(named);
      expect(await isEmpty()).toBe(true);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    }, 60_000);
  }

  it('the restore test of a damaged copy fails and is recorded; of the original it passes again', async () => {
    const dir = copyOfBackup();
    fs.rmSync(path.join(dir, manifest.entries.find((e) => e.kind === 'upload')?.path ?? ''));
    const failed = await verifyBackup(t.deps, dir);
    expect(failed.ok).toBe(false);
    expect(failed.problems.join('\n')).toMatch(/missing file: uploads\//);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'verification.json'), 'utf8'))).toMatchObject({ ok: false });

    const ctx = systemContext(t.deps, 'admin');
    const again = await verifyBackup(t.deps, backup.location);
    expect(again).toMatchObject({ ok: true, problems: [] });
    const recorded = await recordVerification(ctx, backup.location, again);
    expect(recorded).toMatchObject({ id: backup.id, verified: true });
  }, 120_000);
});
