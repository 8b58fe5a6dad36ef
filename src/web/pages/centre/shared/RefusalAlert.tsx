import { Alert, Typography } from 'antd';
import { ZVerdict } from '../../../../contracts/centre';
import { useLocale } from '../../../i18n';
import { ApiError } from '../../../request';
import { errorMessage } from '../../../request-error';
import { verdictFacts } from './VerdictView';

/** The verdict a rule-based refusal carries in `details.verdict` (VENUE_TOO_SMALL, CENTRE_ALREADY_IN_PARK …). */
export function refusalVerdict(error: unknown) {
  if (!(error instanceof ApiError)) return null;
  const parsed = ZVerdict.safeParse(error.details?.verdict);
  return parsed.success ? parsed.data : null;
}

/**
 * Why the server said no, in its own (already localised) words; for a rule, the article and numbers behind it
 * (第六条 · 要求 ≥ 80 m² · 实际 79 m² · 参数版本 1).
 */
export function RefusalAlert({ error }: { error: unknown }) {
  const { t, locale } = useLocale();
  if (!error) return null;
  const verdict = refusalVerdict(error);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="refusal"
      title={errorMessage(error)}
      description={
        verdict ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="refusal-verdict">
            {verdictFacts(verdict, t, locale)}
          </Typography.Text>
        ) : undefined
      }
    />
  );
}
