import { Button, Form, Select, Space } from 'antd';
import { SERVICE_CATEGORIES, type TServiceCategory } from '../../../../../contracts/service-category';
import { useLocale } from '../../../../i18n';
import { serviceOptions } from '../../shared/centre-labels';

/**
 * The Art. 5 categories a centre offers: a multiple select with 全选/清空, since most centres offer most of them.
 * `name` may be nested (['adjustment', 'services']) for the adjustment form.
 */
export function ServicesField({ name, required = true }: { name: string | string[]; required?: boolean }) {
  const { t, locale } = useLocale();
  const form = Form.useFormInstance();
  const setAll = (value: TServiceCategory[]) => {
    form.setFieldValue(name, value);
    void form.validateFields([name]);
  };
  return (
    <Form.Item
      label={
        <Space size={4}>
          {t('centre.field.services')}
          <Button type="link" size="small" data-testid="services-all" onClick={() => setAll([...SERVICE_CATEGORIES])}>
            {t('centre.form.selectAll')}
          </Button>
          <Button type="link" size="small" onClick={() => setAll([])}>
            {t('centre.form.clearAll')}
          </Button>
        </Space>
      }
      required={required}
    >
      <Form.Item
        name={name}
        noStyle
        rules={
          required ? [{ required: true, type: 'array', min: 1, message: t('centre.form.servicesRequired') }] : undefined
        }
      >
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('centre.form.servicesPlaceholder')}
          // The label above also holds the 全选/清空 buttons, so it names the field by itself.
          aria-label={t('centre.field.services')}
          options={serviceOptions(locale)}
        />
      </Form.Item>
    </Form.Item>
  );
}
