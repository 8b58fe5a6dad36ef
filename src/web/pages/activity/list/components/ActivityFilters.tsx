import { DatePicker, Form, Select } from 'antd';
import { ACTIVITY_KINDS } from '../../../../../contracts/activity';
import { useMe } from '../../../../access';
import { useT } from '../../../../i18n';
import { useCities } from '../../../../lib/regions';

/** Kind and days for everyone; the city for those who see more than one (the province and administrators). */
export function ActivityFilterFields() {
  const t = useT();
  const me = useMe();
  const province = me.scope.kind === 'province' || me.scope.kind === 'all';
  const cities = useCities();
  return (
    <>
      {province && (
        <Form.Item name="cityCode" label={t('centre.field.city')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 150 }}
            loading={cities.isPending}
            options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            data-testid="filter-city"
          />
        </Form.Item>
      )}
      <Form.Item name="kind" label={t('activity.field.kind')}>
        <Select
          allowClear
          style={{ width: 150 }}
          options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activity.kind.${k}`) }))}
          data-testid="filter-kind"
        />
      </Form.Item>
      <Form.Item name="dates" label={t('activity.field.dates')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 250 }} data-testid="filter-dates" />
      </Form.Item>
    </>
  );
}
