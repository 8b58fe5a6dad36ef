import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAssessmentResult,
  TConsequence,
  TGradeDistribution,
  TTenderPriority,
} from '../../../../contracts/assessment-results';
import { api, type ListResponse, type QueryParams } from '../../../request';

export const RESULTS_KEY = ['assessment-results'] as const;

export function useResults(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [...RESULTS_KEY, 'list', query],
    queryFn: () => api.get<ListResponse<TAssessmentResult>>('/api/assessment/results', query),
    enabled,
  });
}

export function useConsequences(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [...RESULTS_KEY, 'consequences', query],
    queryFn: () => api.get<ListResponse<TConsequence>>('/api/assessment/consequences', query),
    enabled,
  });
}

export function useGradeDistribution(year?: number) {
  return useQuery({
    queryKey: [...RESULTS_KEY, 'distribution', year ?? null],
    queryFn: () => api.get<TGradeDistribution>('/api/assessment/results/distribution', { year }),
  });
}

/** Art. 12(三)(3): the operators preferred on equal terms, by operator id. */
export function useTenderPriorities(enabled = true) {
  return useQuery({
    queryKey: [...RESULTS_KEY, 'tender-priorities'],
    queryFn: () => api.get<{ items: TTenderPriority[] }>('/api/assessment/tender-priorities'),
    select: (d) => new Map(d.items.map((i) => [i.operatorId, i])),
    enabled,
  });
}

export function useConfirmCancellation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; version: number; comment: string }) =>
      api.post<TConsequence>(`/api/assessment/consequences/${v.id}/confirm-cancellation`, {
        version: v.version,
        comment: v.comment,
      }),
    // The operator, its engagements and its centres all changed.
    onSuccess: () => client.invalidateQueries(),
  });
}

/** The server's print page of one centre's result for a year (an official document, in Chinese). */
export const resultSheetUrl = (centreId: number, year: number) => `/api/assessment/results/${centreId}/${year}/print`;
