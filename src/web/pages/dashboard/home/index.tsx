import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import type { TDashboard } from '../../../../contracts/dashboard';
import { useCan, useMe } from '../../../access';
import { DemoTag } from '../../../components/DemoTag';
import { scopeLabel } from '../../../components/HeaderBar';
import { PageSpinner } from '../../../components/PageResults';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { api } from '../../../request';
import { BackupWarning } from './components/BackupWarning';
import { CalendarWarning } from './components/CalendarWarning';
import { CentreStatsCard } from './components/CentreStatsCard';
import { FilingsCard } from './components/FilingsCard';
import { ParksByCityChart } from './components/ParksByCityChart';
import { MyServicesCard, ServicesCard } from './components/ServicesCard';
import { StatCards } from './components/StatCards';

/** 首页: who you are, what you oversee, and the figures of your scope. */
export function HomePage() {
  const { t, locale } = useLocale();
  const me = useMe();
  const can = useCan();
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<TDashboard>('/api/dashboard') });

  const operator = me.user.role === 'operator';
  // `myServices` is an enterprise's own; `services` is for those who read service figures; null otherwise.
  const myServices = dashboard.data?.myServices;
  const figures = dashboard.data?.services;
  const services = myServices ? (
    <MyServicesCard myServices={myServices} />
  ) : figures ? (
    <ServicesCard services={figures} />
  ) : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card data-testid="welcome-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.user.displayName })}
        </Typography.Title>
        <Space wrap>
          <Tag color="blue">{t(`role.${me.user.role}`)}</Tag>
          <Typography.Text>
            {t('home.roleScope', {
              role: t(`role.${me.user.role}`),
              scope: dashboard.data?.scopeName ?? scopeLabel(me, t),
            })}
          </Typography.Text>
          <Typography.Text type="secondary">{formatDate(new Date().toISOString(), locale)}</Typography.Text>
          {me.user.isDemo && <DemoTag />}
        </Space>
      </Card>
      {can('backup.read') && <BackupWarning />}
      {can('calendar.manage') && <CalendarWarning />}
      {/* A centre's day starts with its open and unrated records (SPEC §5), so for its staff they come first. */}
      {operator && services}
      {can('centre.read') && <CentreStatsCard />}
      {dashboard.isPending && <PageSpinner />}
      {!operator && services}
      {/* Null for roles that do not read engagements. */}
      {dashboard.data?.filings && <FilingsCard filings={dashboard.data.filings} />}
      {dashboard.data && (
        <>
          <StatCards dashboard={dashboard.data} />
          {/* One bar (a city, county or park user) would say nothing the cards do not. */}
          {dashboard.data.parksByCity.length > 1 && (
            <Card title={t('home.parksByCity')}>
              <ParksByCityChart data={dashboard.data.parksByCity} />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
