import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration', () => {
  it('defaults to PGlite in ./data on port 3000 (SPEC §8)', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });

  it('trusts X-Forwarded-For only from named proxies or a hop count, never from anyone', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.1.0/24' }).trustProxy).toEqual(['10.0.0.1', '10.0.1.0/24']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/hop count/);
  });

  it('takes extra trusted origins for state changes, and refuses anything that is not an origin', () => {
    expect(loadConfig({}).allowedOrigins).toEqual([]);
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://trade.example.cn, http://10.0.0.5:8080/' }).allowedOrigins).toEqual([
      'https://trade.example.cn',
      'http://10.0.0.5:8080',
    ]);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'trade.example.cn' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://trade.example.cn/app' })).toThrow(/no path/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'ftp://trade.example.cn' })).toThrow(/ALLOWED_ORIGINS/);
  });

  describe('S3 file store (uploads in a bucket instead of DATA_DIR/uploads)', () => {
    const S3 = {
      S3_BUCKET: 'hbts-files',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
    };

    it('is off without S3_BUCKET: files stay in DATA_DIR/uploads', () => {
      expect(loadConfig({}).s3).toBeUndefined();
    });

    it('takes the bucket, endpoint and keys, with region us-east-1, prefix uploads/ and path-style by default', () => {
      expect(loadConfig(S3).s3).toEqual({
        bucket: 'hbts-files',
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        accessKeyId: 'minio',
        secretAccessKey: 'minio-secret',
        forcePathStyle: true,
        prefix: 'uploads/',
      });
      const aws = loadConfig({
        ...S3,
        S3_ENDPOINT: 'https://s3.cn-north-1.amazonaws.com.cn',
        S3_REGION: 'cn-north-1',
        S3_PREFIX: 'hbts/',
      }).s3;
      expect(aws).toMatchObject({ region: 'cn-north-1', forcePathStyle: false, prefix: 'hbts/' });
      expect(loadConfig({ ...S3, S3_FORCE_PATH_STYLE: 'false' }).s3?.forcePathStyle).toBe(false);
    });

    it('refuses to start with a bucket but no endpoint or credentials, naming the missing variable', () => {
      for (const name of ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        expect(() => loadConfig({ ...S3, [name]: undefined }), name).toThrow(
          new RegExp(`S3_BUCKET is set but ${name} is not`),
        );
        expect(() => loadConfig({ ...S3, [name]: ' ' }), name).toThrow(new RegExp(name));
      }
    });

    it('refuses malformed settings and S3 settings without a bucket, naming the variable', () => {
      expect(() => loadConfig({ ...S3, S3_ENDPOINT: '127.0.0.1:9000' })).toThrow(/S3_ENDPOINT/);
      expect(() => loadConfig({ ...S3, S3_ENDPOINT: 'http://key:secret@127.0.0.1:9000' })).toThrow(/S3_ENDPOINT/);
      expect(() => loadConfig({ ...S3, S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/S3_FORCE_PATH_STYLE/);
      expect(() => loadConfig({ ...S3, S3_PREFIX: '/uploads/' })).toThrow(/S3_PREFIX/);
      expect(() => loadConfig({ ...S3, S3_BUCKET: undefined })).toThrow(/S3_ENDPOINT is set but S3_BUCKET is not/);
    });
  });
});
