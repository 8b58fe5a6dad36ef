import { DatePicker, Form, type FormInstance, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMe } from '../../../access';
import { useT } from '../../../i18n';
import { todayInBeijing } from '../../../lib/format';
import { countyOptions, useCities, useCounties } from '../../../lib/regions';

type Range = [Dayjs | null, Dayjs | null] | null;
export type StatsFilterForm = {
  /** Whole months (the figures layer's fast path, decision 0019) or any days. */
  precision?: 'month' | 'day';
  months?: Range;
  period?: Range;
  cityCode?: string;
  countyCode?: string;
};
export type StatsQuery = { from?: string; to?: string; cityCode?: string; countyCode?: string };

/** The presets of whole months on the Beijing calendar: 本月, 本季度, 本年, 上年. */
function monthPresets(
  t: (key: 'stats.preset.month' | 'stats.preset.quarter' | 'stats.preset.year' | 'stats.preset.lastYear') => string,
) {
  const today = dayjs(todayInBeijing());
  const quarterStart = today.month(Math.floor(today.month() / 3) * 3).startOf('month');
  const year = today.startOf('year');
  return [
    { label: t('stats.preset.month'), value: [today.startOf('month'), today.startOf('month')] as [Dayjs, Dayjs] },
    { label: t('stats.preset.quarter'), value: [quarterStart, quarterStart.add(2, 'month')] as [Dayjs, Dayjs] },
    { label: t('stats.preset.year'), value: [year, year.add(11, 'month')] as [Dayjs, Dayjs] },
    {
      label: t('stats.preset.lastYear'),
      value: [year.subtract(1, 'year'), year.subtract(1, 'month')] as [Dayjs, Dayjs],
    },
  ];
}

/** This year by whole months on the Beijing calendar: January to the current month. */
export function thisYear(): StatsFilterForm {
  const today = todayInBeijing();
  return { precision: 'month', months: [dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today).startOf('month')] };
}

/** Months become their first and last days, so the server answers from whole months (no raw rows read). */
export function toStatsQuery(values: StatsFilterForm): StatsQuery {
  const byDay = values.precision === 'day';
  const [from, to] = (byDay ? values.period : values.months) ?? [];
  return {
    from: (byDay ? from : from?.startOf('month'))?.format('YYYY-MM-DD'),
    to: (byDay ? to : to?.endOf('month'))?.format('YYYY-MM-DD'),
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
  const byDay = Form.useWatch('precision', form) === 'day';
  return (
    <>
      <Form.Item name="precision" label={t('stats.field.precision')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'month', label: t('stats.precision.month') },
            { value: 'day', label: t('stats.precision.day') },
          ]}
          data-testid="filter-precision"
        />
      </Form.Item>
      {byDay ? (
        <Form.Item name="period" label={t('stats.field.period')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} data-testid="filter-period" />
        </Form.Item>
      ) : (
        <Form.Item name="months" label={t('stats.field.period')}>
          <DatePicker.RangePicker
            picker="month"
            allowEmpty={[true, true]}
            presets={monthPresets(t)}
            style={{ width: 220 }}
            data-testid="filter-months"
          />
        </Form.Item>
      )}
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
