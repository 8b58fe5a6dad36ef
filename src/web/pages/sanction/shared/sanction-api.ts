import { useQuery } from '@tanstack/react-query';
import type { TLocale } from '../../../../contracts/common';
import type { TSanction, TSanctionListItem, TSanctionPreview } from '../../../../contracts/sanction';
import { api, type ListResponse, type QueryParams } from '../../../request';

export const SANCTIONS_KEY = ['sanctions'] as const;

export function useSanctions(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [...SANCTIONS_KEY, 'list', query],
    queryFn: () => api.get<ListResponse<TSanctionListItem>>('/api/sanctions', query),
    enabled,
  });
}

export function useSanction(id: number) {
  return useQuery({
    queryKey: [...SANCTIONS_KEY, 'detail', id],
    queryFn: () => api.get<TSanction>(`/api/sanctions/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function fetchPreview(query: { operatorId: number; kind: string; grounds: string[] }) {
  return api.get<TSanctionPreview>('/api/sanctions/preview', { ...query, grounds: query.grounds.join(',') });
}

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Whole fen as the screen says it, by integer arithmetic: 万元 from 1 万元 up in Chinese (as budgets are read),
 * 元 with two decimals otherwise and in English.
 */
export function formatFen(fen: number, locale: TLocale): string {
  if (locale === 'zh-CN' && fen >= 1_000_000) {
    const rest = String(fen % 1_000_000)
      .padStart(6, '0')
      .replace(/0+$/, '');
    return `${group(String(Math.trunc(fen / 1_000_000)))}${rest ? `.${rest}` : ''} 万元`;
  }
  const yuan = `${group(String(Math.trunc(fen / 100)))}.${String(fen % 100).padStart(2, '0')}`;
  return locale === 'en' ? `¥${yuan}` : `${yuan} 元`;
}
