import { describe, expect, it } from 'vitest';
import { passwordClassCount, ZNewPassword } from './auth';

describe('password rule (等保 2.0: ≥ 8 characters, 3 of 4 classes)', () => {
  it('counts character classes', () => {
    expect(passwordClassCount('abcdefgh')).toBe(1);
    expect(passwordClassCount('abcDEF12')).toBe(3);
    expect(passwordClassCount('aB1#')).toBe(4);
  });

  it.each([
    ['Abc#123', false, 'seven characters'],
    ['abcdefgh1', false, 'two classes'],
    ['ABCDEFG#', false, 'two classes'],
    ['abcdef1#', true, 'lower, digit, symbol'],
    ['Abcdefg1', true, 'upper, lower, digit'],
    ['密码Abc12345', true, 'CJK counts as a symbol'],
  ])('%s → %s (%s)', (password, ok) => {
    expect(ZNewPassword.safeParse(password).success).toBe(ok);
  });
});
