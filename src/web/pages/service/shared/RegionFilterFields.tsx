import { Form, Select } from 'antd';
import { useMe } from '../../../access';
import { useT } from '../../../i18n';
import { countyOptions, useCities, useCounties } from '../../../lib/regions';

/**
 * 市州 and 县（市、区） filters for officials: the province picks a city and then a county; a city picks among its own
 * counties; a county, a park and a centre see one county's records at most, so they get none.
 */
export function RegionFilterFields() {
  const t = useT();
  const me = useMe();
  const form = Form.useFormInstance();
  const province = me.scope.kind === 'province' || me.scope.kind === 'all';
  const ownCity = me.scope.kind === 'city' ? (me.scope.regionCode ?? undefined) : undefined;
  const pickedCity: string | undefined = Form.useWatch('cityCode', form);
  const cityCode = province ? pickedCity : ownCity;
  const cities = useCities();
  const counties = useCounties(cityCode);
  const city = cities.data?.find((c) => c.code === cityCode);
  return (
    <>
      {province && (
        <Form.Item name="cityCode" label={t('centre.field.city')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 140 }}
            loading={cities.isPending}
            onChange={() => form.setFieldValue('countyCode', undefined)}
            options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            data-testid="filter-city"
          />
        </Form.Item>
      )}
      {city && city.childCount > 0 && (
        <Form.Item name="countyCode" label={t('centre.field.county')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 150 }}
            options={countyOptions(city, counties.data)}
            data-testid="filter-county"
          />
        </Form.Item>
      )}
    </>
  );
}
