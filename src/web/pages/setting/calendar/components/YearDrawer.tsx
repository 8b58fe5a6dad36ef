import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Empty, Table, Tag, Typography } from 'antd';
import type { TCalendarHoliday, TCalendarWorkday, TCalendarYearDetail } from '../../../../../contracts/calendar';
import { PageSpinner } from '../../../../components/PageResults';
import { useLocale } from '../../../../i18n';
import { formatDate, formatDateTime } from '../../../../lib/format';
import { api } from '../../../../request';
import { SOURCE_COLORS } from '../index';

function dayCount(h: TCalendarHoliday): number {
  return Math.round((Date.parse(h.to) - Date.parse(h.from)) / 86_400_000) + 1;
}

/** One year: its holidays (ranges of days off) and its 调休 make-up working days, and where they come from. */
export function YearDrawer({ year, onClose }: { year: number; onClose: () => void }) {
  const { t, locale } = useLocale();
  const detail = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api.get<TCalendarYearDetail>(`/api/calendar/years/${year}`),
  });
  const d = detail.data;
  return (
    <Drawer
      open
      onClose={onClose}
      title={t('calendar.detailTitle', { year })}
      size="large"
      styles={{ wrapper: { maxWidth: '100vw' } }}
      data-testid="calendar-year-drawer"
    >
      {!d ? (
        <PageSpinner />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('calendar.source')}>
              <Tag color={SOURCE_COLORS[d.source]}>{t(`calendar.source.${d.source}`)}</Tag>
            </Descriptions.Item>
            {d.notice && (
              <Descriptions.Item label={t('calendar.notice')}>
                {d.notice.title}（{d.notice.number}，{formatDate(d.notice.issuedOn, locale)}）
              </Descriptions.Item>
            )}
            {d.enteredAt && (
              <Descriptions.Item label={t('calendar.enteredBy')}>
                {d.enteredBy ?? '—'} · {formatDateTime(d.enteredAt)}
              </Descriptions.Item>
            )}
            {d.importedFrom && (
              <Descriptions.Item label={t('calendar.importedFrom')}>{d.importedFrom}</Descriptions.Item>
            )}
            {d.replaceReason && (
              <Descriptions.Item label={t('calendar.replaceReason')}>{d.replaceReason}</Descriptions.Item>
            )}
          </Descriptions>
          {d.holidays.length === 0 && d.workdays.length === 0 ? (
            <Empty description={t('calendar.noHolidays')} />
          ) : (
            <>
              <Typography.Title level={5}>{t('calendar.holidays')}</Typography.Title>
              <Table<TCalendarHoliday>
                rowKey="from"
                size="small"
                pagination={false}
                dataSource={d.holidays}
                style={{ marginBottom: 16 }}
                columns={[
                  { title: t('calendar.holidayName'), dataIndex: 'name' },
                  {
                    title: t('calendar.range'),
                    key: 'range',
                    render: (_, h) =>
                      h.from === h.to
                        ? formatDate(h.from, locale)
                        : `${formatDate(h.from, locale)} – ${formatDate(h.to, locale)}`,
                  },
                  { title: '', key: 'n', width: 70, render: (_, h) => t('calendar.days', { n: dayCount(h) }) },
                ]}
              />
              <Typography.Title level={5}>{t('calendar.workdays')}</Typography.Title>
              <Table<TCalendarWorkday>
                rowKey="day"
                size="small"
                pagination={false}
                dataSource={d.workdays}
                columns={[
                  { title: t('calendar.workday'), dataIndex: 'day', render: (v: string) => formatDate(v, locale) },
                  { title: t('calendar.workdayFor'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
                ]}
              />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
