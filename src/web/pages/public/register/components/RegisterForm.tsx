import { useMutation } from '@tanstack/react-query';
import type { FormRule } from 'antd';
import { Button, Cascader, Col, DatePicker, Form, Input, Row, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { ZNewPassword } from '../../../../../contracts/auth';
import { validateCreditCode } from '../../../../../contracts/credit-code';
import type { TEnterpriseRegistrationRequest } from '../../../../../contracts/enterprise';
import { useLocale } from '../../../../i18n';
import { todayInBeijing } from '../../../../lib/format';
import { ApiError, api } from '../../../../request';
import { handleApiError, showFieldErrors } from '../../../../request-error';
import { regionOptions, regionPath, usePublicParks, usePublicRegions } from './public-reference';

export interface RegistrationResult {
  id: number;
  status: string;
  username: string;
}

interface RegisterFormValues {
  creditCode: string;
  name: string;
  countyCode?: string;
  parkId?: number;
  address?: string;
  contactPerson: string;
  contactPhone: string;
  contactEmail?: string;
  hasTradeRecord: boolean;
  firstTradeOn?: Dayjs;
  password: string;
  confirmPassword: string;
}

/** The server's refusals that are about one field, so that the reason shows where to fix it. */
const CODE_FIELDS = { CREDIT_CODE_INVALID: 'creditCode', ENTERPRISE_EXISTS: 'creditCode' };
/** Same as the contract's phone rule (ZEnterpriseParticulars). */
const PHONE = /^[0-9+\-() ]{7,20}$/;

/**
 * 外贸企业注册: the particulars of ZEnterpriseRegistrationRequest in one form, in sections that read down a phone
 * screen. The credit code's GB 32100 check characters, the phone, the e-mail and the password rule are checked here
 * too, with the server's own rules, so that a typo is caught before the round trip.
 */
export function RegisterForm({ onRegistered }: { onRegistered: (result: RegistrationResult) => void }) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<RegisterFormValues>();
  const regions = usePublicRegions();
  const countyCode = Form.useWatch('countyCode', form);
  const hasTradeRecord = Form.useWatch('hasTradeRecord', form);
  const parks = usePublicParks(countyCode);

  const register = useMutation({
    mutationFn: (body: TEnterpriseRegistrationRequest) =>
      api.post<RegistrationResult>('/api/public/enterprise-registrations', body),
    meta: { silent: true },
    onError: (error) => {
      // A domain refusal about one field names it in details.field (CREDIT_CODE_INVALID, REGION_NOT_COUNTY …).
      const named =
        error instanceof ApiError && typeof error.details?.field === 'string'
          ? { [error.code]: error.details.field }
          : {};
      if (showFieldErrors(form, error, { ...CODE_FIELDS, ...named })) {
        const first = form.getFieldsError().find((f) => f.errors.length > 0);
        if (first) form.scrollToField(first.name, { block: 'center' });
        return;
      }
      handleApiError(error);
    },
    onSuccess: onRegistered,
  });

  const onFinish = (v: RegisterFormValues) => {
    if (!v.countyCode) return;
    register.mutate({
      creditCode: v.creditCode.trim().toUpperCase(),
      name: v.name.trim(),
      countyCode: v.countyCode,
      parkId: v.parkId ?? null,
      address: v.address?.trim() || null,
      contactPerson: v.contactPerson.trim(),
      contactPhone: v.contactPhone.trim(),
      contactEmail: v.contactEmail?.trim() || null,
      hasTradeRecord: v.hasTradeRecord,
      firstTradeOn: v.hasTradeRecord && v.firstTradeOn ? v.firstTradeOn.format('YYYY-MM-DD') : null,
      password: v.password,
    });
  };

  const required = (label: string): FormRule => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field: label }),
  });
  const creditCodeRule: FormRule = {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return;
      const verdict = validateCreditCode(value);
      if (!verdict.ok) throw new Error(verdict.message[locale]);
    },
  };
  const passwordRule: FormRule = {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      const result = ZNewPassword.safeParse(value);
      if (result.success) return;
      throw new Error(
        t(result.error.issues[0]?.message === 'PASSWORD_TOO_SHORT' ? 'password.tooShort' : 'password.tooWeak'),
      );
    },
  };
  const today = dayjs(todayInBeijing());
  const section = (key: 'enterprise' | 'contact' | 'trade' | 'account') => (
    <Typography.Title level={5} style={{ margin: '8px 0 12px' }}>
      {t(`enterprise.register.section.${key}`)}
    </Typography.Title>
  );
  const half = { xs: 24, md: 12 };

  return (
    <Form<RegisterFormValues>
      form={form}
      layout="vertical"
      scrollToFirstError={{ block: 'center' }}
      initialValues={{ hasTradeRecord: false }}
      onFinish={onFinish}
      onValuesChange={(changed: Partial<RegisterFormValues>) => {
        if ('countyCode' in changed) form.setFieldsValue({ parkId: undefined });
      }}
      data-testid="register-form"
    >
      {section('enterprise')}
      <Form.Item
        name="creditCode"
        label={t('enterprise.register.creditCode')}
        extra={t('enterprise.register.creditCodeHint')}
        normalize={(value: string) => value.toUpperCase()}
        validateTrigger="onBlur"
        rules={[required(t('enterprise.register.creditCode')), creditCodeRule]}
      >
        <Input maxLength={18} autoComplete="off" spellCheck={false} data-testid="register-credit-code" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('enterprise.register.name')}
        rules={[
          required(t('enterprise.register.name')),
          { min: 4, message: t('enterprise.register.nameTooShort') },
          { max: 100 },
        ]}
      >
        <Input maxLength={100} autoComplete="organization" data-testid="register-name" />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="countyCode"
            label={t('enterprise.register.county')}
            rules={[
              { required: true, message: t('common.selectRequired', { field: t('enterprise.register.county') }) },
            ]}
            // The form keeps the county code the API takes; the Cascader shows its [city, county] path.
            getValueProps={(code: string | undefined) => ({ value: regionPath(regions.data ?? [], code) })}
            normalize={(path: string[] | undefined) => path?.[path.length - 1]}
          >
            <Cascader
              options={regionOptions(regions.data ?? [])}
              loading={regions.isPending}
              placeholder={t('enterprise.register.countyPlaceholder')}
              showSearch
              expandTrigger="click"
              data-testid="register-county"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="parkId" label={t('enterprise.register.park')}>
            <Select
              allowClear
              disabled={!countyCode}
              loading={parks.isFetching}
              placeholder={t(
                countyCode ? 'enterprise.register.parkPlaceholder' : 'enterprise.register.parkNeedsCounty',
              )}
              options={(parks.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              optionRender={(option) => <div style={{ whiteSpace: 'normal', lineHeight: 1.4 }}>{option.label}</div>}
              data-testid="register-park"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('enterprise.register.address')} rules={[{ max: 200 }]}>
        <Input maxLength={200} autoComplete="street-address" />
      </Form.Item>

      {section('contact')}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="contactPerson"
            label={t('enterprise.register.contactPerson')}
            rules={[required(t('enterprise.register.contactPerson')), { min: 2, max: 50 }]}
          >
            <Input maxLength={50} autoComplete="name" data-testid="register-contact-person" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="contactPhone"
            label={t('enterprise.register.contactPhone')}
            validateTrigger="onBlur"
            rules={[
              required(t('enterprise.register.contactPhone')),
              { pattern: PHONE, message: t('enterprise.register.contactPhoneInvalid') },
            ]}
          >
            <Input type="tel" inputMode="tel" maxLength={20} autoComplete="tel" data-testid="register-contact-phone" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="contactEmail"
        label={t('enterprise.register.contactEmail')}
        validateTrigger="onBlur"
        rules={[{ type: 'email', message: t('enterprise.register.contactEmailInvalid') }, { max: 100 }]}
      >
        <Input type="email" inputMode="email" maxLength={100} autoComplete="email" />
      </Form.Item>

      {section('trade')}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="hasTradeRecord"
            label={t('enterprise.register.hasTradeRecord')}
            extra={t('enterprise.register.hasTradeRecordHint')}
            valuePropName="checked"
          >
            <Switch
              checkedChildren={t('common.yes')}
              unCheckedChildren={t('common.no')}
              data-testid="register-has-trade"
            />
          </Form.Item>
        </Col>
        {hasTradeRecord && (
          <Col {...half}>
            <Form.Item name="firstTradeOn" label={t('enterprise.register.firstTradeOn')}>
              <DatePicker
                style={{ width: '100%' }}
                inputReadOnly
                disabledDate={(day) => day.isAfter(today, 'day')}
                data-testid="register-first-trade-on"
              />
            </Form.Item>
          </Col>
        )}
      </Row>

      {section('account')}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="password"
            label={t('enterprise.register.password')}
            extra={t('password.rule')}
            rules={[required(t('enterprise.register.password')), passwordRule]}
          >
            <Input.Password autoComplete="new-password" data-testid="register-password" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="confirmPassword"
            label={t('enterprise.register.confirmPassword')}
            dependencies={['password']}
            rules={[
              required(t('enterprise.register.confirmPassword')),
              ({ getFieldValue }) => ({
                validator: async (_rule, value: unknown) => {
                  if (!value || value === getFieldValue('password')) return;
                  throw new Error(t('enterprise.register.passwordMismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="register-confirm-password" />
          </Form.Item>
        </Col>
      </Row>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={register.isPending}
        data-testid="register-submit"
      >
        {t('enterprise.register.submit')}
      </Button>
    </Form>
  );
}
