import { describe, expect, it } from 'vitest';
import { canonicalJson, toJsonValue } from './canonical-json';

describe('canonical JSON for the audit chain', () => {
  it('does not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });

  it('drops undefined keys and turns dates into ISO strings, as jsonb will give them back', () => {
    const value = toJsonValue({ at: new Date('2026-11-24T01:00:00.000Z'), gone: undefined, n: 1 });
    expect(value).toEqual({ at: '2026-11-24T01:00:00.000Z', n: 1 });
    expect(canonicalJson(value)).toBe('{"at":"2026-11-24T01:00:00.000Z","n":1}');
  });
});
