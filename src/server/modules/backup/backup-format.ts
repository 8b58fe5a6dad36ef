import { createHash, createHmac } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

/**
 * The on-disk shape of one backup (one folder per run):
 *
 *   hbts-backup-20261207T033000Z/
 *     manifest.json          what is inside: every file's sha256 and size, row counts, audit head, versions
 *     SHA256SUMS             the same checksums for `sha256sum -c`, plus the manifest's own
 *     database/pglite.tar.gz | database/postgres.dump   (PGlite data folder | pg_dump -Fc)
 *     uploads/<key>          the local file store's files (none when files live in S3)
 *     audit-anchors.jsonl    the audit chain's anchors outside the database, when the platform keeps them
 *     verification.json      the last restore test of this folder (not covered by the checksums: it is written later)
 */
export const BACKUP_FORMAT = 'hbts-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';
export const VERIFICATION_FILE = 'verification.json';
export const ANCHORS_FILE = 'audit-anchors.jsonl';
export const UPLOADS_DIR = 'uploads';

const ZEntry = z.object({
  path: z.string(),
  kind: z.enum(['database', 'upload', 'anchors']),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TBackupEntry = z.infer<typeof ZEntry>;

export const ZBackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    file: z.string(),
    /** Migrations applied in the backed-up database: how many, and the newest one's tag. */
    migrations: z.object({ applied: z.number().int(), last: z.string().nullable() }),
    /** "schema.table" → rows, read in the same snapshot as the dump. */
    rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  }),
  audit: z.object({
    headSeq: z.number().int().nonnegative(),
    headHash: z.string(),
    anchorsFile: z.string().nullable(),
  }),
  files: z.object({
    store: z.enum(['local', 's3']),
    count: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** For S3: where the files are and why they are not in this folder. */
    note: z.string().nullable(),
  }),
  /**
   * Fingerprints (HMAC of a fixed text, not the keys) of the audit and field keys this data needs. The keys are not
   * in the backup: a stolen backup must not open the ID numbers or let its holder re-chain the log.
   */
  keys: z.object({ audit: z.string(), field: z.string() }),
  entries: z.array(ZEntry),
});
export type TBackupManifest = z.infer<typeof ZBackupManifest>;

export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('hbts-backup-key-fingerprint-v1').digest('hex').slice(0, 16);
}

/** hbts-backup-20261207T033000Z: sorts by time, safe in every file system and in a URL. */
export function backupName(at: Date): string {
  return `hbts-backup-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}`;
}

export async function sha256OfFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Copy a file and hash the bytes on the way, so that the checksum is of what was written. */
export async function copyWithHash(from: string, to: string): Promise<{ sha256: string; size: number }> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    createReadStream(from),
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    }),
    createWriteStream(to, { flags: 'wx' }),
  );
  return { sha256: hash.digest('hex'), size };
}

/** A manifest path is relative and stays inside the backup folder. */
function safeRelative(p: string): boolean {
  return Boolean(p) && !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..') && !p.includes('\0');
}

export interface CheckedBackup {
  manifest: TBackupManifest | null;
  /** What is wrong, one line each, in Chinese and English; empty when the folder is whole. */
  problems: string[];
}

/**
 * Is this folder a whole backup? Reads the manifest, checks its format version and its own checksum, then every
 * file's size and sha256. Nothing is restored from a folder with any problem.
 */
export async function checkBackup(dir: string): Promise<CheckedBackup> {
  const problems: string[] = [];
  let raw: Buffer;
  try {
    raw = await fs.readFile(path.join(dir, MANIFEST_FILE));
  } catch {
    return { manifest: null, problems: [`缺少清单文件 / missing ${MANIFEST_FILE} in ${dir}`] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return { manifest: null, problems: [`清单文件已损坏 / ${MANIFEST_FILE} is not valid JSON`] };
  }
  const head = parsed as { format?: unknown; formatVersion?: unknown };
  if (head?.format !== BACKUP_FORMAT || head.formatVersion !== BACKUP_FORMAT_VERSION) {
    return {
      manifest: null,
      problems: [
        `未知的备份格式 / unknown backup format ${JSON.stringify(head?.format)} version ${JSON.stringify(head?.formatVersion)} (this platform reads ${BACKUP_FORMAT} version ${BACKUP_FORMAT_VERSION})`,
      ],
    };
  }
  const result = ZBackupManifest.safeParse(parsed);
  if (!result.success) {
    return {
      manifest: null,
      problems: [`清单文件内容不完整 / ${MANIFEST_FILE} is incomplete: ${result.error.message}`],
    };
  }
  const manifest = result.data;

  // The manifest's own checksum, from SHA256SUMS: a changed row count or checksum in it is damage too.
  const sums = await fs.readFile(path.join(dir, SUMS_FILE), 'utf8').catch(() => null);
  if (sums === null) problems.push(`缺少校验文件 / missing ${SUMS_FILE}`);
  else {
    const line = sums.split('\n').find((l) => l.endsWith(`  ${MANIFEST_FILE}`));
    const expected = line?.slice(0, 64);
    const actual = createHash('sha256').update(raw).digest('hex');
    if (expected !== actual) problems.push(`清单文件校验和不符 / ${MANIFEST_FILE}: checksum mismatch`);
  }

  for (const entry of manifest.entries) {
    if (!safeRelative(entry.path)) {
      problems.push(`清单中的路径不合法 / unsafe path in manifest: ${JSON.stringify(entry.path)}`);
      continue;
    }
    let actual: { sha256: string; size: number };
    try {
      actual = await sha256OfFile(path.join(dir, entry.path));
    } catch {
      problems.push(`缺少文件 / missing file: ${entry.path}`);
      continue;
    }
    if (actual.size !== entry.size) {
      problems.push(`文件大小不符 / size mismatch: ${entry.path} (${actual.size} bytes, manifest says ${entry.size})`);
    } else if (actual.sha256 !== entry.sha256) {
      problems.push(`校验和不符 / checksum mismatch: ${entry.path}`);
    }
  }
  if (!manifest.entries.some((e) => e.kind === 'database' && e.path === manifest.database.file)) {
    problems.push(`清单中没有数据库文件 / the manifest lists no database file`);
  }
  return { manifest, problems };
}

/** Thrown when a backup or its target is refused before anything was touched. */
export class BackupRefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(`恢复被拒绝，未做任何更改 / restore refused, nothing changed:\n  - ${problems.join('\n  - ')}`);
    this.name = 'BackupRefusedError';
  }
}
