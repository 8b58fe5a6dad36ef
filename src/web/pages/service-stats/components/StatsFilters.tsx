import { DatePicker, Form, type FormInstance, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMe } from '../../../access';
import { useT } from '../../../i18n';
import { todayInBeijing } from '../../../lib/format';
import { countyOptions, useCities, useCounties } from '../../../lib/regions';

export type StatsFilterForm = { period?: [Dayjs | null, Dayjs | null] | null; cityCode?: string; countyCode?: string };
export type StatsQuery = { from?: string; to?: string; cityCode?: string; countyCode?: string };

/** This year so far, on the Beijing calendar: 1 January to today. */
export function thisYear(): StatsFilterForm {
  const today = todayInBeijing();
  return { period: [dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)] };
}

export function toStatsQuery(values: StatsFilterForm): StatsQuery {
  const [from, to] = values.period ?? [];
  return {
    from: from?.format('YYYY-MM-DD'),
    to: to?.format('YYYY-MM-DD'),
    cityCode: values.cityCode || undefined,
    countyCode: values.countyCode || undefined,
  };
}

/**
 * The period for everyone; a city for those who see the whole province (and then one of its counties), a county for
 * a city bureau. The server narrows within the caller's scope whatever is sent.
 */
export function StatsFilterFields({ form }: { form: FormInstance<StatsFilterForm> }) {
  const t = useT();
  const me = useMe();
  const province = me.scope.kind === 'province' || me.scope.kind === 'all';
  const cityUser = me.scope.kind === 'city';
  const cities = useCities();
  const chosenCity = Form.useWatch('cityCode', form);
  const cityCode = province ? chosenCity : cityUser ? (me.scope.regionCode ?? undefined) : undefined;
  const counties = useCounties(cityCode);
  const city = cities.data?.find((c) => c.code === cityCode);
  return (
    <>
      <Form.Item name="period" label={t('stats.field.period')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} data-testid="filter-period" />
      </Form.Item>
      {province && (
        <Form.Item name="cityCode" label={t('stats.field.city')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 150 }}
            loading={cities.isPending}
            options={(cities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            onChange={() => form.setFieldValue('countyCode', undefined)}
            data-testid="filter-city"
          />
        </Form.Item>
      )}
      {(cityUser || (province && cityCode)) && (
        <Form.Item name="countyCode" label={t('stats.field.county')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 150 }}
            loading={cities.isPending || counties.isFetching}
            options={countyOptions(city, counties.data)}
            data-testid="filter-county"
          />
        </Form.Item>
      )}
    </>
  );
}
