import { Form, Select } from 'antd';
import { ENGAGEMENT_STATUSES } from '../../../../../contracts/engagement';
import { useMe } from '../../../../access';
import { useT } from '../../../../i18n';
import { useCities } from '../../../../lib/regions';

/** The filter fields of the engagement list: the province picks a city; everyone may pick statuses. */
export function EngagementFilterFields() {
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
      <Form.Item name="status" label={t('engagement.field.status')}>
        <Select
          allowClear
          mode="multiple"
          maxTagCount="responsive"
          style={{ width: 240 }}
          options={ENGAGEMENT_STATUSES.map((s) => ({ value: s, label: t(`engagement.status.${s}`) }))}
          data-testid="filter-status"
        />
      </Form.Item>
    </>
  );
}
