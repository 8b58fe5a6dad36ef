import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMe } from '../../../../access';
import { useLocale } from '../../../../i18n';
import { RegionFilterFields } from '../../shared/RegionFilterFields';
import { categoryOptions, channelOptions, statusOptions } from '../../shared/service-labels';

export type ServiceFilterForm = {
  cityCode?: string;
  countyCode?: string;
  status?: string[];
  category?: string;
  channel?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
  unrated?: boolean;
  q?: string;
};

/** The filter fields of the service-record list; officials above a county also narrow by region. */
export function ServiceFilterFields() {
  const { t, locale } = useLocale();
  const me = useMe();
  const regional = me.scope.kind === 'province' || me.scope.kind === 'all' || me.scope.kind === 'city';
  return (
    <>
      {regional && <RegionFilterFields />}
      <Form.Item name="status" label={t('service.field.status')}>
        <Select
          allowClear
          mode="multiple"
          maxTagCount="responsive"
          style={{ width: 220 }}
          options={statusOptions(t)}
          data-testid="filter-status"
        />
      </Form.Item>
      <Form.Item name="category" label={t('service.field.category')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 190 }}
          options={categoryOptions(locale)}
          data-testid="filter-category"
        />
      </Form.Item>
      <Form.Item name="channel" label={t('service.field.channel')}>
        <Select allowClear style={{ width: 100 }} options={channelOptions(t)} data-testid="filter-channel" />
      </Form.Item>
      <Form.Item name="dates" label={t('service.field.submittedAt')}>
        <DatePicker.RangePicker style={{ width: 250 }} data-testid="filter-dates" />
      </Form.Item>
      <Form.Item name="q" label={t('common.keyword')}>
        <Input allowClear placeholder={t('service.searchPlaceholder')} style={{ width: 200 }} data-testid="filter-q" />
      </Form.Item>
      <Form.Item name="unrated" valuePropName="checked">
        <Checkbox data-testid="filter-unrated">{t('service.filter.unrated')}</Checkbox>
      </Form.Item>
    </>
  );
}
