import { useQuery } from '@tanstack/react-query';
import type { TCentreDetail, TCentreStats } from '../../../../contracts/centre';
import { api } from '../../../request';

/** Every centre query starts with this key, so one invalidation refreshes lists, stats and details alike. */
export const CENTRES_KEY = ['centres'] as const;

export function useCentreStats(enabled = true) {
  return useQuery({
    queryKey: [...CENTRES_KEY, 'stats'],
    queryFn: () => api.get<TCentreStats>('/api/centres/stats'),
    enabled,
  });
}

export function useCentreDetail(id: number) {
  return useQuery({
    queryKey: [...CENTRES_KEY, 'detail', id],
    queryFn: () => api.get<TCentreDetail>(`/api/centres/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Recognised / in application / revoked over all cities of the caller's scope. */
export function sumStats(stats: TCentreStats | undefined) {
  const zero = { recognised: 0, inApplication: 0, revoked: 0 };
  if (!stats) return zero;
  return stats.byCity.reduce(
    (sum, c) => ({
      recognised: sum.recognised + c.recognised,
      inApplication: sum.inApplication + c.inApplication,
      revoked: sum.revoked + c.revoked,
    }),
    zero,
  );
}
