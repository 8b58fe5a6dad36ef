import { LockOutlined, ShopOutlined, UserAddOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { TLoginRequest, TMeResponse } from '../../../../contracts/auth';
import type { TLocale } from '../../../../contracts/common';
import { ME_QUERY_KEY } from '../../../access';
import { LangSwitch } from '../../../components/LangSwitch';
import { useLocale } from '../../../i18n';
import { api } from '../../../request';
import { errorMessage } from '../../../request-error';

/** Only same-site paths: `?next=https://elsewhere` must not turn the sign-in page into an open redirect. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t, locale, setLocale } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  // A language picked here, just before signing in, wins over the one saved on the account.
  const pickedHere = useRef<TLocale | null>(null);

  const login = useMutation({
    mutationFn: (body: TLoginRequest) => api.post<TMeResponse>('/api/auth/login', body),
    meta: { silent: true },
    onSuccess: async (me) => {
      let session = me;
      if (pickedHere.current && pickedHere.current !== me.user.locale) {
        await api.put<void>('/api/me/locale', { locale: pickedHere.current }).catch(() => undefined);
        session = { ...me, user: { ...me.user, locale: pickedHere.current } };
      } else if (me.user.locale !== locale) {
        setLocale(me.user.locale);
      }
      queryClient.setQueryData(ME_QUERY_KEY, session);
      await navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  return (
    // The whole sign-in page is its main content (a landmark for screen readers); the platform's name is its heading.
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #0f2f5c 0%, #1d4f91 55%, #e8eef7 55%)',
        padding: 16,
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LangSwitch persist={false} type="default" onSwitch={(next) => (pickedHere.current = next)} />
      </div>
      <Typography.Title level={1} style={{ color: '#fff', marginBottom: 8, textAlign: 'center', fontSize: 30 }}>
        {t('app.name')}
      </Typography.Title>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', marginBottom: 32, textAlign: 'center' }}>
        {t('login.subtitle')}
      </Typography.Text>
      <Card title={t('login.title')} style={{ width: 380, maxWidth: '100%', boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        {login.isError && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(login.error)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<TLoginRequest> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}
          >
            <Input id="username" prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
          >
            <Input.Password id="password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={login.isPending}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.demoNote')}
        </Typography.Paragraph>
      </Card>
      <Space size="large" style={{ marginTop: 20 }} wrap>
        <Link to="/public/centres" data-testid="public-centres-link">
          <ShopOutlined /> {t('login.publicCentres')}
        </Link>
        {/* An enterprise without an account registers first (issue 6); its account opens once approved. */}
        <Link to="/public/register" data-testid="login-register-link">
          <UserAddOutlined /> {t('enterprise.register.link')}
        </Link>
      </Space>
    </main>
  );
}
