/**
 * 统一社会信用代码 (GB 32100-2015). 18 characters from 31 symbols (no I, O, Z, S, V):
 *   1 登记管理部门码 · 2 机构类别码 · 3–8 登记管理机关行政区划码 (digits) · 9–17 主体标识码 (组织机构代码, GB 11714) · 18 校验码.
 * Both check characters are verified: position 18 over positions 1–17 (GB 32100, mod 31), and position 17 over the
 * organisation code's body at positions 9–16 (GB 11714, mod 11).
 */

export type CreditCodeResult =
  | { ok: true; code: string }
  | { ok: false; reason: 'length' | 'charset' | 'checksum'; message: { 'zh-CN': string; en: string } };

/** GB 32100 code character set; a character's value is its index. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100 weights: 3^(i) mod 31 for i = 0 … 16. */
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 weights of the eight body characters of an organisation code. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const SHAPE = /^[0-9A-HJ-NPQRTUW-Y]{2}\d{6}[0-9A-HJ-NPQRTUW-Y]{10}$/;

/** The 18th character for the first 17 characters (which must be in the charset). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character for an organisation code body of 8 digits or capital letters (A = 10 … Z = 35). */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function validateCreditCode(input: string): CreditCodeResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    return {
      ok: false,
      reason: 'length',
      message: {
        'zh-CN': `统一社会信用代码应为18位，当前为${code.length}位`,
        en: `A unified social credit code has 18 characters, not ${code.length}`,
      },
    };
  }
  if (!SHAPE.test(code)) {
    return {
      ok: false,
      reason: 'charset',
      message: {
        'zh-CN': '统一社会信用代码只能由数字和大写字母组成（不使用I、O、Z、S、V），第3至8位为行政区划码数字',
        en: 'A unified social credit code uses digits and capital letters except I, O, Z, S and V; characters 3–8 are digits',
      },
    };
  }
  if (creditCodeCheckChar(code) !== code[17]) {
    return {
      ok: false,
      reason: 'checksum',
      message: {
        'zh-CN': '统一社会信用代码校验位不正确，请核对',
        en: 'The check character of the unified social credit code is wrong; please check the code',
      },
    };
  }
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) {
    return {
      ok: false,
      reason: 'checksum',
      message: {
        'zh-CN': '统一社会信用代码第9至17位（组织机构代码）校验不通过，请核对',
        en: 'Characters 9–17 (the organisation code) fail their check character; please check the code',
      },
    };
  }
  return { ok: true, code };
}
