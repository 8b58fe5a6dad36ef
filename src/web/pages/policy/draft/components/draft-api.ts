import { useQuery } from '@tanstack/react-query';
import type { TPolicyDraft, TPolicyPreview } from '../../../../../contracts/policy-draft';
import { api, type ListResponse } from '../../../../request';

export const POLICY_KEY = ['policy'] as const;

export function useDrafts(enabled: boolean) {
  return useQuery({
    queryKey: [...POLICY_KEY, 'drafts'],
    queryFn: () => api.get<ListResponse<TPolicyDraft>>('/api/policy/drafts'),
    enabled,
  });
}

export function useDraft(id: number) {
  return useQuery({
    queryKey: [...POLICY_KEY, 'draft', id],
    queryFn: () => api.get<TPolicyDraft>(`/api/policy/drafts/${id}`),
    enabled: id > 0,
  });
}

export function usePreview(id: number, version: number, enabled: boolean) {
  return useQuery({
    // The draft's version in the key: a saved edit makes a new preview.
    queryKey: [...POLICY_KEY, 'preview', id, version],
    queryFn: () => api.get<TPolicyPreview>(`/api/policy/drafts/${id}/preview`),
    enabled,
  });
}
