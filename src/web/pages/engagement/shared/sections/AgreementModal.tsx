import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TEngagementDetail, TFundLine, TRecordAgreementRequest } from '../../../../../contracts/engagement';
import { useLocale } from '../../../../i18n';
import { formatWan } from '../../../../lib/format';
import { ActionModal } from '../../../centre/detail/components/ActionModal';
import { useEngagementAction } from '../use-engagement-action';
import { fundTotal } from './AgreementCard';

interface AgreementValues {
  signedOn: Dayjs;
  agreementNumber: string;
  countyParty: string;
  parkParty: string;
  fundScope: { item: string; amount?: number | null; description?: string }[];
}

/**
 * 登记三方合作协议 (Art. 10(三), 11): the signing date starts the filing deadline; the parties default to the
 * centre's county bureau and park committee; the fund-use scope is listed item by item in 元 with its total in 万元.
 * Before the city reports it, the county may correct what it entered.
 */
export function AgreementModal({ engagement: e, onClose }: { engagement: TEngagementDetail; onClose: () => void }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<AgreementValues>();
  const lines: AgreementValues['fundScope'] | undefined = Form.useWatch('fundScope', form);
  const { mutation, refusal } = useEngagementAction({
    form,
    onDone: (saved) => {
      message.success(t('engagement.agreement.saved', { deadline: saved.filingDeadline ?? '' }));
      onClose();
    },
    onConflict: onClose,
  });

  const initialValues: Partial<AgreementValues> = {
    signedOn: e.signedOn ? dayjs(e.signedOn) : undefined,
    agreementNumber: e.agreementNumber ?? undefined,
    countyParty: e.countyParty ?? t('engagement.agreement.countyPartyDefault', { county: e.countyName }),
    parkParty: e.parkParty ?? t('engagement.agreement.parkPartyDefault', { park: e.parkName }),
    fundScope: e.fundScope.length
      ? e.fundScope.map((l) => ({ item: l.item, amount: l.amount ?? null, description: l.description ?? '' }))
      : [{ item: '', amount: null, description: '' }],
  };

  const onFinish = (v: AgreementValues) => {
    const body: TRecordAgreementRequest = {
      version: e.version,
      signedOn: v.signedOn.format('YYYY-MM-DD'),
      agreementNumber: v.agreementNumber.trim(),
      countyParty: v.countyParty.trim(),
      parkParty: v.parkParty.trim(),
      fundScope: v.fundScope.map(
        (l): TFundLine => ({
          item: l.item.trim(),
          amount: typeof l.amount === 'number' ? l.amount : null,
          description: l.description?.trim() || null,
        }),
      ),
    };
    mutation.mutate({ path: `/api/engagements/${e.id}/agreement`, body });
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <ActionModal
      title={`${t(e.signedOn ? 'engagement.agreement.correct' : 'engagement.agreement.record')} · ${e.centreName}`}
      onCancel={onClose}
      onConfirm={() => form.submit()}
      loading={mutation.isPending}
      refusal={refusal}
      confirmText={t('common.save')}
      confirmTestId="agreement-submit"
      width={760}
    >
      <Typography.Paragraph type="secondary">{t('engagement.agreement.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        data-testid="agreement-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="signedOn"
              label={t('engagement.agreement.signedOn')}
              rules={[
                { required: true, message: t('common.selectRequired', { field: t('engagement.agreement.signedOn') }) },
              ]}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(e.awardedOn), 'day')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="agreementNumber"
              label={t('engagement.agreement.number')}
              rules={[required(t('engagement.agreement.number')), { min: 2, max: 60 }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="countyParty"
              label={t('engagement.agreement.countyParty')}
              rules={[required(t('engagement.agreement.countyParty')), { min: 4, max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="parkParty"
              label={t('engagement.agreement.parkParty')}
              rules={[required(t('engagement.agreement.parkParty')), { min: 4, max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('engagement.agreement.fundScope')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('engagement.agreement.fundHint')}
        </Typography.Paragraph>
        <Form.List name="fundScope">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="top" data-testid="fund-line">
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, 'item']}
                      rules={[required(t('engagement.agreement.fundItem')), { min: 2, max: 100 }]}
                    >
                      <Input maxLength={100} placeholder={t('engagement.agreement.fundItem')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[field.name, 'amount']}>
                      <InputNumber
                        min={0}
                        max={1e10}
                        style={{ width: '100%' }}
                        placeholder={t('engagement.agreement.fundAmount')}
                        suffix={t('engagement.unit.yuan')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={9}>
                    <Form.Item name={[field.name, 'description']} rules={[{ max: 500 }]}>
                      <Input maxLength={500} placeholder={t('engagement.agreement.fundDescription')} />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={1} style={{ paddingTop: 6 }}>
                    {fields.length > 1 && (
                      <MinusCircleOutlined
                        onClick={() => remove(field.name)}
                        aria-label={t('attachment.remove')}
                        style={{ color: 'rgba(0, 0, 0, 0.6)' }}
                      />
                    )}
                  </Col>
                </Row>
              ))}
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ item: '', amount: null, description: '' })}
                  disabled={fields.length >= 50}
                  data-testid="fund-line-add"
                >
                  {t('engagement.agreement.fundAdd')}
                </Button>
                <Typography.Text data-testid="fund-form-total">
                  {t('engagement.agreement.fundTotal')}
                  {t('common.colon')}
                  {formatWan(fundTotal(lines), locale)}
                </Typography.Text>
              </div>
            </>
          )}
        </Form.List>
      </Form>
    </ActionModal>
  );
}
