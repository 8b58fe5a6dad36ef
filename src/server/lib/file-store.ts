import fs from 'node:fs/promises';
import path from 'node:path';
import type * as S3 from '@aws-sdk/client-s3';
import type { AppConfig, S3Config } from '../config';

/**
 * Where the bytes of uploaded files live: DATA_DIR/uploads, or an S3-compatible bucket when S3_BUCKET is set.
 * Keys are made by the platform (e.g. "2026-11/<uuid>.pdf"), never taken from a request; both stores refuse any
 * other shape all the same.
 */
export interface FileStore {
  /** Store new bytes under a key; the local store refuses to overwrite an existing file. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under a key; rejects with FileMissingError when there are none. */
  get(key: string): Promise<Buffer>;
  /** Remove the bytes under a key; a key with nothing under it is not an error. */
  remove(key: string): Promise<void>;
  /** Where files go, for the start-up banner (no secrets). */
  describe(): string;
}

/** No file under the key: the same error from every store. */
export class FileMissingError extends Error {
  readonly code = 'ENOENT';
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`no stored file under "${key}"`, options);
    this.name = 'FileMissingError';
  }
}

/** Keys are relative paths the platform made: refuse anything that could climb out of the store or is absolute. */
export function checkKey(key: string): string {
  if (!key || key.startsWith('/') || key.includes('..') || key.includes('\\') || key.includes('\0')) {
    throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  }
  return key;
}

/** The shape of every key the platform makes (stored-file.ts): "<year-month>/<uuid>.<extension>". */
const MONTH_DIR = /^\d{4}-\d{2}$/;
const KEY_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z]{3,4}$/;

/** Files under a folder (DATA_DIR/uploads), as the platform has always kept them. */
export class LocalFileStore implements FileStore {
  constructor(readonly dir: string) {}

  /**
   * The keys of files last written before `cutoff`, for the sweep of files no row refers to. Only names of the
   * shape the platform makes are listed: anything else in the folder was put there by someone else and is left.
   */
  async keysWrittenBefore(cutoff: Date): Promise<string[]> {
    const keys: string[] = [];
    const months = await fs.readdir(this.dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    for (const month of months) {
      if (!month.isDirectory() || !MONTH_DIR.test(month.name)) continue;
      for (const file of await fs.readdir(path.join(this.dir, month.name), { withFileTypes: true })) {
        if (!file.isFile() || !KEY_FILE.test(file.name)) continue;
        const key = path.posix.join(month.name, file.name);
        const stat = await fs.stat(this.pathOf(key)).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return null; // removed meanwhile
          throw err;
        });
        if (stat && stat.mtime < cutoff) keys.push(key);
      }
    }
    return keys;
  }

  private pathOf(key: string): string {
    return path.join(this.dir, checkKey(key));
  }

  async put(key: string, bytes: Buffer, _contentType: string): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // 'wx': a key is used once; an existing file is never overwritten.
    await fs.writeFile(file, bytes, { flag: 'wx' });
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FileMissingError(key, { cause: err });
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    try {
      await fs.unlink(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  describe(): string {
    return this.dir;
  }
}

/**
 * Files in an S3-compatible bucket (MinIO, Ceph, a cloud's object storage, AWS S3), under S3_PREFIX. The SDK is
 * loaded on first use, so that a server keeping files on disk never pays for it at start-up.
 */
export class S3FileStore implements FileStore {
  private client: Promise<{ sdk: typeof S3; s3: S3.S3Client }> | undefined;

  constructor(readonly config: S3Config) {}

  private connect() {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        endpoint: this.config.endpoint,
        region: this.config.region,
        forcePathStyle: this.config.forcePathStyle,
        // Only these credentials: never the SDK's search of AWS_* variables and ~/.aws of whoever runs the server.
        credentials: { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey },
        // The SDK's default CRC checksums on every request are not understood by every S3-compatible store; the
        // row keeps the file's SHA-256 anyway.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // A store that does not answer fails the request instead of holding it for ever.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      }),
    }));
    return this.client;
  }

  private objectKey(key: string): string {
    return `${this.config.prefix}${checkKey(key)}`;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const Key = this.objectKey(key);
    const { sdk, s3 } = await this.connect();
    await s3.send(new sdk.PutObjectCommand({ Bucket: this.config.bucket, Key, Body: bytes, ContentType: contentType }));
  }

  async get(key: string): Promise<Buffer> {
    const Key = this.objectKey(key);
    const { sdk, s3 } = await this.connect();
    try {
      const res = await s3.send(new sdk.GetObjectCommand({ Bucket: this.config.bucket, Key }));
      if (!res.Body) throw new Error(`S3 returned no body for ${Key}`);
      const bytes = await res.Body.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)
        throw new FileMissingError(key, { cause: err });
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    const Key = this.objectKey(key);
    const { sdk, s3 } = await this.connect();
    // S3 answers 204 whether or not the object was there.
    await s3.send(new sdk.DeleteObjectCommand({ Bucket: this.config.bucket, Key }));
  }

  describe(): string {
    return `s3://${this.config.bucket}/${this.config.prefix} at ${this.config.endpoint}`;
  }
}

/** S3 when S3_BUCKET is set (loadConfig has checked the rest), otherwise DATA_DIR/uploads. */
export function createFileStore(config: AppConfig): FileStore {
  return config.s3 ? new S3FileStore(config.s3) : new LocalFileStore(path.join(config.dataDir, 'uploads'));
}
