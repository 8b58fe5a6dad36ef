import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TDashboard } from '../../../../contracts/dashboard';
import { useCan, useMe } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { PageSpinner } from '../../../components/PageResults';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { api } from '../../../request';
import { GradeDistributionCard } from '../../assessment/shared/GradeDistributionCard';
import { FundingHomeCard } from '../../funding/shared/FundingHomeCard';
import { AssessmentCard } from './components/AssessmentCard';
import { BackupWarning } from './components/BackupWarning';
import { CalendarWarning } from './components/CalendarWarning';
import { EvaluatorTasksCard } from './components/EvaluatorTasksCard';
import { FigureRow } from './components/FigureRow';
import { HomeListCard } from './components/HomeListCard';
import { MessagesCard } from './components/MessagesCard';
import { OverviewTable } from './components/OverviewTable';
import { ParkCentresCard } from './components/ParkCentresCard';

/** Officials answer for a region or a park; the others for their own centre or enterprise, named without "管辖范围". */
const OFFICIALS = new Set(['province', 'city', 'county', 'park']);

/** 首页 (issue 11): who you are, then your own work — what waits for you first, the figures you oversee after. */
export function HomePage() {
  const { t, locale } = useLocale();
  const me = useMe();
  const can = useCan();
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<TDashboard>('/api/dashboard') });
  const d = dashboard.data;
  const role = me.user.role;
  const scope = d?.scopeName;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card data-testid="welcome-card" size="small">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.user.displayName })}
        </Typography.Title>
        <Space wrap>
          <Tag color="blue">{t(`role.${role}`)}</Tag>
          {scope && (
            <Typography.Text data-testid="home-scope">
              {OFFICIALS.has(role)
                ? t('home.scope', { scope })
                : role === 'operator'
                  ? t('home.centreOf', { scope })
                  : scope}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{formatDate(new Date().toISOString(), locale)}</Typography.Text>
          {me.user.isDemo && <DemoTag />}
          {can('service.request') && (
            <Link to="/my/services/new">
              <Button type="primary" size="small" data-testid="home-request-service">
                {t('home.request')}
              </Button>
            </Link>
          )}
        </Space>
      </Card>
      {can('backup.read') && <BackupWarning />}
      {can('calendar.manage') && <CalendarWarning />}
      {dashboard.isPending && <PageSpinner />}
      {d?.assessment && <AssessmentCard a={d.assessment} role={d.role} />}
      {d && <RoleHome d={d} />}
    </Space>
  );
}

/** The home's sections, spaced as the page's own. */
function Stack({ children }: { children: ReactNode }) {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {children}
    </Space>
  );
}

function RoleHome({ d }: { d: TDashboard }) {
  const lists = (d.lists.length > 0 || d.messages) && (
    <Row gutter={[16, 16]}>
      {d.lists.map((list) => (
        <Col key={list.key} xs={24} lg={12}>
          <HomeListCard list={list} />
        </Col>
      ))}
      {d.messages && (
        <Col xs={24} lg={12}>
          <MessagesCard
            messages={d.messages}
            total={d.figures.find((f) => f.key === 'unreadMessages')?.value ?? d.messages.length}
          />
        </Col>
      )}
    </Row>
  );
  // The enterprise's unread count is the messages card's title, not a figure of its own.
  const figures = d.figures.filter((f) => f.key !== 'unreadMessages');
  switch (d.role) {
    case 'province':
      return (
        <Stack>
          {d.overview && <OverviewTable overview={d.overview} drillable />}
          <GradeDistributionCard />
          <FundingHomeCard />
          <FigureRow figures={figures} />
          {lists}
        </Stack>
      );
    case 'city':
      return (
        <Stack>
          {lists}
          <FigureRow figures={figures} />
          {d.overview && <OverviewTable overview={d.overview} drillable={false} />}
          <GradeDistributionCard />
        </Stack>
      );
    case 'park':
      return <ParkCentresCard centres={d.parkCentres ?? []} />;
    case 'evaluator':
      return <EvaluatorTasksCard />;
    default:
      return (
        <Stack>
          {lists}
          <FigureRow figures={figures} />
        </Stack>
      );
  }
}
