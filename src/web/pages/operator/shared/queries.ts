import { useQuery } from '@tanstack/react-query';
import type { TOperatorDetail } from '../../../../contracts/operator';
import { api } from '../../../request';

/** Every operator query starts with this key, so one invalidation refreshes the list and the details alike. */
export const OPERATORS_KEY = ['operators'] as const;

export function useOperatorDetail(id: number) {
  return useQuery({
    queryKey: [...OPERATORS_KEY, 'detail', id],
    queryFn: () => api.get<TOperatorDetail>(`/api/operators/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}
