import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TEntitlement, TMatchingFundInput } from '../../../../contracts/funding';
import type {
  TComputeEntitlementsResponse,
  TFundingFiguresAnswer,
  TMatchingFund,
} from '../../../../contracts/funding-entitlement';
import { api, type ListResponse, type QueryParams } from '../../../request';

export const FUNDING_KEY = ['funding'] as const;

/** The five sums by city or centre, from the funding figures (the latest year unless one is asked). */
export function useFundingFigures(year: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...FUNDING_KEY, 'figures', year ?? null],
    queryFn: () => api.get<TFundingFiguresAnswer>('/api/funding/figures', { year }),
    enabled,
  });
}

export function useEntitlements(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [...FUNDING_KEY, 'entitlements', query],
    queryFn: () => api.get<ListResponse<TEntitlement>>('/api/funding/entitlements', query),
    enabled,
  });
}

export function useMatchingFunds(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [...FUNDING_KEY, 'matching', query],
    queryFn: () => api.get<ListResponse<TMatchingFund>>('/api/funding/matching', query),
    enabled,
  });
}

export function useComputeEntitlements() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (year: number) => api.post<TComputeEntitlementsResponse>('/api/funding/entitlements/compute', { year }),
    onSuccess: () => client.invalidateQueries({ queryKey: FUNDING_KEY }),
  });
}

export function useRecordMatchingFund() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TMatchingFundInput) => api.post<TMatchingFund>('/api/funding/matching', body),
    onSuccess: () => client.invalidateQueries({ queryKey: FUNDING_KEY }),
  });
}
