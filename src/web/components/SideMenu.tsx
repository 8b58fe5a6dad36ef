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
  MailOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  TransactionOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
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
}

const ENTRIES: Entry[] = [
  { key: 'home', path: '/', label: 'menu.home', icon: <HomeOutlined />, action: 'dashboard.read' },
  { key: 'regions', path: '/regions', label: 'menu.regions', icon: <ApartmentOutlined />, action: 'region.read' },
  { key: 'parks', path: '/parks', label: 'menu.parks', icon: <BankOutlined />, action: 'park.read' },
  { key: 'centres', path: '/centres', label: 'menu.centres', icon: <ShopOutlined />, action: 'centre.read' },
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
  { key: 'settings', path: '/settings', label: 'menu.settings', icon: <SettingOutlined />, action: 'setting.read' },
];

/**
 * 贸易数据 (issue 13): a group of its own, after 服务统计. Its entries are matched on their whole path (/trade/rates),
 * the others on the first segment.
 */
const TRADE_GROUP = {
  key: 'trade',
  label: 'menu.tradeGroup',
  icon: <TransactionOutlined />,
  after: 'serviceStats',
} as const;
const TRADE_ENTRIES: Entry[] = [
  {
    key: 'tradeDeclarations',
    path: '/trade/declarations',
    label: 'menu.tradeDeclarations',
    icon: <FileDoneOutlined />,
    action: 'trade.read',
  },
  { key: 'tradeRates', path: '/trade/rates', label: 'menu.tradeRates', icon: <GlobalOutlined />, action: 'trade.read' },
];

function selectedKey(pathname: string): string {
  const trade = TRADE_ENTRIES.find((e) => pathname === e.path || pathname.startsWith(`${e.path}/`));
  if (trade) return trade.key;
  const first = pathname.split('/')[1] ?? '';
  if (first === 'my') return 'myServices';
  return ENTRIES.find((e) => e.path === `/${first}`)?.key ?? 'home';
}

/** Entries follow the permissions from /api/me; a role sees only what it may open. */
export function SideMenu() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const { pathname } = useLocation();
  const shown = (e: Entry) => can(e.action) && !e.hideFor?.includes(me.user.role);
  const item = (e: Entry) => ({
    key: e.key,
    icon: e.icon,
    label: (
      <Link to={e.path} data-testid={`menu-${e.key}`}>
        {t(e.label)}
      </Link>
    ),
  });
  const trade = TRADE_ENTRIES.filter(shown).map(item);
  const group = { key: TRADE_GROUP.key, icon: TRADE_GROUP.icon, label: t(TRADE_GROUP.label), children: trade };
  const items: MenuProps['items'] = ENTRIES.filter(shown).flatMap((e) =>
    e.key === TRADE_GROUP.after && trade.length ? [item(e), group] : [item(e)],
  );
  // An enterprise has no 服务统计: the group goes at the end of what it has.
  if (trade.length && !items.some((i) => i?.key === TRADE_GROUP.key)) items.push(group);
  const selected = selectedKey(pathname);
  return (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={TRADE_ENTRIES.some((e) => e.key === selected) ? [TRADE_GROUP.key] : []}
      items={items}
    />
  );
}
