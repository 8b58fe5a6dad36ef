import { describe, expect, it } from 'vitest';
import { formatFen, plainNumber, yuanToFen } from './format';

/** Money is kept in whole fen (issue 15) and shown in Chinese conventions: 元 to the fen, or 万元 when round. */
describe('formatFen', () => {
  it('shows a round sum of at least 1万元 in 万元, and any other sum in 元 to the fen', () => {
    expect(formatFen(40_000_000, 'zh-CN')).toBe('40 万元');
    expect(formatFen(12_000_000, 'zh-CN')).toBe('12 万元');
    expect(formatFen(9_600_000, 'zh-CN')).toBe('96,000 元');
    expect(formatFen(36_986_301, 'zh-CN')).toBe('369,863.01 元');
    expect(formatFen(0, 'zh-CN')).toBe('0 元');
  });

  it('gives English readers yuan in full', () => {
    expect(formatFen(40_000_000, 'en')).toBe('CN¥400,000');
    expect(formatFen(36_986_301, 'en')).toBe('CN¥369,863.01');
  });

  it('turns 元 typed into a form into whole fen, rounding once', () => {
    expect(yuanToFen(1234.56)).toBe(123_456);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
  });
});

describe('plainNumber', () => {
  const shown = (v: number | string | undefined) => plainNumber(v, { userTyping: false, input: '' });
  it('shows a whole weight without the step’s decimal, and keeps halves', () => {
    expect(shown(7)).toBe('7');
    expect(shown('7.0')).toBe('7');
    expect(shown(7.5)).toBe('7.5');
    expect(shown(undefined)).toBe('');
  });
  it('leaves what the user is typing as typed', () => {
    expect(plainNumber(7, { userTyping: true, input: '7.' })).toBe('7.');
  });
});
