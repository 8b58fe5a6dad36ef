import { createCipheriv, createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptField, encryptField, loadFieldKey } from './field-crypto';

const master = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778', 'hex');

function flipBit(token: string, part: 1 | 2 | 3, byte: number, bit = 0): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[byte] ^= 1 << bit;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('the algorithms are the national ones', () => {
  it('SM4 known answer of GB/T 32907-2016 (one block, ECB)', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', key, null);
    cipher.setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('SM4 known answer of GB/T 32907-2016 (the same block encrypted 1,000,000 times)', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', key, null);
    cipher.setAutoPadding(false);
    let block = key;
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('SM3 known answer of GB/T 32905-2016 ("abc")', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });
});

describe('field encryption (SM4-CBC + HMAC-SM3)', () => {
  it.each([
    '',
    '420102********002X',
    '42010219880512002X',
    '湖北省武汉市江汉区解放大道 1 号 · 张三 ✓ 🚢',
    'x'.repeat(16),
    'y'.repeat(1000),
  ])('round-trips %j', (plain) => {
    const token = encryptField(plain, master);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(token).not.toContain(plain || '\u0000');
    expect(decryptField(token, master)).toBe(plain);
  });

  it('pads to whole blocks (a 16-byte text takes two)', () => {
    const ct = (t: string) => Buffer.from(t.split('.')[2], 'base64url').length;
    expect(ct(encryptField('', master))).toBe(16);
    expect(ct(encryptField('a'.repeat(15), master))).toBe(16);
    expect(ct(encryptField('a'.repeat(16), master))).toBe(32);
  });

  it('gives a different token each time for the same text (random IV)', () => {
    const a = encryptField('42010219880512002X', master);
    const b = encryptField('42010219880512002X', master);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(decryptField(a, master)).toBe(decryptField(b, master));
  });

  it('throws on a flipped bit anywhere in the IV, the ciphertext or the MAC', () => {
    const token = encryptField('张三 42010219880512002X', master);
    const ctLength = Buffer.from(token.split('.')[2], 'base64url').length;
    for (const [part, length] of [
      [1, 16],
      [2, ctLength],
      [3, 32],
    ] as const) {
      for (let byte = 0; byte < length; byte++) {
        for (const bit of [0, 7]) {
          expect(() => decryptField(flipBit(token, part, byte, bit), master)).toThrow('field integrity check failed');
        }
      }
    }
  });

  it('throws on any changed character of the token text', () => {
    const token = encryptField('420102********002X', master);
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === 'A' ? 'B' : 'A';
      const changed = `${token.slice(0, i)}${replacement}${token.slice(i + 1)}`;
      expect(() => decryptField(changed, master), `position ${i}`).toThrow('field integrity check failed');
    }
  });

  it('throws on a non-canonical spelling of the same bytes (the unused low bits of a last character set)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const token = encryptField('42010219880512002X', master);
    for (const part of [1, 2, 3]) {
      const parts = token.split('.');
      const seg = parts[part];
      const sibling = alphabet[alphabet.indexOf(seg[seg.length - 1]) ^ 1];
      parts[part] = `${seg.slice(0, -1)}${sibling}`;
      // Same bytes underneath, so only the strict decoding can tell.
      expect(Buffer.from(parts[part], 'base64url').equals(Buffer.from(seg, 'base64url'))).toBe(true);
      expect(() => decryptField(parts.join('.'), master)).toThrow('field integrity check failed');
    }
  });

  it('throws with the wrong key', () => {
    const token = encryptField('42010219880512002X', master);
    const other = Buffer.from(master);
    other[0] ^= 1;
    expect(() => decryptField(token, other)).toThrow('field integrity check failed');
    expect(() => decryptField(token, Buffer.alloc(32))).toThrow('field integrity check failed');
  });

  it('throws on a malformed token or another version', () => {
    const token = encryptField('abc', master);
    const [, iv, ct, mac] = token.split('.');
    for (const bad of [
      '',
      'abc',
      `v2.${iv}.${ct}.${mac}`,
      `V1.${iv}.${ct}.${mac}`,
      `v1.${iv}.${ct}`,
      `v1.${iv}.${ct}.${mac}.`,
      `v1.${iv}.${ct}.${mac}.x`,
      `v1..${ct}.${mac}`,
      `v1.${iv}..${mac}`,
      `v1.${iv}.${ct}.`,
      `v1.${iv}=.${ct}.${mac}`,
      `v1.${iv}.${ct}.${mac}==`,
      `v1.${iv.slice(0, -2)}.${ct}.${mac}`,
      `v1.${iv}.${ct}.${mac.slice(0, -1)}`,
      `v1.${iv}.${ct}AAAA.${mac}`,
      `v1.${Buffer.from(iv, 'base64url').toString('base64')}.${ct}.${mac}`,
      ` ${token}`,
      `${token}\n`,
    ]) {
      expect(() => decryptField(bad, master), JSON.stringify(bad)).toThrow('field integrity check failed');
    }
    expect(() => decryptField(undefined as unknown as string, master)).toThrow('field integrity check failed');
  });

  it('refuses a master key shorter than 16 bytes', () => {
    expect(() => encryptField('x', Buffer.alloc(15))).toThrow(/at least 16 bytes/);
    expect(() => decryptField('v1.a.b.c', Buffer.alloc(8))).toThrow(/at least 16 bytes/);
  });

  it('derives separate keys: the MAC key alone does not decrypt, and a token from one master fails under another', () => {
    const a = Buffer.alloc(32, 1);
    const b = Buffer.alloc(32, 2);
    expect(() => decryptField(encryptField('秘密', a), b)).toThrow('field integrity check failed');
    expect(decryptField(encryptField('秘密', b), b)).toBe('秘密');
  });
});

describe('loadFieldKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-field-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uses the configured value when there is one, and writes no file', () => {
    const dir = tempDir();
    const key = loadFieldKey('a-configured-secret-of-enough-length', dir);
    expect(key.equals(Buffer.from('a-configured-secret-of-enough-length', 'utf8'))).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a configured value shorter than 16 bytes', () => {
    expect(() => loadFieldKey('short', tempDir())).toThrow(/at least 16 bytes/);
  });

  it('makes a 32-byte key once, mode 0600, and reads the same key back', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const first = loadFieldKey(undefined, dir);
    expect(first).toHaveLength(32);
    const file = path.join(dir, 'field-encryption.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['field-encryption.key']);
    const second = loadFieldKey('', dir);
    expect(second.equals(first)).toBe(true);
    expect(decryptField(encryptField('往返', first), second)).toBe('往返');
  });

  it('refuses a key file that does not hold a 32-byte hex key', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'field-encryption.key'), 'not a key');
    expect(() => loadFieldKey(undefined, dir)).toThrow(/32-byte hex key/);
  });
});
