import { validateCreditCode } from '../../../contracts/credit-code';
import { AppError } from '../../lib/errors';
import { encryptField } from '../../lib/field-crypto';
import { maskIdNumber, validateIdNumber } from '../../policy/rules/id-number';

/** A credit code checked against GB 32100 (check character), or CREDIT_CODE_INVALID naming the reason. */
export function checkedCreditCode(input: string): string {
  const r = validateCreditCode(input);
  if (!r.ok) {
    throw new AppError('CREDIT_CODE_INVALID', {
      code: input,
      field: 'creditCode',
      rule: r.reason,
      'reason_zh-CN': r.message['zh-CN'],
      reason_en: r.message.en,
    });
  }
  return r.code;
}

/** An ID number checked against GB 11643 and protected for storage: ciphertext + mask. */
export function protectedIdNumber(input: string, today: string, key: Buffer): { enc: string; masked: string } {
  const r = validateIdNumber(input, today);
  if (!r.ok) {
    throw new AppError('ID_NUMBER_INVALID', {
      field: 'legalRepIdNumber',
      rule: r.reason,
      'reason_zh-CN': r.message['zh-CN'],
      reason_en: r.message.en,
    });
  }
  return { enc: encryptField(r.id, key), masked: maskIdNumber(r.id) };
}
