import { Form, Input, Select } from 'antd';
import { PARK_KINDS, PARK_LEVELS } from '../../../../../contracts/park';
import { useT } from '../../../../i18n';
import { countyOptions, useCities, useCounties } from '../../../../lib/regions';

/** The filter fields of the park list; they live inside the page's FilterBar form. */
export function ParkFilterFields() {
  const t = useT();
  const form = Form.useFormInstance();
  const cityCode: string | undefined = Form.useWatch('cityCode', form);
  const cities = useCities();
  const counties = useCounties(cityCode);
  const city = cities.data?.find((c) => c.code === cityCode);
  return (
    <>
      <Form.Item name="cityCode" label={t('parks.city')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
          loading={cities.isPending}
          onChange={() => form.setFieldValue('countyCode', undefined)}
          options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          data-testid="filter-city"
        />
      </Form.Item>
      {city && city.childCount > 0 && (
        <Form.Item name="countyCode" label={t('parks.county')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 160 }}
            options={countyOptions(city, counties.data)}
          />
        </Form.Item>
      )}
      <Form.Item name="level" label={t('parks.level')}>
        <Select
          allowClear
          style={{ width: 120 }}
          options={PARK_LEVELS.map((l) => ({ value: l, label: t(`park.level.${l}`) }))}
          data-testid="filter-level"
        />
      </Form.Item>
      <Form.Item name="kind" label={t('parks.kind')}>
        <Select
          allowClear
          style={{ width: 240 }}
          options={PARK_KINDS.map((k) => ({ value: k, label: t(`park.kind.${k}`) }))}
          data-testid="filter-kind"
        />
      </Form.Item>
      <Form.Item name="q" label={t('common.keyword')}>
        <Input allowClear placeholder={t('parks.searchPlaceholder')} style={{ width: 180 }} data-testid="filter-q" />
      </Form.Item>
    </>
  );
}
