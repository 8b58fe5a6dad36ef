import type { FastifySchemaValidationError } from 'fastify';
import { AppError } from '../../lib/errors';

/**
 * The reasons the activity schema's refinements give as codes (contracts/activity.ts), in both languages. zod has no
 * words of its own for a refinement, so without these the 400 would say "无效输入" / "SUB_KIND_NOT_OF_KIND".
 */
const REFINEMENT_REASONS: Record<string, { 'zh-CN': string; en: string }> = {
  END_BEFORE_START: { 'zh-CN': '结束日期不能早于开始日期', en: 'the end date is before the start date' },
  SUB_KIND_NOT_OF_KIND: {
    'zh-CN': '活动形式须为所选活动类型下的一项（政策宣贯不设子类）',
    en: 'choose a sub-kind of the chosen kind (policy promotion has none)',
  },
};

/**
 * Route-level schema error formatter of the activity writes: when every issue is one of the refinements above, the
 * 400 names each field with its reason in both languages (the error handler picks the request's); any other
 * validation failure goes on to the shared handler unchanged.
 */
export function activitySchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const known = errors.every((e) => e.message !== undefined && e.message in REFINEMENT_REASONS);
  if (errors.length === 0 || !known) {
    return new Error(errors.map((e) => `${dataVar}${e.instancePath} ${e.message ?? ''}`).join(', '));
  }
  const fields = errors.map((e) => {
    const reason = REFINEMENT_REASONS[e.message ?? ''] ?? { 'zh-CN': '', en: '' };
    const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return { field, reason: reason.en, 'reason_zh-CN': reason['zh-CN'], reason_en: reason.en };
  });
  return new AppError('VALIDATION_FAILED', {
    in: dataVar,
    fields,
    field: fields[0]?.field,
    'summary_zh-CN': fields.map((f) => `${f.field}（${f['reason_zh-CN']}）`).join('；'),
    summary_en: fields.map((f) => `${f.field} (${f.reason_en})`).join('; '),
  });
}
