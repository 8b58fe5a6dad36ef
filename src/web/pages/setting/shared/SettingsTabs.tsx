import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useCan } from '../../../access';
import { useT } from '../../../i18n';

/** 系统设置 → 系统参数 | 节假日安排: one header over both pages, each tab shown to whom may open it. */
export function SettingsTabs() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = [
    can('setting.read') && { key: '/settings', label: t('settings.tab.system') },
    can('calendar.read') && { key: '/settings/calendar', label: t('settings.tab.calendar') },
  ].filter((i): i is { key: string; label: string } => Boolean(i));
  return (
    <Tabs
      activeKey={pathname.startsWith('/settings/calendar') ? '/settings/calendar' : '/settings'}
      items={items}
      onChange={(key) => navigate(key)}
      style={{ marginBottom: 8 }}
    />
  );
}
