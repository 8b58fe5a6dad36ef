import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import type { TCalendarOverview } from '../../../../../contracts/calendar';
import { useT } from '../../../../i18n';
import { api } from '../../../../request';

/**
 * Issue 10: the administrator is told on the home page when this year, or from December the next, has no official
 * holiday arrangement (neither entered nor built in), so deadlines reaching into it count weekends only.
 */
export function CalendarWarning() {
  const t = useT();
  const overview = useQuery({
    queryKey: ['calendar'],
    queryFn: () => api.get<TCalendarOverview>('/api/calendar/years'),
  });
  const missing = overview.data?.missing ?? [];
  if (missing.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="home-calendar-missing"
      title={t('calendar.missing', { years: missing.join('、') })}
      description={t('calendar.missingHelp')}
      action={
        <Link to="/settings/calendar">
          <Button size="small" type="primary">
            {t('calendar.goEnter')}
          </Button>
        </Link>
      }
    />
  );
}
