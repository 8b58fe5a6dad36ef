import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Space } from 'antd';
import { useEffect } from 'react';
import { AUDIT_RETENTION_MIN_DAYS, type TSettings } from '../../../../contracts/setting';
import { useCan } from '../../../access';
import { PageSpinner } from '../../../components/PageResults';
import { useT } from '../../../i18n';
import { api } from '../../../request';
import { showFieldErrors } from '../../../request-error';
import { SettingsTabs } from '../shared/SettingsTabs';
import { BackupCard } from './components/BackupCard';

const MAX_RETENTION_DAYS = 3650;

/** 系统设置: how long the operation log is kept (网络安全法 Art. 21: no less than six months). */
export function SettingsPage() {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TSettings>();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.get<TSettings>('/api/settings') });
  const editable = can('setting.update');

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (body: Partial<TSettings>) => api.patch<TSettings>('/api/settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved);
      message.success(t('common.saved'));
    },
    onError: (error) => showFieldErrors(form, error),
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <SettingsTabs />
        {!editable && <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 16 }} />}
        {settings.isPending ? (
          <PageSpinner />
        ) : (
          <Form<TSettings>
            form={form}
            layout="vertical"
            style={{ maxWidth: 480 }}
            disabled={!editable}
            onFinish={(values) => save.mutate(values)}
            data-testid="settings-form"
          >
            <Form.Item
              name="auditRetentionDays"
              label={t('settings.auditRetentionDays')}
              extra={t('settings.auditRetentionHelp', { min: AUDIT_RETENTION_MIN_DAYS })}
              rules={[
                { required: true, message: t('common.required', { field: t('settings.auditRetentionDays') }) },
                { type: 'integer', min: AUDIT_RETENTION_MIN_DAYS, max: MAX_RETENTION_DAYS },
              ]}
            >
              {/* No min/max here: clamping would silently change what was typed; the rule explains instead. */}
              <InputNumber precision={0} suffix={t('settings.days')} style={{ width: 200 }} />
            </Form.Item>
            {editable && (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            )}
          </Form>
        )}
      </Card>
      {can('backup.read') && <BackupCard />}
    </Space>
  );
}
