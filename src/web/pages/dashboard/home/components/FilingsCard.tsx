import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TDashboard } from '../../../../../contracts/dashboard';
import { useT } from '../../../../i18n';

const RED = { content: { color: '#cf1322' } };
const ORANGE = { content: { color: '#d46b08' } };

/** A figure that opens the list behind it, or just the figure. */
function Figure({ to, testId, children }: { to?: string; testId: string; children: ReactNode }) {
  return (
    <Col flex="1 1 160px" data-testid={testId}>
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

/**
 * 承办企业备案 (Art. 10(三)、(六)) for the caller's scope: filings past their deadline, those waiting for the caller,
 * centres whose county must procure an operator again, and those on file. The first two open the matching tab of
 * the engagement list.
 */
export function FilingsCard({ filings }: { filings: NonNullable<TDashboard['filings']> }) {
  const t = useT();
  return (
    <Card
      title={t('home.filings')}
      extra={<Link to="/engagements">{t('home.centresOpen')}</Link>}
      data-testid="home-filings"
    >
      <Row gutter={[16, 16]}>
        <Figure to="/engagements?tab=overdue" testId="stat-filings-overdue">
          <Statistic
            title={t('home.filings.overdue')}
            value={filings.overdue}
            styles={filings.overdue > 0 ? RED : undefined}
          />
        </Figure>
        <Figure to="/engagements?tab=awaiting" testId="stat-filings-awaiting">
          <Statistic title={t('home.filings.awaiting')} value={filings.awaitingMe} />
        </Figure>
        <Figure testId="stat-filings-reprocurement">
          <Statistic
            title={t('home.filings.reprocurement')}
            value={filings.reprocurementDue}
            styles={filings.reprocurementDue > 0 ? ORANGE : undefined}
          />
        </Figure>
        <Figure testId="stat-filings-filed">
          <Statistic title={t('home.filings.filed')} value={filings.filed} />
        </Figure>
      </Row>
    </Card>
  );
}
