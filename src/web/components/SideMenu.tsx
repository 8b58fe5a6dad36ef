import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FlagOutlined,
  GlobalOutlined,
  HomeOutlined,
  LineChartOutlined,
  MailOutlined,
  MoneyCollectOutlined,
  OrderedListOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  StopOutlined,
  SwapOutlined,
  TeamOutlined,
  TransactionOutlined,
  TrophyOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';

type MenuItem = Required<MenuProps>['items'][number];

import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { TAction, TRole } from '../../contracts/access';
import { useCan, useMe } from '../access';
import { type MessageKey, useT } from '../i18n';

interface Entry {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  action: TAction;
  /** Roles that have the action but reach the same data elsewhere (an enterprise has its own 我的服务). */
  hideFor?: TRole[];
  /** Entries of one group open under one heading (贸易数据), placed where the group's first entry is. */
  group?: MessageKey;
}

const ENTRIES: Entry[] = [
  { key: 'home', path: '/', label: 'menu.home', icon: <HomeOutlined />, action: 'dashboard.read' },
  { key: 'regions', path: '/regions', label: 'menu.regions', icon: <ApartmentOutlined />, action: 'region.read' },
  { key: 'parks', path: '/parks', label: 'menu.parks', icon: <BankOutlined />, action: 'park.read' },
  { key: 'centres', path: '/centres', label: 'menu.centres', icon: <ShopOutlined />, action: 'centre.read' },
  {
    key: 'centreConditions',
    path: '/centres/conditions',
    label: 'menu.centreConditions',
    icon: <WarningOutlined />,
    action: 'centre.conditions',
  },
  {
    key: 'operators',
    path: '/operators',
    label: 'menu.operators',
    icon: <SolutionOutlined />,
    action: 'operator.read',
  },
  {
    key: 'myServices',
    path: '/my/services',
    label: 'menu.myServices',
    icon: <CustomerServiceOutlined />,
    action: 'service.request',
  },
  {
    key: 'services',
    path: '/services',
    label: 'menu.services',
    icon: <CustomerServiceOutlined />,
    action: 'serviceStats.read',
  },
  {
    key: 'enterprises',
    path: '/enterprises',
    label: 'menu.enterprises',
    icon: <GlobalOutlined />,
    action: 'enterprise.read',
    hideFor: ['enterprise'],
  },
  {
    key: 'rectifications',
    path: '/rectifications',
    label: 'menu.rectifications',
    icon: <WarningOutlined />,
    action: 'rectification.read',
  },
  { key: 'activities', path: '/activities', label: 'menu.activities', icon: <FlagOutlined />, action: 'activity.read' },
  { key: 'exchange', path: '/exchange', label: 'menu.exchange', icon: <SwapOutlined />, action: 'exchange.read' },
  {
    key: 'serviceStats',
    path: '/service-stats',
    label: 'menu.serviceStats',
    icon: <BarChartOutlined />,
    action: 'serviceStats.read',
  },
  {
    key: 'tradeMonitoring',
    path: '/trade',
    label: 'menu.tradeMonitoring',
    icon: <LineChartOutlined />,
    action: 'trade.read',
    group: 'menu.group.trade',
  },
  {
    key: 'tradeDeclarations',
    path: '/trade/declarations',
    label: 'menu.tradeDeclarations',
    icon: <TransactionOutlined />,
    action: 'trade.read',
    group: 'menu.group.trade',
  },
  {
    key: 'tradeRates',
    path: '/trade/rates',
    label: 'menu.tradeRates',
    icon: <GlobalOutlined />,
    action: 'trade.read',
    group: 'menu.group.trade',
  },
  {
    key: 'assessment',
    path: '/assessment',
    label: 'menu.assessment',
    icon: <TrophyOutlined />,
    action: 'assessment.read',
    group: 'menu.group.assessment',
  },
  {
    key: 'evaluation',
    path: '/assessment/evaluation',
    label: 'menu.evaluation',
    icon: <ScheduleOutlined />,
    action: 'assessment.read',
    // Art. 12(二)(3): the province runs the evaluation and the agency scores; the others read their grades elsewhere.
    hideFor: ['admin', 'city', 'county', 'park', 'operator'],
    group: 'menu.group.assessment',
  },
  {
    key: 'assessmentSystems',
    path: '/assessment/systems',
    label: 'menu.assessmentSystems',
    icon: <OrderedListOutlined />,
    action: 'assessment.read',
    group: 'menu.group.assessment',
  },
  {
    key: 'assessmentResults',
    path: '/assessment/results',
    label: 'menu.assessmentResults',
    icon: <TrophyOutlined />,
    action: 'assessment.read',
    // The evaluator sees assigned submissions, never published grades (assessmentResultScope).
    hideFor: ['evaluator'],
    group: 'menu.group.assessment',
  },
  {
    key: 'funding',
    path: '/funding',
    label: 'menu.funding',
    icon: <MoneyCollectOutlined />,
    action: 'funding.read',
    group: 'menu.group.funding',
  },
  {
    key: 'fundingPayments',
    path: '/funding/payments',
    label: 'menu.fundingPayments',
    icon: <TransactionOutlined />,
    action: 'funding.read',
    // The operator sees what it was paid on its fund-use page.
    hideFor: ['operator'],
    group: 'menu.group.funding',
  },
  {
    key: 'fundingUse',
    path: '/funding/use',
    label: 'menu.fundingUse',
    icon: <FileDoneOutlined />,
    action: 'funding.read',
    group: 'menu.group.funding',
  },
  {
    key: 'fundingRecoveries',
    path: '/funding/recoveries',
    label: 'menu.fundingRecoveries',
    icon: <WarningOutlined />,
    action: 'funding.read',
    // Art. 14: a sanctioned operator no longer runs a centre; the recoveries are the officials' work.
    hideFor: ['operator'],
    group: 'menu.group.funding',
  },
  {
    key: 'sanctions',
    path: '/sanctions',
    label: 'menu.sanctions',
    icon: <StopOutlined />,
    action: 'sanction.read',
    group: 'menu.group.funding',
  },
  { key: 'messages', path: '/messages', label: 'menu.messages', icon: <MailOutlined />, action: 'message.read' },
  {
    key: 'engagements',
    path: '/engagements',
    label: 'menu.engagements',
    icon: <FileDoneOutlined />,
    action: 'engagement.read',
  },
  { key: 'users', path: '/users', label: 'menu.users', icon: <TeamOutlined />, action: 'user.read' },
  { key: 'audit', path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, action: 'audit.read' },
  { key: 'policy', path: '/policy', label: 'menu.policy', icon: <FileProtectOutlined />, action: 'policy.read' },
  {
    key: 'cityRules',
    path: '/policy/city-rules',
    label: 'menu.cityRules',
    icon: <FileProtectOutlined />,
    action: 'policy.read',
    // Art. 15: read by all, but of use to those who run centres by region; the others see them on /policy.
    hideFor: ['enterprise', 'evaluator', 'operator', 'admin', 'park'],
  },
  { key: 'settings', path: '/settings', label: 'menu.settings', icon: <SettingOutlined />, action: 'setting.read' },
];

