/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date (YYYYMMDD), 3-digit sequence, check
 * character (ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, value → '10X98765432').
 */

export type IdNumberResult =
  | { ok: true; id: string; birthDate: string }
  | { ok: false; reason: 'length' | 'format' | 'birthdate' | 'checksum'; message: { 'zh-CN': string; en: string } };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** Nobody born before this is alive; a date before it is a typing error. */
const EARLIEST_BIRTH = '1900-01-01';

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `today` is the caller's calendar day, YYYY-MM-DD (Beijing). */
export function validateIdNumber(input: string, today: string): IdNumberResult {
  const id = input.trim().toUpperCase();
  if (id.length !== 18) {
    return {
      ok: false,
      reason: 'length',
      message: {
        'zh-CN': `居民身份证号码应为18位，当前为${id.length}位`,
        en: `A resident ID number has 18 characters, not ${id.length}`,
      },
    };
  }
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) {
    return {
      ok: false,
      reason: 'format',
      message: {
        'zh-CN': '居民身份证号码应为17位数字加1位数字或X，且前6位为地址码',
        en: 'A resident ID number is 17 digits and a digit or X, starting with a 6-digit address code',
      },
    };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(y, m, d) || birthDate < EARLIEST_BIRTH || birthDate > today) {
    return {
      ok: false,
      reason: 'birthdate',
      message: {
        'zh-CN': `居民身份证号码中的出生日期（第7至14位：${id.slice(6, 14)}）不是有效日期`,
        en: `The birth date in the ID number (characters 7–14: ${id.slice(6, 14)}) is not a valid date`,
      },
    };
  }
  if (idNumberCheckChar(id) !== id[17]) {
    return {
      ok: false,
      reason: 'checksum',
      message: {
        'zh-CN': '居民身份证号码校验位不正确，请核对',
        en: 'The check character of the ID number is wrong; please check the number',
      },
    };
  }
  return { ok: true, id, birthDate };
}

/** First 6 + 8 asterisks + last 4 ("420102********123X"); anything that is not 18 characters is masked entirely. */
export function maskIdNumber(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length !== 18) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}********${s.slice(14)}`;
}
