import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { prepareDatabase } from '../src/server/bootstrap';
import { loadConfig, type S3Config } from '../src/server/config';
import { makeCentre } from '../src/server/demo/centre-factory';
import {
  createFileStore,
  FileMissingError,
  type FileStore,
  LocalFileStore,
  S3FileStore,
} from '../src/server/lib/file-store';
import { as, depsFor, loginAs, TestClock } from './helpers/app';
import { createTestDatabase } from './helpers/db';
import { seedWorld } from './helpers/world';

/**
 * The file store's contract, run as the same cases on the local folder and on a real S3 server: s3rver, an S3
 * emulator in Node, listening on a random loopback port with its data in a temporary folder. The SDK talks HTTP to
 * it and signs every request as it would for a real store, so nothing here is a mock. (s3rver knows one access key
 * and refuses any other, but does not check version-4 signatures themselves: a wrong secret goes unnoticed here.)
 */

const BUCKET = 'hbts-test-files';
// s3rver's one account: it refuses requests from any other access key id.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-file-store-'));

/**
 * s3rver on a random port, with the test bucket made through the SDK. If it cannot start, this file fails: the S3
 * cases must not go missing quietly.
 */
async function startEmulator(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory: path.join(tmp, 's3rver'), silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { ...CREDENTIALS },
  });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  client.destroy();
  return { endpoint, close: () => server.close() };
}

const emulator = await startEmulator();

function s3Config(overrides: Partial<S3Config> = {}): S3Config {
  return {
    endpoint: emulator.endpoint,
    bucket: BUCKET,
    region: 'us-east-1',
    ...CREDENTIALS,
    forcePathStyle: true,
    prefix: 'uploads/',
    ...overrides,
  };
}

