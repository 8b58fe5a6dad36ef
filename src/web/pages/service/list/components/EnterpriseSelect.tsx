import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { TEnterprise } from '../../../../../contracts/enterprise';
import { useT } from '../../../../i18n';
import { api, type ListResponse } from '../../../../request';

interface EnterpriseSelectProps {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** Only enterprises that may be served (approved registrations). */
  approvedOnly?: boolean;
}

/** An enterprise of the caller's scope, found by part of its name or credit code as the user types. */
export function EnterpriseSelect({ value, onChange, approvedOnly = true }: EnterpriseSelectProps) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey: ['enterprises', 'pick', q, approvedOnly],
    queryFn: () =>
      api.get<ListResponse<TEnterprise>>('/api/enterprises', {
        q: q || undefined,
        status: approvedOnly ? 'approved' : undefined,
        pageSize: 20,
      }),
    placeholderData: (previous) => previous,
  });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      value={value}
      onChange={(id) => onChange?.(id)}
      placeholder={t('service.record.enterpriseSearch')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('service.record.enterpriseNone')}
      options={(found.data?.items ?? []).map((e) => ({
        value: e.id,
        label: `${e.name}（${e.creditCode}）`,
      }))}
      data-testid="record-enterprise"
    />
  );
}
