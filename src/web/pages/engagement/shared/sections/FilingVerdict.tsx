import { Alert, Typography } from 'antd';
import type { TEngagementDetail } from '../../../../../contracts/engagement';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { CityRuleTag, verdictFacts } from '../../../centre/shared/VerdictView';

/**
 * Art. 10(三): the agreement reaches the province within the working days of the parameter after signing. Green when
 * on time, red 逾期 with the server's message when late or overdue; before signing, only what starts the clock.
 */
export function FilingVerdict({ engagement: e }: { engagement: TEngagementDetail }) {
  const { t, locale } = useLocale();
  const v = e.filingVerdict;
  if (!v || !e.filingDeadline) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="engagement-filing-verdict"
        title={t('engagement.filing.notStarted')}
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type={v.ok ? 'success' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="engagement-filing-verdict"
      data-ok={String(v.ok)}
      title={
        <span>
          {t('engagement.filing.deadline', { date: formatDate(e.filingDeadline, locale) })}
          {t('common.colon')}
          {t(v.ok ? 'engagement.filing.onTime' : 'engagement.filing.overdue')}
          {e.filingNumber && ` · ${t('engagement.filing.number', { number: e.filingNumber })}`}
        </span>
      }
      description={
        <>
          <div>{v.message[locale]}</div>
          {v.cityRule && (
            <div style={{ margin: '4px 0' }}>
              <CityRuleTag verdict={v} />
            </div>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {verdictFacts(v, t, locale)}
          </Typography.Text>
        </>
      }
    />
  );
}
