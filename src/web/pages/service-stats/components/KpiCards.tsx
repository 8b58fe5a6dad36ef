import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { TServiceStats } from '../../../../contracts/service-record';
import { useLocale } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { formatMean, formatRate } from './stats-format';

/** The scope's headline figures for the period. */
export function KpiCards({ totals }: { totals: TServiceStats['totals'] }) {
  const { t, locale } = useLocale();
  const s = totals.satisfaction;
  const figures = [
    { key: 'total', title: t('stats.kpi.total'), value: formatNumber(totals.total, locale) },
    { key: 'completed', title: t('stats.kpi.completed'), value: formatNumber(totals.completed, locale) },
    {
      key: 'avgResponseHours',
      title: t('stats.kpi.avgResponseHours'),
      value: formatMean(totals.avgResponseHours, locale, 1),
    },
    {
      key: 'avgCompletionHours',
      title: t('stats.kpi.avgCompletionHours'),
      value: formatMean(totals.avgCompletionHours, locale, 1),
    },
    {
      key: 'ratingRate',
      title: t('stats.kpi.ratingRate'),
      value: formatRate(totals.ratingRate, locale),
      note: t('stats.kpi.ratedOf', { rated: s.rated, completed: totals.completed }),
    },
    { key: 'goodRate', title: t('stats.kpi.goodRate'), value: formatRate(s.goodRate, locale) },
    { key: 'averageScore', title: t('stats.kpi.averageScore'), value: formatMean(s.averageScore, locale, 2) },
  ];
  return (
    <Row gutter={[16, 16]}>
      {figures.map((f) => (
        <Col key={f.key} flex="1 1 150px">
          <Card size="small" data-testid={`stats-kpi-${f.key}`}>
            <Statistic title={f.title} value={f.value} />
            {f.note && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.note}
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
