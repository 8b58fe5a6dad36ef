import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { TTradeMonitoring } from '../../../../../contracts/trade-monitoring';
import { useLocale } from '../../../../i18n';
import { formatNumber } from '../../../../lib/format';
import { type DrillFilters, declarationsHref, formatGrowth, wan } from './format';

/** The year's headline figures, each with its growth on the year before and a link to its declarations. */
export function TradeKpis({ data, drill }: { data: TTradeMonitoring; drill: DrillFilters }) {
  const { t, locale } = useLocale();
  const yoy = (g: number | null) =>
    g === null ? t('trade.monitoring.kpi.noYoy') : t('trade.monitoring.kpi.yoy', { value: formatGrowth(g, locale) });
  const cards = [
    {
      key: 'total',
      title: t('trade.monitoring.kpi.total'),
      value: wan(data.totals.total.cnyFen, locale),
      suffix: t('trade.monitoring.unit.wanYuan'),
      note: yoy(data.growth.total),
      href: declarationsHref(drill),
    },
    {
      key: 'export',
      title: t('trade.monitoring.kpi.export'),
      value: wan(data.totals.export.cnyFen, locale),
      suffix: t('trade.monitoring.unit.wanYuan'),
      note: yoy(data.growth.export),
      href: declarationsHref({ ...drill, direction: 'export' }),
    },
    {
      key: 'import',
      title: t('trade.monitoring.kpi.import'),
      value: wan(data.totals.import.cnyFen, locale),
      suffix: t('trade.monitoring.unit.wanYuan'),
      note: yoy(data.growth.import),
      href: declarationsHref({ ...drill, direction: 'import' }),
    },
    {
      key: 'usd',
      title: t('trade.monitoring.kpi.usd'),
      value: wan(data.totals.total.usdCent, locale),
      suffix: t('trade.monitoring.unit.wanUsd'),
      note: null,
      href: declarationsHref(drill),
    },
    {
      key: 'declarations',
      title: t('trade.monitoring.kpi.declarations'),
      value: formatNumber(data.totals.declarations, locale),
      suffix: t('trade.monitoring.unit.count'),
      note: null,
      href: declarationsHref(drill),
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.key} flex="1 1 180px">
          <Card size="small" data-testid={`trade-kpi-${c.key}`}>
            <Statistic title={c.title} value={c.value} suffix={c.suffix} />
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {c.note ?? '\u00a0'}
            </Typography.Text>
            <Link to={c.href} style={{ fontSize: 12 }}>
              {t('trade.monitoring.kpi.viewDeclarations')}
            </Link>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
