import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import type { TAction } from '../contracts/access';
import { AppLayout } from './components/AppLayout';
import { NotFoundPage, PageError, PageSpinner } from './components/PageResults';
import { RequirePermission } from './components/RequirePermission';
import { LoginPage } from './pages/auth/login';
import { PublicCentresPage } from './pages/public/centres';

/** A page loaded on first visit (ECharts and the tables stay out of the sign-in bundle), behind its permission. */
function page(action: TAction, load: () => Promise<ComponentType>) {
  return {
    lazy: async () => {
      const Page = await load();
      return {
        element: (
          <RequirePermission action={action}>
            <Page />
          </RequirePermission>
        ),
      };
    },
  };
}

export const router = createBrowserRouter([
  { path: '/login', Component: LoginPage, ErrorBoundary: PageError },
  // Public (SPEC §5): no sign-in, no /api/me, outside the signed-in layout. Bundled with the sign-in page rather
  // than loaded on demand: it is where an anonymous visitor lands, so it should draw without a second round trip.
  { path: '/public/centres', Component: PublicCentresPage, ErrorBoundary: PageError },
  // Art. 14: the blacklist is published too, as a tab of the public directory with its own address.
  { path: '/public/blacklist', element: <PublicCentresPage initialTab="blacklist" />, ErrorBoundary: PageError },
  // Issue 6: an enterprise registers on the public site (credit code checked); the account opens once approved.
  {
    path: '/public/register',
    ErrorBoundary: PageError,
    lazy: async () => ({ Component: (await import('./pages/public/register')).EnterpriseRegisterPage }),
  },
  {
    path: '/',
    Component: AppLayout,
    ErrorBoundary: PageError,
    HydrateFallback: PageSpinner,
    children: [
      { index: true, ...page('dashboard.read', async () => (await import('./pages/dashboard/home')).HomePage) },
      { path: 'regions', ...page('region.read', async () => (await import('./pages/region/list')).RegionListPage) },
      { path: 'parks', ...page('park.read', async () => (await import('./pages/park/list')).ParkListPage) },
      { path: 'centres', ...page('centre.read', async () => (await import('./pages/centre/list')).CentreListPage) },
      {
        path: 'centres/new',
        ...page('centre.create', async () => (await import('./pages/centre/form')).CentreCreatePage),
      },
      {
        path: 'centres/conditions',
        ...page('centre.conditions', async () => (await import('./pages/centre/conditions')).CentreConditionsPage),
      },
      {
        path: 'centres/:id',
        ...page('centre.read', async () => (await import('./pages/centre/detail')).CentreDetailPage),
      },
      {
        path: 'centres/:id/edit',
        ...page('centre.update', async () => (await import('./pages/centre/form')).CentreEditPage),
      },
      {
        path: 'operators',
        ...page('operator.read', async () => (await import('./pages/operator/list')).OperatorListPage),
      },
      {
        path: 'operators/:id',
        ...page('operator.read', async () => (await import('./pages/operator/detail')).OperatorDetailPage),
      },
      {
        path: 'engagements',
        ...page('engagement.read', async () => (await import('./pages/engagement/list')).EngagementListPage),
      },
      {
        path: 'engagements/:id',
        ...page('engagement.read', async () => (await import('./pages/engagement/detail')).EngagementDetailPage),
      },
      {
        path: 'my/services',
        ...page('service.request', async () => (await import('./pages/my-service/list')).MyServiceListPage),
      },
      {
        path: 'my/services/new',
        ...page('service.request', async () => (await import('./pages/my-service/new')).MyServiceRequestPage),
      },
      {
        path: 'my/services/:id',
        ...page('service.request', async () => (await import('./pages/my-service/detail')).MyServiceDetailPage),
      },
      {
        path: 'enterprises',
        ...page('enterprise.read', async () => (await import('./pages/enterprise/list')).EnterpriseListPage),
      },
      {
        path: 'services',
        ...page('serviceStats.read', async () => (await import('./pages/service/list')).ServiceListPage),
      },
      {
        path: 'services/:id',
        ...page('serviceStats.read', async () => (await import('./pages/service/detail')).ServiceDetailPage),
      },
      {
        path: 'rectifications',
        ...page('rectification.read', async () => (await import('./pages/rectification/list')).RectificationListPage),
      },
      // A rectification is read on its service record's page, under its own address so that 差评整改 stays selected.
      {
        path: 'rectifications/:id',
        ...page('rectification.read', async () => (await import('./pages/service/detail')).ServiceDetailPage),
      },
      {
        path: 'service-stats',
        ...page('serviceStats.read', async () => (await import('./pages/service-stats')).ServiceStatsPage),
      },
      {
        path: 'trade',
        ...page('trade.read', async () => (await import('./pages/trade/monitoring')).TradeMonitoringPage),
      },
      {
        path: 'activities',
        ...page('activity.read', async () => (await import('./pages/activity/list')).ActivityListPage),
      },
      {
        path: 'activities/:id',
        ...page('activity.read', async () => (await import('./pages/activity/detail')).ActivityDetailPage),
      },
      {
        path: 'assessment',
        ...page('assessment.read', async () => (await import('./pages/assessment/cycles')).AssessmentPage),
      },
      {
        path: 'assessment/systems',
        ...page('assessment.read', async () => (await import('./pages/assessment/systems')).IndicatorSystemsPage),
      },
      {
        path: 'assessment/systems/:id',
        ...page('assessment.read', async () => (await import('./pages/assessment/system-detail')).IndicatorSystemPage),
      },
      {
        path: 'assessment/submissions/:id',
        ...page('assessment.read', async () => (await import('./pages/assessment/submission')).SubmissionPage),
      },
      {
        path: 'assessment/results',
        ...page('assessment.read', async () => (await import('./pages/assessment/results')).AssessmentResultsPage),
      },
      {
        path: 'funding',
        ...page('funding.read', async () => (await import('./pages/funding')).FundingPage),
      },
      {
        path: 'funding/payments',
        ...page('funding.read', async () => (await import('./pages/funding/payments')).PaymentsPage),
      },
      {
        path: 'funding/use',
        ...page('funding.read', async () => (await import('./pages/funding/use')).FundUsePage),
      },
      {
        path: 'funding/recoveries',
        ...page('funding.read', async () => (await import('./pages/funding/recoveries')).RecoveriesPage),
      },
      {
        path: 'sanctions',
        ...page('sanction.read', async () => (await import('./pages/sanction/list')).SanctionListPage),
      },
      {
        path: 'sanctions/:id',
        ...page('sanction.read', async () => (await import('./pages/sanction/detail')).SanctionDetailPage),
      },
      {
        path: 'messages',
        ...page('message.read', async () => (await import('./pages/message/list')).MessageListPage),
      },
      {
        path: 'exchange',
        ...page('exchange.read', async () => (await import('./pages/exchange')).ExchangePage),
      },
      {
        path: 'trade/declarations',
        ...page('trade.read', async () => (await import('./pages/trade/declarations')).TradeDeclarationsPage),
      },
      {
        path: 'trade/rates',
        ...page('trade.read', async () => (await import('./pages/trade/rates')).TradeRatesPage),
      },
      {
        path: 'assessment/evaluation',
        ...page(
          'assessment.read',
          async () => (await import('./pages/assessment/evaluation-board')).EvaluationBoardPage,
        ),
      },
      {
        path: 'assessment/submissions/:id/evaluation',
        ...page('assessment.read', async () => (await import('./pages/assessment/evaluation')).EvaluationPage),
      },
      { path: 'users', ...page('user.read', async () => (await import('./pages/user/list')).UserListPage) },
      { path: 'audit', ...page('audit.read', async () => (await import('./pages/audit/list')).AuditListPage) },
      {
        path: 'policy/drafts/:id',
        ...page('policy.draft', async () => (await import('./pages/policy/draft')).PolicyDraftPage),
      },
      {
        path: 'policy/city-rules',
        ...page('policy.read', async () => (await import('./pages/policy/city-rules')).CityRulesPage),
      },
      {
        path: 'policy/:version?',
        ...page('policy.read', async () => (await import('./pages/policy/versions')).PolicyPage),
      },
      { path: 'settings', ...page('setting.read', async () => (await import('./pages/setting/system')).SettingsPage) },
      {
        path: 'settings/calendar',
        ...page('calendar.read', async () => (await import('./pages/setting/calendar')).CalendarPage),
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
