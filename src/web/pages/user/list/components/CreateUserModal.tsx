import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import type { TRole } from '../../../../../contracts/access';
import { ROLES } from '../../../../../contracts/access';
import type { TAgency } from '../../../../../contracts/assessment-evaluation';
import type { TPark } from '../../../../../contracts/park';
import type { TCreateUserRequest, TUser } from '../../../../../contracts/user';
import { useT } from '../../../../i18n';
import { newPasswordRules } from '../../../../lib/password-rules';
import { countyOptions, useCities, useCounties } from '../../../../lib/regions';
import { api, type ListResponse } from '../../../../request';
import { showFieldErrors } from '../../../../request-error';

interface CreateUserValues {
  username: string;
  displayName: string;
  role: TRole;
  password: string;
  cityCode?: string;
  countyCode?: string;
  parkId?: number;
  evaluatorId?: number;
}

/** Which part of the province the new account answers for (SPEC §1): a city, a county or a park. */
function toRequest(values: CreateUserValues): TCreateUserRequest {
  const { cityCode, countyCode, parkId, evaluatorId, ...rest } = values;
  if (values.role === 'city') return { ...rest, regionCode: cityCode };
  if (values.role === 'county') return { ...rest, regionCode: countyCode };
  if (values.role === 'park') return { ...rest, parkId };
  // Art. 12(二)(3): an evaluator account belongs to the agency the province registered.
  if (values.role === 'evaluator') return { ...rest, evaluatorId };
  return rest;
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateUserValues>();
  const role = Form.useWatch('role', form);
  const cityCode = Form.useWatch('cityCode', form);
  const cities = useCities();
  const counties = useCounties(role === 'county' ? cityCode : undefined);
  const parks = useQuery({
    queryKey: ['parks', 'options', cityCode],
    queryFn: () => api.get<ListResponse<TPark>>('/api/parks', { cityCode, sort: 'name', pageSize: 200 }),
    enabled: role === 'park' && Boolean(cityCode),
  });
  const agencies = useQuery({
    queryKey: ['assessment', 'agencies'],
    queryFn: () => api.get<{ items: TAgency[] }>('/api/assessment/agencies'),
    enabled: role === 'evaluator',
  });
  const needsCity = role === 'city' || role === 'county' || role === 'park';

  const create = useMutation({
    mutationFn: (body: TCreateUserRequest) => api.post<TUser>('/api/users', body),
    onSuccess: (user) => {
      message.success(t('users.created', { name: user.displayName }));
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (error) => showFieldErrors(form, error, { USERNAME_TAKEN: 'username' }),
  });

  const selectRequired = (field: string) => ({ required: true, message: t('common.selectRequired', { field }) });
  return (
    <Modal
      title={t('users.createTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      afterClose={() => form.resetFields()}
      forceRender
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={(values) => create.mutate(toRequest(values))}>
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, message: t('common.required', { field: t('users.username') }) },
            { min: 3, max: 64 },
            { pattern: /^[a-zA-Z0-9._-]+$/, message: 'a–z A–Z 0–9 . _ -' },
          ]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[selectRequired(t('users.role'))]}>
          <Select
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            onChange={() =>
              form.setFieldsValue({
                cityCode: undefined,
                countyCode: undefined,
                parkId: undefined,
                evaluatorId: undefined,
              })
            }
          />
        </Form.Item>
        {needsCity && (
          <Form.Item name="cityCode" label={t('users.city')} rules={[selectRequired(t('users.city'))]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={cities.isPending}
              onChange={() => form.setFieldsValue({ countyCode: undefined, parkId: undefined })}
              options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
        )}
        {role === 'county' && (
          <Form.Item name="countyCode" label={t('users.county')} rules={[selectRequired(t('users.county'))]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!cityCode}
              options={countyOptions(
                cities.data?.find((c) => c.code === cityCode),
                counties.data,
              )}
            />
          </Form.Item>
        )}
        {role === 'park' && (
          <Form.Item name="parkId" label={t('users.park')} rules={[selectRequired(t('users.park'))]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!cityCode}
              loading={parks.isFetching}
              options={(parks.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        )}
        {role === 'evaluator' && (
          <Form.Item
            name="evaluatorId"
            label={t('users.agency')}
            extra={t('users.agencyHint')}
            rules={[selectRequired(t('users.agency'))]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={agencies.isFetching}
              options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="password" label={t('users.password')} extra={t('password.rule')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
