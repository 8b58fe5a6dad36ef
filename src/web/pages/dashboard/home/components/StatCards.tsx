import { Card, Col, Row, Statistic } from 'antd';
import type { TDashboard } from '../../../../../contracts/dashboard';
import { useT } from '../../../../i18n';

interface Figure {
  key: string;
  title: string;
  value: number;
}

export function StatCards({ dashboard }: { dashboard: TDashboard }) {
  const t = useT();
  const figures: Figure[] = [
    { key: 'parks', title: t('home.parkCount'), value: dashboard.parkCount },
    { key: 'national', title: t('home.national'), value: dashboard.parksByLevel.national },
    { key: 'provincial', title: t('home.provincial'), value: dashboard.parksByLevel.provincial },
    { key: 'other', title: t('home.other'), value: dashboard.parksByLevel.other },
    { key: 'regions', title: t('home.regionCount'), value: dashboard.regionCount },
  ];
  // Null means "not for your role" (SPEC: users and the log are the administrator's and the province's business).
  if (dashboard.userCount !== null)
    figures.push({ key: 'users', title: t('home.userCount'), value: dashboard.userCount });
  if (dashboard.auditEntriesToday !== null) {
    figures.push({ key: 'audit', title: t('home.auditToday'), value: dashboard.auditEntriesToday });
  }
  return (
    <Row gutter={[16, 16]}>
      {figures.map((f) => (
        <Col key={f.key} flex="1 1 160px">
          <Card data-testid={`stat-${f.key}`}>
            <Statistic title={f.title} value={f.value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
