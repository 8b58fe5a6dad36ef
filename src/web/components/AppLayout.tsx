import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Result, Tag, Typography } from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigation } from 'react-router';
import type { TMeResponse } from '../../contracts/auth';
import { MeContext, useMeQuery } from '../access';
import { type Translate, useLocale } from '../i18n';
import { ApiError } from '../request';
import { errorMessage } from '../request-error';
import { HeaderBar, scopeLabel } from './HeaderBar';
import { PageSpinner } from './PageResults';
import { SideMenu } from './SideMenu';

const { Header, Sider, Content, Footer } = Layout;

/**
 * On a phone the header keeps only what fits 375 px: the menu button, then HeaderBar's own controls as icons (the
 * page title, the account and the button words give way; the account is shown at the top of the menu drawer instead).
 * Scoped to the phone header, so the desktop header is untouched; HeaderBar itself stays as it is.
 */
const COMPACT_HEADER_CSS = `
.hbts-compact-header h4.ant-typography,
.hbts-compact-header [data-testid="current-user"],
.hbts-compact-header .ant-space-item-separator,
.hbts-compact-header .ant-btn > span:not(.ant-btn-icon) { display: none !important; }
.hbts-compact-header .ant-btn { padding-inline: 6px; }
.hbts-compact-header::-webkit-scrollbar { display: none; }
`;

function Brand({ collapsed, t }: { collapsed: boolean; t: Translate }) {
  return (
    <div
      style={{
        height: 64,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        color: '#fff',
        fontWeight: 600,
        fontSize: collapsed ? 14 : 16,
        letterSpacing: 1,
        padding: '0 8px',
        textAlign: 'center',
      }}
    >
      {collapsed ? '鄂' : t('app.shortName')}
    </div>
  );
}

/** Who is signed in, at the top of the phone menu (the compact header has no room for it). */
function DrawerAccount({ me, t }: { me: TMeResponse; t: Translate }) {
  return (
    <div style={{ padding: '0 16px 12px', color: 'rgba(255,255,255,0.85)' }} data-testid="drawer-account">
      <Typography.Text style={{ color: '#fff', display: 'block' }} ellipsis>
        {me.user.displayName}
      </Typography.Text>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, marginTop: 4, minWidth: 0 }}>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t(`role.${me.user.role}`)}
        </Tag>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.65)', fontSize: 12 }} ellipsis>
          {scopeLabel(me, t)}
        </Typography.Text>
      </div>
    </div>
  );
}

/** The signed-in frame: loads /api/me once, then the menu, header and page all read it from MeContext. */
export function AppLayout() {
  const { t, locale, setLocale } = useLocale();
  const me = useMeQuery();
  const location = useLocation();
  const navigation = useNavigation();
  const [collapsed, setCollapsed] = useState(false);
  // Below antd's `md` (768 px) the sider gives way to a drawer opened from the header: trade SMEs mostly use phones.
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);

  // The account remembers its language (PUT /api/me/locale); adopt it once when the session is first loaded.
  const adopted = useRef(false);
  const savedLocale = me.data?.user.locale;
  useEffect(() => {
    if (!savedLocale || adopted.current) return;
    adopted.current = true;
    if (savedLocale !== locale) setLocale(savedLocale);
  }, [savedLocale, locale, setLocale]);

  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
      return <Navigate to={`/login${next}`} replace />;
    }
    return (
      <Result
        status="error"
        title={t('error.page.title')}
        subTitle={errorMessage(me.error)}
        extra={
          <Button type="primary" onClick={() => me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }

  return (
    <MeContext.Provider value={me.data}>
      <Layout style={{ minHeight: '100vh' }}>
        {!phone && (
          <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208}>
            <Brand collapsed={collapsed} t={t} />
            <SideMenu />
          </Sider>
        )}
        {phone && (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={256}
            closable={false}
            styles={{ header: { display: 'none' }, body: { padding: 0, background: '#001529' } }}
            data-testid="mobile-menu-drawer"
          >
            <Brand collapsed={false} t={t} />
            <DrawerAccount me={me.data} t={t} />
            {/* A tap on an entry navigates; the drawer closes with it. */}
            {/* biome-ignore lint/a11y/noStaticElementInteractions: the links inside are the interactive elements */}
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: keyboard activation of a link fires click too */}
            <div onClick={() => setDrawerOpen(false)}>
              <SideMenu />
            </div>
          </Drawer>
        )}
        <Layout>
          {phone ? (
            <Header
              style={{
                background: '#fff',
                padding: '0 4px 0 8px',
                borderBottom: '1px solid #f0f0f0',
                display: 'flex',
                alignItems: 'center',
                gap: 4,
              }}
            >
              <Button
                type="text"
                icon={<MenuOutlined style={{ fontSize: 18 }} />}
                aria-label={t('app.shortName')}
                onClick={() => setDrawerOpen(true)}
                data-testid="mobile-menu"
              />
              <style>{COMPACT_HEADER_CSS}</style>
              <div
                className="hbts-compact-header"
                style={{ flex: '1 1 auto', minWidth: 0, height: '100%', overflowX: 'auto', scrollbarWidth: 'none' }}
              >
                <HeaderBar />
              </div>
            </Header>
          ) : (
            <Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0' }}>
              <HeaderBar />
            </Header>
          )}
          <Content style={{ margin: phone ? 8 : 24, opacity: navigation.state === 'loading' ? 0.6 : 1 }}>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </Content>
          <Footer style={{ textAlign: 'center', color: 'rgba(0, 0, 0, 0.6)', padding: phone ? '12px 8px' : undefined }}>
            {t('app.footer')}
          </Footer>
        </Layout>
      </Layout>
    </MeContext.Provider>
  );
}
