import { useMutation } from '@tanstack/react-query';
import { App, Checkbox, Col, Divider, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import type { TServiceCategory } from '../../../../../contracts/service-category';
import type { TRecordServiceRequest, TServiceRecordDetail } from '../../../../../contracts/service-record';
import { useMe } from '../../../../access';
import { useLocale } from '../../../../i18n';
import { countyOptions, useCities, useCounties } from '../../../../lib/regions';
import { ApiError, api } from '../../../../request';
import { handleApiError, showFieldErrors } from '../../../../request-error';
import { useStaffRoster } from '../../../centre/detail/components/staff/staff-api';
import { useCentreDetail } from '../../../centre/shared/queries';
import { RefusalAlert } from '../../../centre/shared/RefusalAlert';
import { useRefreshServices } from '../../shared/service-api';
import { categoryOptions, channelOptions, subItemOptions } from '../../shared/service-labels';
import { EnterpriseSelect } from './EnterpriseSelect';

type RecordForm = {
  mode: 'existing' | 'new';
  enterpriseId?: number;
  enterprise?: {
    creditCode: string;
    name: string;
    cityCode?: string;
    countyCode: string;
    inPark?: boolean;
    contactPerson: string;
    contactPhone: string;
    hasTradeRecord?: boolean;
  };
  category?: TServiceCategory;
  subItem?: string;
  channel: TRecordServiceRequest['channel'];
  requestText: string;
  assigneeId?: number;
};

/** Refusals that belong under one field of this form. */
const CODE_FIELDS = {
  CREDIT_CODE_INVALID: 'enterprise.creditCode',
  ENTERPRISE_EXISTS: 'enterprise.creditCode',
  ENTERPRISE_NOT_APPROVED: 'enterpriseId',
  ENTERPRISE_NOT_SERVABLE: 'enterprise.creditCode',
  SERVICE_NOT_OFFERED: 'category',
};

interface RecordServiceModalProps {
  onClose: () => void;
  onRecorded: (saved: TServiceRecordDetail) => void;
}

/**
 * 登记服务: centre staff record a service given at the window, online or on site — for an enterprise already on the
 * platform, or one entered here with its particulars (the server finds it by credit code or enters it approved).
 */
export function RecordServiceModal({ onClose, onRecorded }: RecordServiceModalProps) {
  const { t, locale } = useLocale();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordForm>();
  const [refusal, setRefusal] = useState<unknown>(null);
  const refresh = useRefreshServices();
  const centreId = me.scope.centreId ?? -1;
  const centre = useCentreDetail(centreId);
  const roster = useStaffRoster(centreId);
  const cities = useCities();
  const mode = Form.useWatch('mode', form) ?? 'existing';
  const category: TServiceCategory | undefined = Form.useWatch('category', form);
  const cityCode: string | undefined = Form.useWatch(['enterprise', 'cityCode'], form);
  const countyCode: string | undefined = Form.useWatch(['enterprise', 'countyCode'], form);
  const counties = useCounties(cityCode);
  const city = cities.data?.find((c) => c.code === cityCode);
  // A centre offers the categories it declared (Art. 5); before its page loads, all 22 are shown.
  const offered = centre.data?.services.length ? new Set<string>(centre.data.services) : null;

  const save = useMutation({
    meta: { silent: true },
    mutationFn: (body: TRecordServiceRequest) => api.post<TServiceRecordDetail>('/api/service-records', body),
    onMutate: () => setRefusal(null),
    onSuccess: async (saved) => {
      message.success(t('service.record.done', { number: saved.number }));
      await refresh();
      onRecorded(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) {
        handleApiError(error);
        return;
      }
      // A reason that belongs to one field shows under it; anything else above the form.
      if (!showFieldErrors(form, error, CODE_FIELDS)) setRefusal(error);
    },
  });

  const submit = (v: RecordForm) => {
    const e = v.enterprise;
    save.mutate({
      ...(v.mode === 'existing' || !e
        ? { enterpriseId: v.enterpriseId }
        : {
            enterprise: {
              creditCode: e.creditCode.trim().toUpperCase(),
              name: e.name.trim(),
              countyCode: e.countyCode,
              parkId: e.inPark && centre.data ? centre.data.parkId : null,
              contactPerson: e.contactPerson.trim(),
              contactPhone: e.contactPhone.trim(),
              hasTradeRecord: e.hasTradeRecord ?? false,
            },
          }),
      category: v.category as TServiceCategory,
      subItem: v.subItem as string,
      channel: v.channel,
      requestText: v.requestText.trim(),
      assigneeId: v.assigneeId ?? null,
    });
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const chosen = (field: string) => ({ required: true, message: t('common.selectRequired', { field }) });

  return (
    <Modal
      open
      width={720}
      title={t('service.record.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('service.record.submit')}
      okButtonProps={{ 'data-testid': 'record-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <RefusalAlert error={refusal} />
      <Form<RecordForm>
        form={form}
        layout="vertical"
        data-testid="record-form"
        initialValues={{
          mode: 'existing',
          channel: 'window',
          enterprise: { cityCode: centre.data?.cityCode, countyCode: centre.data?.countyCode, inPark: true },
        }}
        onFinish={submit}
      >
        <Form.Item name="mode" label={t('service.record.enterprise')}>
          <Radio.Group
            optionType="button"
            data-testid="record-mode"
            onChange={(e) => {
              // The centre's own county is where most walk-in enterprises sit.
              if (e.target.value === 'new' && centre.data && !form.getFieldValue(['enterprise', 'countyCode'])) {
                form.setFieldValue(['enterprise', 'cityCode'], centre.data.cityCode);
                form.setFieldValue(['enterprise', 'countyCode'], centre.data.countyCode);
              }
            }}
            options={[
              { value: 'existing', label: t('service.record.existing') },
              { value: 'new', label: t('service.record.new') },
            ]}
          />
        </Form.Item>
        {mode === 'existing' ? (
          <Form.Item name="enterpriseId" rules={[chosen(t('service.record.enterprise'))]}>
            <EnterpriseSelect />
          </Form.Item>
        ) : (
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['enterprise', 'creditCode']}
                label={t('enterprise.field.creditCode')}
                rules={[
                  required(t('enterprise.field.creditCode')),
                  { len: 18, message: t('enterprise.creditCodeLength') },
                ]}
              >
                <Input maxLength={18} data-testid="record-credit-code" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['enterprise', 'name']}
                label={t('enterprise.field.name')}
                rules={[required(t('enterprise.field.name')), { min: 4, max: 100 }]}
              >
                <Input maxLength={100} data-testid="record-enterprise-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['enterprise', 'cityCode']} label={t('centre.field.city')}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={cities.isPending}
                  onChange={() => form.setFieldValue(['enterprise', 'countyCode'], undefined)}
                  options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
                  data-testid="record-city"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['enterprise', 'countyCode']}
                label={t('centre.field.county')}
                rules={[chosen(t('centre.field.county'))]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={countyOptions(city, counties.data)}
                  data-testid="record-county"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['enterprise', 'contactPerson']}
                label={t('enterprise.field.contactPerson')}
                rules={[required(t('enterprise.field.contactPerson')), { min: 2, max: 50 }]}
              >
                <Input maxLength={50} data-testid="record-contact" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['enterprise', 'contactPhone']}
                label={t('enterprise.field.contactPhone')}
                rules={[
                  required(t('enterprise.field.contactPhone')),
                  { pattern: /^[0-9+\-() ]{7,20}$/, message: t('enterprise.phoneInvalid') },
                ]}
              >
                <Input maxLength={20} data-testid="record-phone" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              {centre.data && countyCode === centre.data.countyCode && (
                <Form.Item name={['enterprise', 'inPark']} valuePropName="checked">
                  <Checkbox>{t('service.record.inPark', { park: centre.data.parkName })}</Checkbox>
                </Form.Item>
              )}
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['enterprise', 'hasTradeRecord']} valuePropName="checked">
                <Checkbox>{t('enterprise.field.hasTradeRecord')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        )}
        <Divider style={{ margin: '4px 0 16px' }} />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="category"
              label={t('service.field.category')}
              rules={[chosen(t('service.field.category'))]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={categoryOptions(locale).filter((o) => !offered || offered.has(o.value))}
                onChange={() => form.setFieldValue('subItem', undefined)}
                data-testid="record-category"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="subItem" label={t('service.field.subItem')} rules={[chosen(t('service.field.subItem'))]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!category}
                options={subItemOptions(category, locale)}
                data-testid="record-sub-item"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label={t('service.field.channel')} rules={[chosen(t('service.field.channel'))]}>
              <Radio.Group optionType="button" options={channelOptions(t)} data-testid="record-channel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="assigneeId" label={t('service.field.assignee')} extra={t('service.record.assigneeHint')}>
              <Select
                allowClear
                loading={roster.isPending && roster.fetchStatus !== 'idle'}
                options={(roster.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                data-testid="record-assignee"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="requestText"
          label={t('service.field.requestText')}
          rules={[required(t('service.field.requestText')), { max: 2000 }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={t('service.record.requestPlaceholder')}
            data-testid="record-request-text"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
