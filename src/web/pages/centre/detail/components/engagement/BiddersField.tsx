import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import type { TBidder } from '../../../../../../contracts/engagement';
import { useT } from '../../../../../i18n';

export type BidderValues = { name?: string; creditCode?: string; bidAmount?: number | null };

/** The bidders as the form sends them: blanks dropped, codes upper-cased. */
export function biddersOf(values: BidderValues[] | undefined): TBidder[] {
  return (values ?? []).map((b) => ({
    name: (b.name ?? '').trim(),
    creditCode: b.creditCode?.trim().toUpperCase() || null,
    bidAmount: typeof b.bidAmount === 'number' ? b.bidAmount : null,
  }));
}

/** 投标人: everyone who bid, the winner included (the server checks that the winner is among them). */
export function BiddersField() {
  const t = useT();
  return (
    <>
      <Typography.Text strong>{t('engagement.bidders.label')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('engagement.bidders.hint')}
      </Typography.Paragraph>
      <Form.List
        name="bidders"
        rules={[
          {
            validator: async (_rule, value: unknown[] | undefined) => {
              if (!value || value.length === 0) throw new Error(t('engagement.bidders.required'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <Row gutter={8} key={field.key} align="top" data-testid="bidder-line">
                <Col xs={24} md={9}>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('common.required', { field: t('engagement.bidders.name') }),
                      },
                      { min: 2, max: 100 },
                    ]}
                  >
                    <Input maxLength={100} placeholder={t('engagement.bidders.name')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'creditCode']} rules={[{ max: 30 }]}>
                    <Input
                      maxLength={30}
                      placeholder={t('engagement.bidders.creditCodeOptional')}
                      style={{ fontFamily: 'monospace' }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={22} md={6}>
                  <Form.Item name={[field.name, 'bidAmount']}>
                    <InputNumber
                      min={0}
                      max={1e10}
                      style={{ width: '100%' }}
                      placeholder={t('engagement.bidders.bidAmount')}
                      suffix={t('engagement.unit.yuan')}
                    />
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
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ name: '', creditCode: '', bidAmount: null })}
              disabled={fields.length >= 50}
              data-testid="bidder-add"
            >
              {t('engagement.bidders.add')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
