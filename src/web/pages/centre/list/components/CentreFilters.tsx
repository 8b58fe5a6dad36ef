import { Form, Input, Select } from 'antd';
import { PARK_LEVELS } from '../../../../../contracts/park';
import { useMe } from '../../../../access';
import { useLocale } from '../../../../i18n';
import { countyOptions, useCities, useCounties } from '../../../../lib/regions';
import { statusOptions } from '../../shared/centre-labels';

/**
 * The filter fields of the centre list. The province picks a city and then a county; a city picks among its own
 * counties; a county sees only its own centres, so it gets no region filter.
 */
export function CentreFilterFields() {
  const { t } = useLocale();
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
            style={{ width: 150 }}
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
      <Form.Item name="status" label={t('centre.field.status')}>
        <Select
          allowClear
          mode="multiple"
          maxTagCount="responsive"
          style={{ width: 220 }}
          options={statusOptions(t)}
          data-testid="filter-status"
        />
      </Form.Item>
      <Form.Item name="parkLevel" label={t('centre.field.parkLevel')}>
        <Select
          allowClear
          style={{ width: 110 }}
          options={PARK_LEVELS.map((l) => ({ value: l, label: t(`park.level.${l}`) }))}
          data-testid="filter-level"
        />
      </Form.Item>
      <Form.Item name="q" label={t('common.keyword')}>
        <Input allowClear placeholder={t('centre.searchPlaceholder')} style={{ width: 180 }} data-testid="filter-q" />
      </Form.Item>
    </>
  );
}