function selectedKey(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  if (first === 'my') return 'myServices';
  // A submission's evaluation is reached from the evaluation board, not from the year's cycle page.
  if (/^\/assessment\/submissions\/\d+\/evaluation$/.test(pathname)) return 'evaluation';
  // The longest entry path that the address starts with (/trade/declarations before /trade).
  const match = ENTRIES.filter(
    (e) => e.path !== '/' && (pathname === e.path || pathname.startsWith(`${e.path}/`)),
  ).sort((a, b) => b.path.length - a.path.length)[0];
  return match?.key ?? ENTRIES.find((e) => e.path === `/${first}`)?.key ?? 'home';
}

/** Entries follow the permissions from /api/me; a role sees only what it may open. */
export function SideMenu() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const { pathname } = useLocation();
  const item = (e: Entry) => ({
    key: e.key,
    icon: e.icon,
    label: (
      <Link to={e.path} data-testid={`menu-${e.key}`}>
        {t(e.label)}
      </Link>
    ),
  });
  const shown = ENTRIES.filter((e) => can(e.action) && !e.hideFor?.includes(me.user.role));
  const items: MenuItem[] = [];
  for (const e of shown) {
    if (!e.group) {
      items.push(item(e));
      continue;
    }
    const groupKey = `group-${e.group}`;
    if (items.some((i) => i?.key === groupKey)) continue;
    items.push({
      key: groupKey,
      icon: e.icon,
      label: t(e.group),
      children: shown.filter((g) => g.group === e.group).map(item),
    });
  }
  // Groups start open: a heading is there to gather its entries, not to hide them.
  const groupKeys = items.filter((i) => i && 'children' in i).map((i) => String(i?.key));
  return (
    <Menu theme="dark" mode="inline" selectedKeys={[selectedKey(pathname)]} defaultOpenKeys={groupKeys} items={items} />
  );
}
