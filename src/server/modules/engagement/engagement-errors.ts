import type { TVerdict } from '../../../contracts/centre';
import { AppError } from '../../lib/errors';

/** 400 naming the field and the reason, in both languages. */
export function invalidField(field: string, reason: { 'zh-CN': string; en: string }): AppError {
  return new AppError('VALIDATION_FAILED', {
    fields: [{ field, reason: reason.en }],
    field,
    'summary_zh-CN': `${field}：${reason['zh-CN']}`,
    summary_en: `${field}: ${reason.en}`,
  });
}

/** The first failing verdict as a refusal that names its article (409). */
export function refuseVerdicts(code: 'OPERATOR_INELIGIBLE' | 'ENGAGEMENT_RULE', verdicts: TVerdict[]): void {
  const failed = verdicts.filter((v) => !v.ok);
  if (failed.length > 0) throw new AppError(code, { verdict: failed[0], verdicts: failed });
}
