import { Button, Layout, Result } from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigation } from 'react-router';
import { MeContext, useMeQuery } from '../access';
import { useLocale } from '../i18n';
import { ApiError } from '../request';
import { errorMessage } from '../request-error';
import { HeaderBar } from './HeaderBar';
import { PageSpinner } from './PageResults';
import { SideMenu } from './SideMenu';

const { Header, Sider, Content, Footer } = Layout;

/** The signed-in frame: loads /api/me once, then the menu, header and page all read it from MeContext. */
export function AppLayout() {
  const { t, locale, setLocale } = useLocale();
  const me = useMeQuery();
  const location = useLocation();
  const navigation = useNavigation();
  const [collapsed, setCollapsed] = useState(false);

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
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208}>
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
          <SideMenu />
        </Sider>
        <Layout>
          <Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0' }}>
            <HeaderBar />
          </Header>
          <Content style={{ margin: 24, opacity: navigation.state === 'loading' ? 0.6 : 1 }}>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </Content>
          <Footer style={{ textAlign: 'center', color: '#8c8c8c' }}>{t('app.footer')}</Footer>
        </Layout>
      </Layout>
    </MeContext.Provider>
  );
}
