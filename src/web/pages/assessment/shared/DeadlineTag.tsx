import { Tag } from 'antd';
import { useLocale } from '../../../i18n';
import { formatDate, todayInBeijing } from '../../../lib/format';
import { daysUntil } from './assessment-api';

/** 2026年12月31日 with the days left (还剩 N 天), or that it has passed. */
export function DeadlineText({ day }: { day: string }) {
  const { t, locale } = useLocale();
  const left = daysUntil(todayInBeijing(), day);
  return (
    <span>
      <span style={{ whiteSpace: 'nowrap' }}>{formatDate(day, locale)}</span>{' '}
      {left > 0 ? (
        <Tag color={left <= 7 ? 'orange' : 'blue'}>{t('assessment.daysLeft', { days: left })}</Tag>
      ) : left === 0 ? (
        <Tag color="red">{t('assessment.dueToday')}</Tag>
      ) : (
        <Tag>{t('assessment.passed')}</Tag>
      )}
    </span>
  );
}
