import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, orgCodeCheckChar, validateCreditCode } from './credit-code';

// Check characters computed independently (Python) from GB 32100 / GB 11714, not with the code under test.
const VALID = [
  '91420100MA4K12345K', // 武汉市 enterprise, MA-series 主体标识码
  '91420100MA4KL2Q83U',
  '91420102MA49ABCDX4', // organisation check character X
  '9142010070000001X6',
  '91420100MA4K001250', // 18th character 0 (31 - 0 wraps to 0)
  '1242000001111111X6', // 机构编制 / 事业单位
];
// Published codes of real registrations; both check characters hold.
const PUBLISHED = ['914403001922038216', '9144030071526726XG', '91330100716105852F', '92141127MA0KD1Y64A'];

describe('unified social credit code (GB 32100-2015)', () => {
  it.each([...VALID, ...PUBLISHED])('accepts %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it('trims and upper-cases first', () => {
    expect(validateCreditCode('  91420100ma4kl2q83u \n')).toEqual({ ok: true, code: '91420100MA4KL2Q83U' });
    expect(validateCreditCode('9144030071526726xg')).toEqual({ ok: true, code: '9144030071526726XG' });
  });

  it.each(['', '91420100MA4K12345', '91420100MA4K12345K0', '91420100-MA4K1234-5K'])('rejects length: "%s"', (code) => {
    const r = validateCreditCode(code);
    expect(r).toMatchObject({ ok: false, reason: 'length' });
    if (!r.ok) {
      expect(r.message['zh-CN']).toContain('18位');
      expect(r.message.en).toContain('18 characters');
    }
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the letter %s anywhere', (letter) => {
    for (const pos of [0, 1, 9, 12, 17]) {
      const code = `${VALID[0].slice(0, pos)}${letter}${VALID[0].slice(pos + 1)}`;
      expect(validateCreditCode(code)).toMatchObject({ ok: false, reason: 'charset' });
    }
  });

  it('rejects letters in the region code (characters 3–8) and other symbols', () => {
    expect(validateCreditCode('9142A100MA4K12345K')).toMatchObject({ ok: false, reason: 'charset' });
    expect(validateCreditCode('91420100MA4K1234-K')).toMatchObject({ ok: false, reason: 'charset' });
    expect(validateCreditCode('91420100MA4K1234５K')).toMatchObject({ ok: false, reason: 'charset' });
  });

  it('rejects every single-character change of a valid code', () => {
    for (const code of [...VALID, ...PUBLISHED]) {
      for (let pos = 0; pos < 18; pos++) {
        for (const ch of CREDIT_CODE_CHARSET) {
          if (ch === code[pos] || (pos >= 2 && pos < 8 && !/\d/.test(ch))) continue;
          const changed = `${code.slice(0, pos)}${ch}${code.slice(pos + 1)}`;
          expect(validateCreditCode(changed), changed).toMatchObject({ ok: false, reason: 'checksum' });
        }
      }
    }
  });

  it('rejects a code whose 18th character holds but whose organisation code check (character 17) does not', () => {
    // '91420100MA4K1234' + '1' (GB 11714 wants 5) + GB 32100 check over that → 7
    const r = validateCreditCode('91420100MA4K123417');
    expect(r).toMatchObject({ ok: false, reason: 'checksum' });
    if (!r.ok) expect(r.message['zh-CN']).toContain('组织机构代码');
  });

  it('rejects a swap of two adjacent characters', () => {
    expect(validateCreditCode('91420100AM4K12345K').ok).toBe(false);
    expect(validateCreditCode('19420100MA4K12345K').ok).toBe(false);
  });

  it('computes the check characters as the standards define', () => {
    expect(creditCodeCheckChar('91440300192203821')).toBe('6');
    expect(orgCodeCheckChar('19220382')).toBe('1');
    expect(orgCodeCheckChar('71526726')).toBe('X');
    expect(orgCodeCheckChar('MA0KD1Y6')).toBe('4');
  });
});
