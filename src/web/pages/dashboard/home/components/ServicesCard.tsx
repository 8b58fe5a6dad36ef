import { Button, Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TDashboard } from '../../../../../contracts/dashboard';
import { useCan } from '../../../../access';
import { useT } from '../../../../i18n';

const RED = { content: { color: '#cf1322' } };
const ORANGE = { content: { color: '#d46b08' } };

/** A figure that opens the filtered list behind it. */
function Figure({ to, testId, children }: { to?: string; testId: string; children: ReactNode }) {
  return (
    <Col flex="1 1 150px" data-testid={testId}>
      {to ? (
        <Link to={to} style={{ display: 'block', color: 'inherit' }}>
          {children}
        </Link>
      ) : (
        children
      )}
    </Col>
  );
}

const OPEN = '/services?status=submitted&status=accepted&status=in_progress';

/**
 * 服务记录 (Art. 5, 8) of the caller's scope: what is still open, what waits to be accepted, what is completed but
 * not yet rated, and the rectifications of bad ratings still open or past their deadline — each opening its list.
 */
export function ServicesCard({ services }: { services: NonNullable<TDashboard['services']> }) {
  const t = useT();
  const can = useCan();
  const fixes = can('rectification.read');
  return (
    <Card
      title={t('service.home.title')}
      extra={<Link to="/services">{t('service.home.all')}</Link>}
      data-testid="home-services"
    >
      <Row gutter={[16, 16]}>
        <Figure to={OPEN} testId="stat-services-open">
          <Statistic title={t('service.home.open')} value={services.open} />
        </Figure>
        <Figure to="/services?status=submitted" testId="stat-services-submitted">
          <Statistic
            title={t('service.home.submitted')}
            value={services.submitted}
            styles={services.submitted > 0 ? ORANGE : undefined}
          />
        </Figure>
        <Figure to="/services?unrated=true" testId="stat-services-unrated">
          <Statistic title={t('service.home.unrated')} value={services.unrated} />
        </Figure>
        <Figure to={fixes ? '/rectifications' : undefined} testId="stat-rectifications-open">
          <Statistic title={t('service.home.openRectifications')} value={services.openRectifications} />
        </Figure>
        <Figure to={fixes ? '/rectifications?overdue=true' : undefined} testId="stat-rectifications-overdue">
          <Statistic
            title={t('service.home.overdueRectifications')}
            value={services.overdueRectifications}
            styles={services.overdueRectifications > 0 ? RED : undefined}
          />
        </Figure>
      </Row>
    </Card>
  );
}

/** An enterprise's own requests (SPEC §5 "my requests"): still open, and completed ones waiting for its rating. */
export function MyServicesCard({ myServices }: { myServices: NonNullable<TDashboard['myServices']> }) {
  const t = useT();
  const can = useCan();
  return (
    <Card
      title={t('service.home.myTitle')}
      extra={
        can('service.request') && (
          <Link to="/my/services/new">
            <Button type="primary" size="small" data-testid="home-request-service">
              {t('service.home.request')}
            </Button>
          </Link>
        )
      }
      data-testid="home-my-services"
    >
      <Row gutter={[16, 16]}>
        <Figure to="/my/services" testId="stat-my-open">
          <Statistic title={t('service.home.myOpen')} value={myServices.open} />
        </Figure>
        <Figure to="/my/services" testId="stat-my-to-rate">
          <Statistic
            title={t('service.home.toRate')}
            value={myServices.toRate}
            styles={myServices.toRate > 0 ? ORANGE : undefined}
          />
        </Figure>
      </Row>
      <div style={{ marginTop: 12 }}>
        <Link to="/my/services" data-testid="home-my-services-link">
          {t('service.home.myAll')}
        </Link>
      </div>
    </Card>
  );
}
