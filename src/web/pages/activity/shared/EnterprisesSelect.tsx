import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { TEnterprise } from '../../../../contracts/enterprise';
import { useT } from '../../../i18n';
import { api, type ListResponse } from '../../../request';

export type EnterpriseOption = Pick<TEnterprise, 'id' | 'name' | 'creditCode'>;

interface EnterprisesSelectProps {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Enterprises already chosen (when editing), so that their names show before any search. */
  known?: EnterpriseOption[];
}

const label = (e: EnterpriseOption) => `${e.name}（${e.creditCode}）`;

/**
 * Several enterprises of the caller's reach, found by part of the name or credit code as the user types (GET
 * /api/enterprises?q=…, 20 at a time). Names of chosen enterprises are remembered, so a later search that no longer
 * returns them still shows them by name.
 */
export function EnterprisesSelect({ value, onChange, known = [] }: EnterprisesSelectProps) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [seen, setSeen] = useState<Map<number, EnterpriseOption>>(() => new Map(known.map((e) => [e.id, e])));
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  useEffect(() => {
    if (known.length === 0) return;
    setSeen((previous) => new Map([...previous, ...known.map((e) => [e.id, e] as const)]));
  }, [known]);
  const found = useQuery({
    queryKey: ['enterprises', 'pick', q],
    queryFn: () =>
      api.get<ListResponse<EnterpriseOption>>('/api/enterprises', {
        q: q || undefined,
        status: 'approved',
        pageSize: 20,
      }),
    placeholderData: (previous) => previous,
  });
  const results = found.data?.items ?? [];
  const chosen = (value ?? []).map((id) => seen.get(id) ?? { id, name: `#${id}`, creditCode: '' });
  const options = [...chosen, ...results.filter((e) => !value?.includes(e.id))].map((e) => ({
    value: e.id,
    label: e.creditCode ? label(e) : e.name,
  }));
  return (
    <Select<number[]>
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      value={value}
      onChange={(ids) => {
        const fresh = results.filter((e) => ids.includes(e.id) && !seen.has(e.id));
        if (fresh.length > 0) setSeen((previous) => new Map([...previous, ...fresh.map((e) => [e.id, e] as const)]));
        onChange?.(ids);
      }}
      placeholder={t('activity.form.enterprisesHint')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('activity.form.enterprisesNone')}
      options={options}
      maxTagCount="responsive"
      data-testid="activity-enterprises"
    />
  );
}
