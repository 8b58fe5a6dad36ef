import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * One sensitive text field (an ID number, say) protected with the national algorithms: SM4-CBC for secrecy and
 * HMAC-SM3 for integrity, encrypt-then-MAC over version ‖ iv ‖ ciphertext. Token: `v1.<iv>.<ct>.<mac>` (base64url).
 * Both keys are derived from one master key: enc = HMAC-SM3(master, 'hbts-field-enc')[0..16),
 * mac = HMAC-SM3(master, 'hbts-field-mac').
 */

const VERSION = 'v1';
const IV_BYTES = 16;
const BLOCK = 16;
const MAC_BYTES = 32;
const MIN_MASTER_BYTES = 16;
const KEY_FILE = 'field-encryption.key';
const B64URL = /^[A-Za-z0-9_-]+$/;

function integrityError(): Error {
  return new Error('field integrity check failed');
}

function deriveKeys(master: Buffer): { enc: Buffer; mac: Buffer } {
  if (!Buffer.isBuffer(master) || master.length < MIN_MASTER_BYTES) {
    throw new Error(`field master key must be at least ${MIN_MASTER_BYTES} bytes`);
  }
  return {
    enc: createHmac('sm3', master).update('hbts-field-enc').digest().subarray(0, 16),
    mac: createHmac('sm3', master).update('hbts-field-mac').digest(),
  };
}

function tag(macKey: Buffer, iv: Buffer, ct: Buffer): Buffer {
  return createHmac('sm3', macKey).update(VERSION, 'utf8').update(iv).update(ct).digest();
}

/** Strict base64url: only the alphabet, no padding, and the text must be the canonical encoding of its bytes. */
function decodeSegment(s: string): Buffer | null {
  if (!B64URL.test(s)) return null;
  const bytes = Buffer.from(s, 'base64url');
  return bytes.toString('base64url') === s ? bytes : null;
}

export function encryptField(plain: string, master: Buffer): string {
  const { enc, mac } = deriveKeys(master);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('sm4-cbc', enc, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), ct.toString('base64url'), tag(mac, iv, ct).toString('base64url')].join(
    '.',
  );
}

/** Throws Error('field integrity check failed') for a wrong key, a changed or malformed token, or another version. */
export function decryptField(token: string, master: Buffer): string {
  const { enc, mac } = deriveKeys(master);
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 4 || parts[0] !== VERSION) throw integrityError();
  const iv = decodeSegment(parts[1]);
  const ct = decodeSegment(parts[2]);
  const got = decodeSegment(parts[3]);
  if (!iv || !ct || !got) throw integrityError();
  if (iv.length !== IV_BYTES || ct.length === 0 || ct.length % BLOCK !== 0 || got.length !== MAC_BYTES) {
    throw integrityError();
  }
  if (!timingSafeEqual(got, tag(mac, iv, ct))) throw integrityError();
  try {
    const decipher = createDecipheriv('sm4-cbc', enc, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    // Unreachable with an authentic token; kept so no padding detail ever leaks.
    throw integrityError();
  }
}

/**
 * The master key for field encryption. Production sets it in the environment (the same on every instance);
 * otherwise a 32-byte key is made once and kept in DATA_DIR as hex, mode 0600, outside the database — like the
 * audit key. Losing this key makes every protected field unreadable.
 */
export function loadFieldKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) {
    const key = Buffer.from(configured, 'utf8');
    if (key.length < MIN_MASTER_BYTES)
      throw new Error(`field encryption key must be at least ${MIN_MASTER_BYTES} bytes`);
    return key;
  }
  const file = path.join(dataDir, KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    // Written whole under a private name, then linked into place: link() refuses to replace a key another process
    // made first, and nobody can read a half-written key.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new Error(`${file} does not hold a 32-byte hex key`);
  return Buffer.from(text, 'hex');
}
