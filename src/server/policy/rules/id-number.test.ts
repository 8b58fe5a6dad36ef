import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber, validateIdNumber } from './id-number';

const TODAY = '2026-11-27';

// Check characters computed independently (Python) from GB 11643-1999, not with the code under test.
describe('resident ID number (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', '1949-12-31'], // the example of GB 11643-1999
    ['420102199003071232', '1990-03-07'],
    ['420106198501010011', '1985-01-01'],
    ['42010219880512002X', '1988-05-12'],
    ['420102200002290025', '2000-02-29'], // 2000 is a leap year
    ['420102190001010013', '1900-01-01'],
    ['420102202611270010', '2026-11-27'], // born today
  ])('accepts %s (born %s)', (id, birthDate) => {
    expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, id, birthDate });
  });

  it('accepts a lower-case x, trims, and returns an upper-case X', () => {
    expect(validateIdNumber(' 42010219880512002x ', TODAY)).toEqual({
      ok: true,
      id: '42010219880512002X',
      birthDate: '1988-05-12',
    });
  });

  it.each(['', '42010219900307123', '4201021990030712320', '420102900307123'])('rejects length: "%s"', (id) => {
    const r = validateIdNumber(id, TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'length' });
    if (!r.ok) expect(r.message['zh-CN']).toContain('18位');
  });

  it.each([
    '42010219900307123A', // only X may end it
    '4201021990030712X2', // X only at the end
    '420102-19900307123',
    '000000199003070014', // no address code
    '020102199003070016', // address codes start 1–9
    '４20102199003071232', // full-width digit
  ])('rejects format: %s', (id) => {
    expect(validateIdNumber(id, TODAY)).toMatchObject({ ok: false, reason: 'format' });
  });

  it.each([
    '420102190002290010', // 1900 is not a leap year
    '420102199002300013', // 30 February
    '420102199013010011', // month 13
    '420102199000000017', // month 0
    '420102202611280016', // tomorrow
    '420102189912310019', // before 1900
  ])('rejects birthdate: %s', (id) => {
    const r = validateIdNumber(id, TODAY);
    expect(r).toMatchObject({ ok: false, reason: 'birthdate' });
    if (!r.ok) expect(r.message.en).toContain('birth date');
  });

  it('accepts tomorrow’s birth date once tomorrow has come', () => {
    expect(validateIdNumber('420102202611280016', '2026-11-28').ok).toBe(true);
  });

  it('rejects every wrong check character', () => {
    for (const ch of '0123456789X') {
      if (ch === '2') continue;
      expect(validateIdNumber(`42010219900307123${ch}`, TODAY)).toMatchObject({ ok: false, reason: 'checksum' });
    }
  });

  it('rejects a changed digit in the sequence or address code', () => {
    expect(validateIdNumber('420102199003071242', TODAY)).toMatchObject({ ok: false, reason: 'checksum' });
    expect(validateIdNumber('420103199003071232', TODAY)).toMatchObject({ ok: false, reason: 'checksum' });
  });

  it('computes the check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('42010219900307124')).toBe('0');
    expect(idNumberCheckChar('42010219900307123')).toBe('2');
  });

  it('masks all but the address code and the last four', () => {
    expect(maskIdNumber('42010219880512002X')).toBe('420102********002X');
    expect(maskIdNumber('42010219880512002x')).toBe('420102********002X');
    expect(maskIdNumber('420102199003071232')).toBe('420102********1232');
    expect(maskIdNumber('420102199003071232')).toHaveLength(18);
    expect(maskIdNumber('4201021990')).toBe('**********');
    expect(maskIdNumber('')).toBe('');
  });
});
