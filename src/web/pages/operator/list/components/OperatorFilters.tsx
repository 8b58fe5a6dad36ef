import { Form, Input, Select } from 'antd';
import { useT } from '../../../../i18n';
import { QUALIFICATION_STATUSES } from '../../shared/operator-labels';

/** The filter fields of the operator list; they live inside the page's FilterBar form. */
export function OperatorFilterFields() {
  const t = useT();
  return (
    <>
      <Form.Item name="qualificationStatus" label={t('operator.field.qualificationStatus')}>
        <Select
          allowClear
          style={{ width: 140 }}
          options={QUALIFICATION_STATUSES.map((s) => ({ value: s, label: t(`operator.status.${s}`) }))}
          data-testid="filter-status"
        />
      </Form.Item>
      <Form.Item name="q" label={t('common.keyword')}>
        <Input allowClear placeholder={t('operator.searchPlaceholder')} style={{ width: 200 }} data-testid="filter-q" />
      </Form.Item>
    </>
  );
}
