import type { TVerdict } from '../../../contracts/centre';
import { AppError } from '../../lib/errors';

export { invalidField } from '../../lib/errors';

/** The first failing verdict as a refusal that names its article (409). */
export function refuseVerdicts(code: 'OPERATOR_INELIGIBLE' | 'ENGAGEMENT_RULE', verdicts: TVerdict[]): void {
  const failed = verdicts.filter((v) => !v.ok);
  const [first] = failed;
  if (!first) return;
  // Every failing rule is named in the message, not only the first: the officer fixes them all in one go.
  const verdict =
    failed.length === 1
      ? first
      : {
          ...first,
          message: {
            'zh-CN': failed.map((v) => v.message['zh-CN']).join('；'),
            en: failed.map((v) => v.message.en).join('; '),
          },
        };
  throw new AppError(code, { verdict, verdicts: failed });
}
