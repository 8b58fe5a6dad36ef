import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { CALLBACK_WINDOW_MS, signCallback, statusTime, verifyCallback } from './single-window-status';

describe('单一窗口 callback signature (HMAC-SM3)', () => {
  it('is HMAC-SM3 of "timestamp\\nbody", as `openssl dgst -sm3 -hmac` computes it', () => {
    // printf 'a\nb' | openssl dgst -sm3 -hmac k
    expect(signCallback('k', 'a', Buffer.from('b'))).toBe(
      'aa4cb189321cbf94a1068bdbf2529cb83251df47223a01643a4dda3753af300f',
    );
  });

  const now = new Date('2026-11-20T02:00:00Z');
  const ts = String(now.getTime() / 1000);
  const body = Buffer.from('<FilingStatusMessage/>');
  const code = (f: () => void) => {
    try {
      f();
      return null;
    } catch (err) {
      return err instanceof AppError ? err.code : 'other';
    }
  };

  it('accepts the right signature within the window and refuses everything else', () => {
    const signature = signCallback('s', ts, body);
    expect(code(() => verifyCallback({ secret: 's', timestamp: ts, signature, body, now }))).toBeNull();
    const edge = new Date(now.getTime() + CALLBACK_WINDOW_MS);
    expect(code(() => verifyCallback({ secret: 's', timestamp: ts, signature, body, now: edge }))).toBeNull();
    const late = new Date(now.getTime() + CALLBACK_WINDOW_MS + 1000);
    expect(code(() => verifyCallback({ secret: 's', timestamp: ts, signature, body, now: late }))).toBe(
      'EXCHANGE_SIGNATURE_INVALID',
    );
    expect(code(() => verifyCallback({ secret: 'x', timestamp: ts, signature, body, now }))).toBe(
      'EXCHANGE_SIGNATURE_INVALID',
    );
    expect(code(() => verifyCallback({ secret: 's', timestamp: ts, signature: signature.slice(2), body, now }))).toBe(
      'EXCHANGE_SIGNATURE_INVALID',
    );
    expect(code(() => verifyCallback({ secret: 's', timestamp: undefined, signature, body, now }))).toBe(
      'EXCHANGE_SIGNATURE_INVALID',
    );
    expect(code(() => verifyCallback({ secret: undefined, timestamp: ts, signature, body, now }))).toBe(
      'EXCHANGE_NOT_CONFIGURED',
    );
  });
});

describe('status times', () => {
  it('reads ISO 8601 with its offset and a plain time as Beijing time; refuses anything else', () => {
    expect(statusTime('2026-11-20T10:05:00+08:00')?.toISOString()).toBe('2026-11-20T02:05:00.000Z');
    expect(statusTime('2026-11-20 10:05:00')?.toISOString()).toBe('2026-11-20T02:05:00.000Z');
    expect(statusTime('yesterday')).toBeNull();
    expect(statusTime('2026-13-40T10:00:00Z')).toBeNull();
  });
});
