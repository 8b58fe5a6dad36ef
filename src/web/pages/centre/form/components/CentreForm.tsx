import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  type TCentre,
  type TCentreDetail,
  type TCentreInput,
  type TCentreStatus,
  type TUpdateCentreDraftRequest,
  VENUE_PROVISIONS,
} from '../../../../../contracts/centre';
import type { TPark } from '../../../../../contracts/park';
import type { TPolicyVersion } from '../../../../../contracts/policy';
import { useT } from '../../../../i18n';
import { ApiError, api, type ListResponse } from '../../../../request';
import { showFieldErrors } from '../../../../request-error';
import { LEVEL_COLOURS, mayHaveSecondCentre } from '../../shared/centre-labels';
import { CENTRES_KEY } from '../../shared/queries';
import { RefusalAlert } from '../../shared/RefusalAlert';
import { SecondCentreFields, SectionTitle } from './SecondCentreFields';
import { ServicesField } from './ServicesField';

type CentreFormValues = Omit<TCentreInput, 'tradingEnterpriseCount' | 'supportStatement'> & {
  tradingEnterpriseCount?: number | null;
  supportStatement?: string | null;
};

/** Refusals that belong to one field: the message is shown under it as well as above the form. */
const CODE_FIELDS = {
  CENTRE_ALREADY_IN_PARK: 'parkId',
  PARK_OUT_OF_SCOPE: 'parkId',
  VENUE_TOO_SMALL: 'venueArea',
  VENUE_NOT_FREE: 'venueFree',
};

// The statuses that hold a park's place under Art. 9(二), as the server counts them: on the way or recognised.
const HOLDS_PLACE: ReadonlySet<TCentreStatus> = new Set([
  'submitted',
  'forwarded',
  'approved',
  'operating',
  'adjusted',
]);

/**
 * The set-up application of Art. 9(三) as the county fills it in: park, venue (Art. 6), reasons, services (Art. 5),
 * contact, and — for a further centre in a national-level 经开区/高新区 — the facts Art. 9(二) asks for. Saving keeps
 * it a draft; the county submits it from the detail page.
 */