afterAll(async () => {
  await emulator.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A key as the platform makes them. */
const newKey = (extension = 'pdf') => `2026-11/${randomUUID()}.${extension}`;

/** The cases every store must pass. */
function fileStoreContract(make: () => FileStore) {
  let store: FileStore;
  beforeAll(() => {
    store = make();
  });

  it('gives back exactly the bytes it was given, Chinese text and every byte value included', async () => {
    const bytes = Buffer.concat([
      Buffer.from('%PDF-1.4\n场地产权证明\n'),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      randomBytes(4096),
    ]);
    const key = newKey();
    await store.put(key, bytes, 'application/pdf');
    expect((await store.get(key)).equals(bytes)).toBe(true);
  });

  it('keeps files under different keys apart, an empty file and one of the 10 MB limit included', async () => {
    const small = { key: newKey('png'), bytes: Buffer.from('\x89PNG small') };
    const empty = { key: newKey('docx'), bytes: Buffer.alloc(0) };
    const large = { key: newKey('xlsx'), bytes: randomBytes(10 * 1024 * 1024) };
    for (const f of [small, empty, large]) await store.put(f.key, f.bytes, 'application/octet-stream');
    for (const f of [small, empty, large]) expect((await store.get(f.key)).equals(f.bytes), f.key).toBe(true);
  });

  it('removes a file, after which reading it rejects; removing it again is no error', async () => {
    const key = newKey();
    await store.put(key, Buffer.from('%PDF-1.4 to be removed'), 'application/pdf');
    await store.remove(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(FileMissingError);
    await expect(store.remove(key)).resolves.toBeUndefined();
  });

  it('rejects reading a key that was never stored, with FileMissingError naming the key', async () => {
    const key = newKey();
    const err = await store.get(key).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileMissingError);
    expect((err as FileMissingError).key).toBe(key);
    expect((err as FileMissingError).code).toBe('ENOENT');
  });

  it('refuses keys that climb out of the store or are absolute, before touching it', async () => {
    for (const key of ['../escape.pdf', '2026-11/../../escape.pdf', '/etc/passwd', '', '2026-11\\x.pdf']) {
      await expect(store.put(key, Buffer.from('x'), 'application/pdf'), key).rejects.toThrow(/invalid storage key/);
      await expect(store.get(key), key).rejects.toThrow(/invalid storage key/);
      await expect(store.remove(key), key).rejects.toThrow(/invalid storage key/);
    }
  });
}

describe('LocalFileStore (DATA_DIR/uploads)', () => {
  const dir = path.join(tmp, 'local', 'uploads');
  fileStoreContract(() => new LocalFileStore(dir));

  it('writes the file at <dir>/<key> and never overwrites one (flag wx)', async () => {
    const store = new LocalFileStore(dir);
    const key = newKey();
    await store.put(key, Buffer.from('first'), 'application/pdf');
    expect(fs.readFileSync(path.join(dir, key), 'utf8')).toBe('first');
    await expect(store.put(key, Buffer.from('second'), 'application/pdf')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(path.join(dir, key), 'utf8')).toBe('first');
  });

  it('is what the server uses without S3_BUCKET, in DATA_DIR/uploads, creating nothing until a file comes', () => {
    const dataDir = path.join(tmp, 'data-untouched');
    const store = createFileStore(loadConfig({ DATA_DIR: dataDir }));
    expect(store).toBeInstanceOf(LocalFileStore);
    expect(store.describe()).toBe(path.join(dataDir, 'uploads'));
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

describe('S3FileStore against s3rver (a real S3 API over HTTP)', () => {
  fileStoreContract(() => new S3FileStore(s3Config()));

  it('stores each file as <S3_PREFIX><key> with its content type, and describes itself without the secret', async () => {
    const store = new S3FileStore(s3Config({ prefix: 'hbts/uploads/' }));
    const key = newKey();
    await store.put(key, Buffer.from('%PDF-1.4 prefixed'), 'application/pdf');
    const client = new S3Client({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { ...CREDENTIALS },
    });
    const res = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `hbts/uploads/${key}` }));
    expect(res.ContentType).toBe('application/pdf');
    expect(await res.Body?.transformToString()).toBe('%PDF-1.4 prefixed');
    client.destroy();
    expect(store.describe()).toBe(`s3://${BUCKET}/hbts/uploads/ at ${emulator.endpoint}`);
    expect(store.describe()).not.toContain(CREDENTIALS.secretAccessKey);
  });

  it('signs with the configured access key: one the server does not know is refused', async () => {
    const store = new S3FileStore(s3Config({ accessKeyId: 'NOT-THE-KEY' }));
    await expect(store.put(newKey(), Buffer.from('x'), 'application/pdf')).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    });
  });

  it('is what the server uses when S3_BUCKET is set (loadConfig → createFileStore)', () => {
    const config = loadConfig({
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: emulator.endpoint,
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    });
    const store = createFileStore(config);
    expect(store).toBeInstanceOf(S3FileStore);
    expect((store as S3FileStore).config).toEqual(s3Config());
  });

  describe('the attachment endpoints on an S3 store', () => {
    const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('场地产权证明'), Buffer.from('\n%%EOF')]);
    let close: () => Promise<void>;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let dataDir: string;
    let centreId: number;
    let cookie: string;

    beforeAll(async () => {
      const database = await createTestDatabase();
      const local = depsFor(database, new TestClock());
      dataDir = local.config.dataDir;
      const deps = { ...local, files: createFileStore({ ...local.config, s3: s3Config({ prefix: 'app/' }) }) };
      await prepareDatabase(database, deps);
      const world = await seedWorld(deps);
      app = await buildApp(deps, { webDir: '/nonexistent' });
      close = async () => {
        await app.close();
        await database.close();
      };
      centreId = (await makeCentre(deps, { park: world.parks.yichangHighTech, target: 'submitted' })).id;
      cookie = await loginAs(app, 'city.420500');
    });
    afterAll(async () => close?.());

    it('uploads into the bucket (not DATA_DIR) and downloads the same bytes back', async () => {
      const up = await as(app, cookie, {
        method: 'POST',
        url: `/api/centres/${centreId}/attachments`,
        payload: PDF,
        headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('场地证明.pdf') },
      });
      expect(up.statusCode, up.body).toBe(201);
      expect(fs.existsSync(path.join(dataDir, 'uploads'))).toBe(false);
      const down = await as(app, cookie, { method: 'GET', url: `/api/attachments/${up.json().id}` });
      expect(down.statusCode).toBe(200);
      expect(down.headers['content-type']).toBe('application/pdf');
      expect(down.rawPayload.equals(PDF)).toBe(true);
    });
  });
});
