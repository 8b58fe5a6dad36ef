import { Alert, Form, Input, InputNumber, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../../i18n';

export function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title
      level={5}
      style={{ margin: '8px 0 16px', paddingBottom: 8, borderBottom: '1px solid #f0f0f0', color: '#1d4f91' }}
    >
      {children}
    </Typography.Title>
  );
}

/**
 * Art. 9(二): a further centre in a national-level 经开区/高新区 must state the number of trading enterprises and the
 * fiscal, venue and equipment support. Shown for such parks; required once the park already has a centre.
 */
export function SecondCentreFields({ isSecond }: { isSecond: boolean }) {
  const t = useT();
  const requiredText = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field }),
  });
  return (
    <>
      <SectionTitle>{t('centre.form.section.second')}</SectionTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={isSecond ? t('centre.form.secondRequired') : t('centre.form.secondOptional')}
      />
      <Form.Item
        name="tradingEnterpriseCount"
        label={t('centre.field.tradingEnterpriseCount')}
        rules={
          isSecond
            ? [
                { required: true, message: t('common.required', { field: t('centre.field.tradingEnterpriseCount') }) },
                // "实绩外贸企业达到较大数量规模": at least some must be stated.
                { type: 'number', min: 1, message: t('centre.form.tradingCountPositive') },
              ]
            : undefined
        }
      >
        <InputNumber min={0} precision={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="supportStatement"
        label={t('centre.field.supportStatement')}
        rules={isSecond ? [requiredText(t('centre.field.supportStatement')), { min: 10, max: 4000 }] : [{ max: 4000 }]}
      >
        <Input.TextArea rows={3} maxLength={4000} placeholder={t('centre.form.supportPlaceholder')} />
      </Form.Item>
    </>
  );
}
