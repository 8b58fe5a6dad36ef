import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../../i18n';
import { sumStats, useCentreStats } from '../../../centre/shared/queries';

/** 外综服中心 at a glance for the caller's scope: recognised, in application, venue below Art. 6. */
export function CentreStatsCard() {
  const t = useT();
  const stats = useCentreStats();
  const totals = sumStats(stats.data);
  return (
    <Card
      title={t('home.centres')}
      loading={stats.isPending}
      extra={<Link to="/centres">{t('home.centresOpen')}</Link>}
      data-testid="home-centres"
    >
      <Row gutter={[16, 16]}>
        <Col flex="1 1 160px">
          <Statistic
            title={t('centre.stats.recognised')}
            value={totals.recognised}
            data-testid="stat-centres-recognised"
          />
        </Col>
        <Col flex="1 1 160px">
          <Statistic
            title={t('centre.stats.inApplication')}
            value={totals.inApplication}
            data-testid="stat-centres-in-application"
          />
        </Col>
        <Col flex="1 1 160px">
          <Statistic title={t('centre.stats.revoked')} value={totals.revoked} />
        </Col>
        <Col flex="1 1 160px">
          <Statistic
            title={t('centre.stats.venueNonCompliant')}
            value={stats.data?.venueNonCompliant ?? 0}
            styles={{ content: stats.data?.venueNonCompliant ? { color: '#cf1322' } : undefined }}
          />
        </Col>
        <Col flex="1 1 160px">
          <Statistic
            title={t('centre.stats.staffNonCompliant')}
            value={stats.data?.staffNonCompliant ?? 0}
            styles={{ content: stats.data?.staffNonCompliant ? { color: '#cf1322' } : undefined }}
          />
        </Col>
      </Row>
    </Card>
  );
}