export function CentreForm({ centre }: { centre?: TCentreDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CentreFormValues>();
  const [refusal, setRefusal] = useState<unknown>(null);
  const parkId: number | undefined = Form.useWatch('parkId', form);
  const venueArea: number | undefined = Form.useWatch('venueArea', form);
  const venueFree: boolean | undefined = Form.useWatch('venueFree', form);

  const parks = useQuery({
    queryKey: ['parks', 'list', { pageSize: 200, sort: 'name' }],
    queryFn: () => api.get<ListResponse<TPark>>('/api/parks', { pageSize: 200, sort: 'name' }),
  });
  const policy = useQuery({
    queryKey: ['policy', 'versions'],
    queryFn: () => api.get<ListResponse<TPolicyVersion>>('/api/policy/versions'),
  });
  const others = useQuery({
    queryKey: [...CENTRES_KEY, 'list', { parkId, pageSize: 50 }],
    queryFn: () => api.get<ListResponse<TCentre>>('/api/centres', { parkId, pageSize: 50 }),
    enabled: Boolean(parkId),
  });

  const park = parks.data?.items.find((p) => p.id === parkId);
  const params = policy.data?.items.find((v) => v.inForce) ?? policy.data?.items[0];
  const secondAllowed = park ? mayHaveSecondCentre(park.level, park.kind) : false;
  // Art. 6: 80 m² in a national-level 经开区/高新区, 50 m² elsewhere (values from the parameter version in force).
  const minArea =
    params && park ? params.parameters[secondAllowed ? 'venueMinAreaNational' : 'venueMinAreaOther'] : null;
  const existing = (others.data?.items ?? []).filter((c) => c.id !== centre?.id && HOLDS_PLACE.has(c.status));
  const isSecond = existing.length > 0;

  useEffect(() => {
    if (!centre) {
      form.setFieldsValue({ venueFree: true, venueProvision: 'integration' });
      return;
    }
    form.setFieldsValue({
      parkId: centre.parkId,
      name: centre.name,
      venueAddress: centre.venueAddress,
      venueArea: centre.venueArea,
      venueProvision: centre.venueProvision,
      venueFree: centre.venueFree,
      reasons: centre.reasons,
      services: centre.services,
      contactPerson: centre.contactPerson,
      contactPhone: centre.contactPhone,
      tradingEnterpriseCount: centre.tradingEnterpriseCount,
      supportStatement: centre.supportStatement,
    });
  }, [centre, form]);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: (values: CentreFormValues) => {
      const body = {
        ...values,
        tradingEnterpriseCount: secondAllowed ? (values.tradingEnterpriseCount ?? null) : null,
        supportStatement: secondAllowed ? values.supportStatement?.trim() || null : null,
      };
      if (!centre) return api.post<TCentreDetail>('/api/centres', body satisfies TCentreInput);
      const { parkId: _park, ...rest } = body;
      return api.patch<TCentreDetail>(`/api/centres/${centre.id}`, {
        ...rest,
        version: centre.version,
      } satisfies TUpdateCentreDraftRequest);
    },
    onSuccess: (saved) => {
      message.success(t('centre.form.saved', { name: saved.name }));
      queryClient.setQueryData([...CENTRES_KEY, 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: CENTRES_KEY });
      void navigate(`/centres/${saved.id}`);
    },
    onError: (error) => {
      setRefusal(error);
      showFieldErrors(form, error, CODE_FIELDS);
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT' && centre) {
        void queryClient.invalidateQueries({ queryKey: [...CENTRES_KEY, 'detail', centre.id] });
      }
      window.scrollTo({ top: 0, behavior: 'smooth' });
    },
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const select = (field: string) => ({ required: true, message: t('common.selectRequired', { field }) });
  const half = { xs: 24, md: 12 };

  return (
    <Form<CentreFormValues>
      form={form}
      layout="vertical"
      data-testid="centre-form"
      onFinish={(values) => {
        setRefusal(null);
        save.mutate(values);
      }}
      scrollToFirstError
      style={{ maxWidth: 960 }}
    >
      <RefusalAlert error={refusal} />
      <SectionTitle>{t('centre.form.section.basic')}</SectionTitle>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="parkId"
            label={t('centre.field.park')}
            rules={[select(t('centre.field.park'))]}
            extra={centre ? t('centre.form.parkFixed') : undefined}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              disabled={Boolean(centre)}
              loading={parks.isPending}
              placeholder={t('centre.form.parkPlaceholder')}
              options={(parks.data?.items ?? []).map((p) => ({
                value: p.id,
                label: p.name,
                level: p.level,
              }))}
              optionRender={(option) => (
                <Space>
                  {option.label}
                  {option.data.level && (
                    <Tag color={LEVEL_COLOURS[option.data.level]}>{t(`park.level.${option.data.level}`)}</Tag>
                  )}
                </Space>
              )}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="name"
            label={t('centre.field.name')}
            rules={[required(t('centre.field.name')), { min: 4, max: 100 }]}
          >
            <Input maxLength={100} placeholder={t('centre.form.namePlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      {park && (
        <Alert
          style={{ marginBottom: 16 }}
          type={isSecond && !secondAllowed ? 'warning' : 'info'}
          showIcon
          data-testid="park-placement-hint"
          title={
            <Space wrap size={4}>
              {park.name}
              <Tag color={LEVEL_COLOURS[park.level]}>{t(`park.level.${park.level}`)}</Tag>
              <Tag>{t(`park.kind.${park.kind}`)}</Tag>
              {isSecond && t('centre.form.existingCentres', { count: existing.length })}
            </Space>
          }
          description={
            isSecond
              ? t(secondAllowed ? 'centre.form.secondAllowed' : 'centre.form.secondNotAllowed')
              : t('centre.form.firstInPark')
          }
        />
      )}

      <SectionTitle>{t('centre.form.section.venue')}</SectionTitle>
      <Form.Item
        name="venueAddress"
        label={t('centre.field.venueAddress')}
        rules={[required(t('centre.field.venueAddress')), { min: 4, max: 200 }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="venueArea"
            label={t('centre.field.venueArea')}
            rules={[{ required: true, message: t('common.required', { field: t('centre.field.venueArea') }) }]}
            extra={
              minArea !== null && params
                ? t('centre.form.venueHint', { min: minArea, version: params.version })
                : t('centre.form.venueHintGeneric')
            }
            validateStatus={minArea !== null && venueArea !== undefined && venueArea < minArea ? 'warning' : undefined}
            help={
              minArea !== null && venueArea !== undefined && venueArea !== null && venueArea < minArea
                ? t('centre.form.venueBelow', { min: minArea })
                : undefined
            }
          >
            <InputNumber min={0.01} max={100000} precision={2} suffix="m²" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="venueProvision"
            label={t('centre.field.venueProvision')}
            rules={[select(t('centre.field.venueProvision'))]}
          >
            <Select options={VENUE_PROVISIONS.map((p) => ({ value: p, label: t(`centre.provision.${p}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="venueFree"
        valuePropName="checked"
        extra={venueFree === false ? undefined : t('centre.form.venueFreeHint')}
        validateStatus={venueFree === false ? 'warning' : undefined}
        help={venueFree === false ? t('centre.form.venueNotFree') : undefined}
      >
        <Checkbox>{t('centre.field.venueFree')}</Checkbox>
      </Form.Item>

      <SectionTitle>{t('centre.form.section.services')}</SectionTitle>
      <Form.Item
        name="reasons"
        label={t('centre.field.reasons')}
        rules={[required(t('centre.field.reasons')), { min: 10, max: 4000 }]}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('centre.form.reasonsPlaceholder')} />
      </Form.Item>
      <ServicesField name="services" />

      {secondAllowed && <SecondCentreFields isSecond={isSecond} />}

      <SectionTitle>{t('centre.form.section.contact')}</SectionTitle>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="contactPerson"
            label={t('centre.field.contactPerson')}
            rules={[required(t('centre.field.contactPerson')), { min: 2, max: 50 }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="contactPhone"
            label={t('centre.field.contactPhone')}
            rules={[
              required(t('centre.field.contactPhone')),
              { pattern: /^[0-9+\-() ]{7,20}$/, message: t('centre.form.phoneInvalid') },
            ]}
          >
            <Input maxLength={20} placeholder="027-87654321" />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="centre-save">
          {t('centre.form.saveDraft')}
        </Button>
        <Button onClick={() => navigate(centre ? `/centres/${centre.id}` : '/centres')}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
