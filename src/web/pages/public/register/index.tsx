import { ShopOutlined } from '@ant-design/icons';
import { Button, Card, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { LangSwitch } from '../../../components/LangSwitch';
import { useLocale } from '../../../i18n';
import { RegisterForm, type RegistrationResult } from './components/RegisterForm';

/**
 * 外贸企业注册 (SPEC §5), on the public site: no sign-in and no /api/me. The registration waits for the local
 * centre's or county bureau's review; the account `enterprise.<credit code>` opens once it is approved.
 */
export function EnterpriseRegisterPage() {
  const { t } = useLocale();
  const [registered, setRegistered] = useState<RegistrationResult | null>(null);

  useEffect(() => {
    document.title = t('enterprise.register.title');
    return () => {
      document.title = t('app.name');
    };
  }, [t]);

  return (
    <div style={{ minHeight: '100vh', background: '#f3f6fa', display: 'flex', flexDirection: 'column' }}>
      <header style={{ background: 'linear-gradient(160deg, #0f2f5c 0%, #1d4f91 100%)', color: '#fff' }}>
        <div
          style={{
            maxWidth: 760,
            margin: '0 auto',
            padding: '12px 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            flexWrap: 'wrap',
          }}
        >
          <Link to="/public/centres" style={{ color: '#fff', fontSize: 14, opacity: 0.9 }}>
            <ShopOutlined style={{ marginInlineEnd: 6 }} />
            {t('app.name')}
          </Link>
          <LangSwitch persist={false} type="default" />
        </div>
        <div style={{ maxWidth: 760, margin: '0 auto', padding: '4px 16px 24px' }}>
          <Typography.Title
            level={1}
            style={{ color: '#fff', margin: 0, fontSize: 'clamp(22px, 6vw, 30px)' }}
            data-testid="register-title"
          >
            {t('enterprise.register.title')}
          </Typography.Title>
          {!registered && (
            <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', margin: '8px 0 0' }}>
              {t('enterprise.register.intro')}
            </Typography.Paragraph>
          )}
        </div>
      </header>

      <main style={{ flex: 1, width: '100%', maxWidth: 760, margin: '0 auto', padding: 12, boxSizing: 'border-box' }}>
        <Card styles={{ body: { padding: 'clamp(12px, 4vw, 24px)' } }}>
          {registered ? (
            <Result
              style={{ overflowWrap: 'anywhere' }}
              status="success"
              title={t('enterprise.register.done.title')}
              subTitle={t('enterprise.register.done.text', { username: registered.username })}
              data-testid="register-done"
              extra={[
                <Link key="login" to="/login">
                  <Button type="primary">{t('enterprise.register.done.login')}</Button>
                </Link>,
                <Link key="centres" to="/public/centres">
                  <Button>{t('enterprise.register.done.centres')}</Button>
                </Link>,
              ]}
            >
              <Typography.Paragraph style={{ textAlign: 'center', margin: 0 }}>
                {t('enterprise.register.done.username')}
                {t('common.colon')}
                <Typography.Text strong copyable data-testid="register-username">
                  {registered.username}
                </Typography.Text>
              </Typography.Paragraph>
            </Result>
          ) : (
            <>
              <RegisterForm
                onRegistered={(result) => {
                  setRegistered(result);
                  window.scrollTo({ top: 0 });
                }}
              />
              <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: '16px 0 0' }}>
                {t('enterprise.register.haveAccount')} <Link to="/login">{t('enterprise.register.signIn')}</Link>
              </Typography.Paragraph>
            </>
          )}
        </Card>
      </main>
      <footer style={{ textAlign: 'center', color: 'rgba(0, 0, 0, 0.6)', padding: 16, fontSize: 12 }}>
        {t('app.footer')}
      </footer>
    </div>
  );
}
