import { LoginOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Tabs, Typography } from 'antd';
import { type MouseEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { LangSwitch } from '../../../components/LangSwitch';
import { useLocale } from '../../../i18n';
import { CentreDirectory } from './components/CentreDirectory';
import { PublicBlacklist } from './components/PublicBlacklist';
import { PublicFilings } from './components/PublicFilings';

const HEADER_BUTTON = { color: '#fff', borderColor: '#fff' };

/**
 * 湖北省外贸综合服务中心名录 (SPEC §5): the centres the province has recognised and the operator filings it has
 * published (Art. 10(三)), and the blacklist (Art. 14), for anyone, without signing in. It never asks /api/me.
 */
type PublicTab = 'centres' | 'filings' | 'blacklist';

export function PublicCentresPage({ initialTab = 'centres' }: { initialTab?: PublicTab }) {
  const { t } = useLocale();
  const [tab, setTab] = useState<PublicTab>(initialTab);
  const navigate = useNavigate();
  // A plain click stays in the app; a click with a modifier (new tab) is left to the browser.
  const go = (e: MouseEvent, to: string) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void navigate(to);
  };

  // The tab shows the directory's own name while it is open, and the platform's again when the visitor signs in.
  useEffect(() => {
    document.title = t('public.centres.title');
    return () => {
      document.title = t('app.name');
    };
  }, [t]);

  return (
    <div style={{ minHeight: '100vh', background: '#f3f6fa', display: 'flex', flexDirection: 'column' }}>
      <header style={{ background: 'linear-gradient(160deg, #0f2f5c 0%, #1d4f91 100%)', color: '#fff' }}>
        <div
          style={{
            maxWidth: 1200,
            margin: '0 auto',
            padding: '12px 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            flexWrap: 'wrap',
          }}
        >
          <span style={{ fontSize: 14, opacity: 0.9 }}>{t('app.name')}</span>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <LangSwitch persist={false} type="default" />
            {/* Links drawn as buttons: one tab stop each, where a button inside a link made two. */}
            <Button
              href="/public/register"
              onClick={(e) => go(e, '/public/register')}
              type="primary"
              ghost
              style={HEADER_BUTTON}
              icon={<UserAddOutlined />}
              data-testid="public-register-link"
            >
              {t('enterprise.register.link')}
            </Button>
            <Button
              href="/login"
              onClick={(e) => go(e, '/login')}
              type="primary"
              ghost
              style={HEADER_BUTTON}
              icon={<LoginOutlined />}
              data-testid="public-login-link"
            >
              {t('public.centres.signIn')}
            </Button>
          </div>
        </div>
        <div style={{ maxWidth: 1200, margin: '0 auto', padding: '8px 16px 28px' }}>
          <Typography.Title
            level={1}
            style={{ color: '#fff', margin: 0, fontSize: 'clamp(22px, 6vw, 32px)' }}
            data-testid="public-title"
          >
            {t('public.centres.title')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', margin: '8px 0 0' }}>
            {t('public.centres.subtitle')}
          </Typography.Paragraph>
        </div>
      </header>

      <main style={{ flex: 1, width: '100%', maxWidth: 1200, margin: '0 auto', padding: 16, boxSizing: 'border-box' }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key === 'filings' || key === 'blacklist' ? key : 'centres')}
          items={[
            {
              key: 'centres',
              label: <span data-testid="public-tab-centres">{t('public.centres.tab')}</span>,
              children: <CentreDirectory />,
            },
            {
              key: 'filings',
              label: <span data-testid="public-tab-filings">{t('public.filings.tab')}</span>,
              children: <PublicFilings enabled={tab === 'filings'} />,
            },
            {
              key: 'blacklist',
              label: <span data-testid="public-tab-blacklist">{t('public.blacklist.tab')}</span>,
              children: <PublicBlacklist enabled={tab === 'blacklist'} />,
            },
          ]}
        />
      </main>
      <footer style={{ textAlign: 'center', color: 'rgba(0, 0, 0, 0.6)', padding: 16, fontSize: 12 }}>
        {t('app.footer')}
      </footer>
    </div>
  );
}
