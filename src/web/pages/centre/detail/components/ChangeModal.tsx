import { Alert, App, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import {
  CHANGE_KINDS,
  type TCentreAdjustment,
  type TCentreDetail,
  type TCreateChangeRequest,
  VENUE_PROVISIONS,
} from '../../../../../contracts/centre';
import { useT } from '../../../../i18n';
import { ServicesField } from '../../form/components/ServicesField';
import { ActionModal } from './ActionModal';
import { useCentreAction } from './use-centre-action';

interface ChangeFormValues {
  kind: TCreateChangeRequest['kind'];
  reason: string;
  adjustment?: TCentreAdjustment;
}

const ADJUSTABLE = [
  'name',
  'venueAddress',
  'venueArea',
  'venueProvision',
  'services',
  'contactPerson',
  'contactPhone',
] as const satisfies readonly (keyof TCentreAdjustment)[];

/** Only what differs from the centre as it is: an adjustment names the fields it changes. */
function changedFields(centre: TCentreDetail, edited: TCentreAdjustment | undefined): TCentreAdjustment {
  const out: Record<string, unknown> = {};
  for (const key of ADJUSTABLE) {
    const value = edited?.[key];
    if (value === undefined || value === null) continue;
    const before = centre[key];
    const same = Array.isArray(value)
      ? JSON.stringify([...value].sort()) === JSON.stringify([...(before as string[])].sort())
      : typeof value === 'string'
        ? value.trim() === String(before)
        : value === before;
    if (!same) out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out as TCentreAdjustment;
}

interface ChangeModalProps {
  centre: TCentreDetail;
  /** The province decides at once and issues the 决定书; a city asks the province (Art. 9(四)). */
  decidesItself: boolean;
  onClose: () => void;
}

/** 申请调整/撤销 (city) or 调整/撤销 (province) of a recognised centre, Art. 9(四). */
export function ChangeModal({ centre, decidesItself, onClose }: ChangeModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeFormValues>();
  const kind = Form.useWatch('kind', form);
  const [nothingChanged, setNothingChanged] = useState(false);
  const { mutation, refusal } = useCentreAction(
    centre.id,
    () => {
      message.success(t(decidesItself ? 'centre.change.applied' : 'centre.change.requested'));
      onClose();
    },
    onClose,
  );

  const onFinish = (values: ChangeFormValues) => {
    const adjustment = values.kind === 'adjustment' ? changedFields(centre, values.adjustment) : undefined;
    if (adjustment && Object.keys(adjustment).length === 0) {
      setNothingChanged(true);
      return;
    }
    setNothingChanged(false);
    mutation.mutate({
      path: `/api/centres/${centre.id}/changes`,
      body: {
        kind: values.kind,
        reason: values.reason.trim(),
        ...(adjustment ? { adjustment } : {}),
        version: centre.version,
      } satisfies TCreateChangeRequest,
    });
  };

  const half = { xs: 24, md: 12 };
  return (
    <ActionModal
      title={`${t(decidesItself ? 'centre.change.decideTitle' : 'centre.change.requestTitle')} · ${centre.name}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      danger={kind === 'revocation'}
      width={720}
    >
      <Alert
        type={decidesItself ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={t(decidesItself ? 'centre.change.provinceHint' : 'centre.change.cityHint')}
      />
      {nothingChanged && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('centre.change.nothingChanged')} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          kind: 'adjustment',
          adjustment: {
            name: centre.name,
            venueAddress: centre.venueAddress,
            venueArea: centre.venueArea,
            venueProvision: centre.venueProvision,
            services: centre.services,
            contactPerson: centre.contactPerson,
            contactPhone: centre.contactPhone,
          },
        }}
      >
        <Form.Item name="kind" label={t('centre.change.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={CHANGE_KINDS.map((k) => ({
              value: k,
              label: <span data-testid={`change-kind-${k}`}>{t(`centre.change.kind.${k}`)}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('centre.change.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('centre.change.reason') }) },
            { min: 4, max: 4000 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('centre.change.reasonPlaceholder')} />
        </Form.Item>
        {kind === 'adjustment' && (
          <>
            <Alert type="info" style={{ marginBottom: 16 }} title={t('centre.change.fieldsHint')} />
            <Row gutter={16}>
              <Col {...half}>
                <Form.Item name={['adjustment', 'name']} label={t('centre.field.name')} rules={[{ min: 4, max: 100 }]}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item
                  name={['adjustment', 'venueAddress']}
                  label={t('centre.field.venueAddress')}
                  rules={[{ min: 4, max: 200 }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['adjustment', 'venueArea']} label={t('centre.field.venueArea')}>
                  <InputNumber min={0.01} max={100000} precision={2} suffix="m²" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['adjustment', 'venueProvision']} label={t('centre.field.venueProvision')}>
                  <Select options={VENUE_PROVISIONS.map((p) => ({ value: p, label: t(`centre.provision.${p}`) }))} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item
                  name={['adjustment', 'contactPerson']}
                  label={t('centre.field.contactPerson')}
                  rules={[{ min: 2, max: 50 }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item
                  name={['adjustment', 'contactPhone']}
                  label={t('centre.field.contactPhone')}
                  rules={[{ pattern: /^[0-9+\-() ]{7,20}$/, message: t('centre.form.phoneInvalid') }]}
                >
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
            </Row>
            <ServicesField name={['adjustment', 'services']} />
          </>
        )}
      </Form>
    </ActionModal>
  );
}
