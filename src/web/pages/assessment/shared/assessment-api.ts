import { useQuery } from '@tanstack/react-query';
import type {
  TAssessmentCycle,
  TIndicatorSystem,
  TSubmissionDetail,
  TSubmissionListQuery,
  TSubmissionSummary,
} from '../../../../contracts/assessment-cycle';
import { uploadFile } from '../../../components/attachment-files';
import { api } from '../../../request';

/** Every assessment query starts with this key, so one invalidation refreshes lists and details alike. */
export const ASSESSMENT_KEY = ['assessment'] as const;

export type TSystemSummary = Omit<TIndicatorSystem, 'body'>;
export type TSubmissionFile = TSubmissionDetail['attachments'][number];

export function useCycles() {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'cycles'],
    queryFn: () => api.get<{ items: TAssessmentCycle[] }>('/api/assessment/cycles'),
  });
}

export function useSubmissions(q: TSubmissionListQuery, enabled = true) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'submissions', q],
    queryFn: () =>
      api.get<{ items: TSubmissionSummary[]; total: number }>('/api/assessment/submissions', {
        cycleId: q.cycleId,
        status: q.status,
        cityCode: q.cityCode,
      }),
    enabled,
  });
}

export function useSystems() {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'systems'],
    queryFn: () => api.get<{ items: TSystemSummary[] }>('/api/assessment/systems'),
  });
}

export function useSystem(id: number) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'system', id],
    queryFn: () => api.get<TIndicatorSystem>(`/api/assessment/systems/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useSubmission(id: number) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'submission', id],
    queryFn: () => api.get<TSubmissionDetail>(`/api/assessment/submissions/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function uploadSubmissionFile(id: number, file: File): Promise<TSubmissionFile> {
  return uploadFile<TSubmissionFile>(`/api/assessment/submissions/${id}/attachments`, file);
}

export function submissionFileUrl(id: number, fileId: number): string {
  return `/api/assessment/submissions/${id}/attachments/${fileId}`;
}

/** Whole days from `today` to `day` (both YYYY-MM-DD); negative once it has passed. */
export function daysUntil(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export const STATUS_COLOURS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  passed: 'success',
  assigned: 'processing',
  scored: 'processing',
  sent_back: 'warning',
  confirmed: 'success',
  published: 'success',
};
