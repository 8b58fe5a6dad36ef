import { validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZDay, ZId, ZIdText } from '../../contracts/common';
import { findUnstorable, MAX_INPUT_DEPTH, refusingUnstorableInput, storableText } from './hostile-input';
import { cleanFileName } from './stored-file';

describe('findUnstorable: what PostgreSQL text and jsonb refuse', () => {
  it('finds NUL and unpaired surrogates anywhere, keys included, with their path', () => {
    expect(findUnstorable({ a: 'ok 😀', b: ['x', 'y\u0000'], c: { d: '\uD800' }, e: 'z\uDC00', '\u0000k': 1 })).toEqual(
      [
        { path: ['b', 1], reason: 'NUL_CHARACTER' },
        { path: ['c', 'd'], reason: 'LONE_SURROGATE' },
        { path: ['e'], reason: 'LONE_SURROGATE' },
        { path: ['k'], reason: 'NUL_CHARACTER' },
      ],
    );
    expect(findUnstorable('\uDBFF\uDBFF')).toEqual([{ path: [], reason: 'LONE_SURROGATE' }]);
  });

  it('leaves paired surrogates, control characters PostgreSQL stores, numbers and files alone', () => {
    expect(findUnstorable({ a: '😀\t\n', n: 2 ** 53, f: Buffer.from([0, 0xed, 0xa0, 0x80]), z: null })).toEqual([]);
  });

  it('refuses nesting past the limit without walking it, and stops at twenty findings', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorable(deep)).toEqual([{ path: Array(MAX_INPUT_DEPTH).fill(0), reason: 'TOO_DEEP' }]);
    expect(findUnstorable(Array(1000).fill('\u0000'))).toHaveLength(20);
  });
});

describe('storableText', () => {
  it('drops control characters, replaces unpaired halves and never cuts a pair', () => {
    expect(storableText('a\u0000b\u0007c', 10)).toBe('abc');
    expect(storableText('x\uD800y', 10)).toBe('x\uFFFDy');
    expect(storableText(`${'字'.repeat(3)}😀`, 4)).toBe('字字字');
    expect(storableText('😀😀', 4)).toBe('😀😀');
  });

  it('keeps an upload name whole-charactered and its type at the 200 limit', () => {
    // 195 characters, then an emoji whose two halves straddle the cut before ".pdf": the whole emoji goes.
    const name = cleanFileName(encodeURIComponent(`${'字'.repeat(195)}😀${'字'.repeat(10)}.pdf`), 'pdf');
    expect(name).toBe(`${'字'.repeat(195)}.pdf`);
    expect(findUnstorable(name)).toEqual([]);
  });
});

describe('refusingUnstorableInput: the validator every route gets', () => {
  const compile = refusingUnstorableInput(validatorCompiler);
  const validate = compile({
    schema: z.object({ name: z.string(), id: ZId }),
    method: 'POST',
    url: '/x',
    httpPart: 'body',
  });

  it('refuses before the route schema, naming the field', () => {
    const out = validate({ name: 'a\u0000', id: 1 }) as { error?: { instancePath: string; message: string }[] };
    expect(out.error?.map((e) => [e.instancePath, e.message])).toEqual([['/name', 'NUL_CHARACTER']]);
  });

  it('then runs the route schema as before', () => {
    expect(validate({ name: 'a', id: 1 })).toEqual({ value: { name: 'a', id: 1 } });
    const out = validate({ name: 'a', id: 2 ** 31 }) as { error?: { instancePath: string }[] };
    expect(out.error?.map((e) => e.instancePath)).toEqual(['/id']);
  });
});

describe('the shared building blocks', () => {
  it('ZId and ZIdText stop at the int4 maximum', () => {
    expect(ZId.safeParse(2_147_483_647).success).toBe(true);
    expect(ZId.safeParse(2_147_483_648).success).toBe(false);
    expect(ZIdText.safeParse('99999999999').success).toBe(false);
    expect(ZIdText.safeParse('1e309').success).toBe(false);
    expect(ZIdText.safeParse('12').data).toBe(12);
  });

  it('ZDay takes only days on the calendar, within the years the platform counts', () => {
    for (const ok of ['2024-02-29', '2026-12-31', '1900-01-01', '2099-12-31'])
      expect(ZDay.safeParse(ok).success).toBe(true);
    for (const bad of [
      '2026-02-30',
      '2026-13-01',
      '2025-02-29',
      '2026-04-31',
      '0000-01-01',
      '2100-01-01',
      '2026-1-1',
    ]) {
      expect(ZDay.safeParse(bad).success, bad).toBe(false);
    }
  });
});
