import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TCalendarOverview, TCalendarSource, TCalendarYearSummary } from '../../../../contracts/calendar';
import { useCan } from '../../../access';
import { PageSpinner } from '../../../components/PageResults';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { api } from '../../../request';
import { SettingsTabs } from '../shared/SettingsTabs';
import { EnterYearModal } from './components/EnterYearModal';
import { YearDrawer } from './components/YearDrawer';

export const SOURCE_COLORS: Record<TCalendarSource, string> = {
  entered: 'green',
  builtIn: 'blue',
  weekendsOnly: 'orange',
};

/**
 * 系统设置 → 节假日安排 (issue 10): for each year, where the working days of deadlines come from — the State Council
 * notice the administrator entered, the arrangement built into the system, or weekends only — with its holidays and
 * make-up days; the administrator enters or replaces a year, by hand or from an .ics file.
 */
export function CalendarPage() {
  const { t, locale } = useLocale();
  const can = useCan();
  const manage = can('calendar.manage');
  // A phone stacks a row's actions, so that both stay in view.
  const wide = Grid.useBreakpoint().sm ?? true;
  const overview = useQuery({
    queryKey: ['calendar'],
    queryFn: () => api.get<TCalendarOverview>('/api/calendar/years'),
  });
  const [viewing, setViewing] = useState<number | null>(null);
  const [entering, setEntering] = useState<{ year: number; replace: boolean } | null>(null);
  const [nextYear, setNextYear] = useState<number | null>(null);

  const columns = [
    {
      title: t('calendar.year'),
      dataIndex: 'year',
      width: 80,
      render: (y: number) => t('calendar.yearValue', { year: y }),
    },
    {
      title: t('calendar.source'),
      dataIndex: 'source',
      render: (s: TCalendarSource) => <Tag color={SOURCE_COLORS[s]}>{t(`calendar.source.${s}`)}</Tag>,
    },
    {
      title: t('calendar.notice'),
      key: 'notice',
      // On a phone the year's drawer (查看) shows the notice; the row keeps its actions in view.
      responsive: ['sm' as const],
      render: (_: unknown, y: TCalendarYearSummary) =>
        y.notice ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text>{y.notice.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {y.notice.number} · {formatDate(y.notice.issuedOn, locale)}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('calendar.holidayDays'), dataIndex: 'holidayDays', width: 100, responsive: ['md' as const] },
    { title: t('calendar.workdays'), dataIndex: 'workdays', width: 110, responsive: ['md' as const] },
    {
      title: t('calendar.enteredAt'),
      dataIndex: 'enteredAt',
      width: 170,
      responsive: ['lg' as const],
      render: (v: string | null) => (v ? formatDateTime(v) : '—'),
    },
    {
      title: '',
      key: 'actions',
      width: wide ? 110 : 56,
      render: (_: unknown, y: TCalendarYearSummary) => (
        <Space size={0} orientation={wide ? 'horizontal' : 'vertical'}>
          <Button size="small" type="link" onClick={() => setViewing(y.year)} data-testid={`calendar-view-${y.year}`}>
            {t('calendar.view')}
          </Button>
          {manage && (
            <Button
              size="small"
              type="link"
              onClick={() => setEntering({ year: y.year, replace: y.source === 'entered' })}
              data-testid={`calendar-enter-${y.year}`}
            >
              {t(y.source === 'entered' ? 'calendar.replace' : 'calendar.enter')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const newest = overview.data?.items[0]?.year;
  return (
    <Card>
      <SettingsTabs />
      <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
      {overview.data && overview.data.missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="calendar-missing"
          title={t('calendar.missing', { years: overview.data.missing.join('、') })}
          description={t('calendar.missingHelp')}
        />
      )}
      {overview.isPending ? (
        <PageSpinner />
      ) : (
        <Table<TCalendarYearSummary>
          rowKey="year"
          size="middle"
          pagination={false}
          dataSource={overview.data?.items ?? []}
          columns={columns}
          data-testid="calendar-years"
          scroll={{ x: 'max-content' }}
        />
      )}
      {manage && newest !== undefined && (
        <Button style={{ marginTop: 16 }} onClick={() => setNextYear(newest + 1)} data-testid="calendar-enter-next">
          {t('calendar.enterTitle', { year: newest + 1 })}
        </Button>
      )}
      {viewing !== null && <YearDrawer year={viewing} onClose={() => setViewing(null)} />}
      {(entering || nextYear !== null) && (
        <EnterYearModal
          year={entering?.year ?? (nextYear as number)}
          replace={entering?.replace ?? false}
          onClose={() => {
            setEntering(null);
            setNextYear(null);
          }}
        />
      )}
    </Card>
  );
}
