import { useQuery } from '@tanstack/react-query';
import type {
  TAgency,
  TEvaluation,
  TEvaluationCycle,
  TEvaluationItem,
} from '../../../../contracts/assessment-evaluation';
import { uploadFile } from '../../../components/attachment-files';
import { api, type ListResponse } from '../../../request';

/** Every evaluation query starts with this key, so one invalidation refreshes the board, the home and the workspace. */
export const EVALUATION_KEY = ['assessment', 'evaluation'] as const;

export function useEvaluationCycles() {
  return useQuery({
    queryKey: [...EVALUATION_KEY, 'cycles'],
    queryFn: () => api.get<{ items: TEvaluationCycle[] }>('/api/assessment/evaluation-cycles'),
  });
}

export function useEvaluations(cycleId: number | undefined) {
  return useQuery({
    queryKey: [...EVALUATION_KEY, 'list', cycleId ?? null],
    queryFn: () => api.get<ListResponse<TEvaluationItem>>('/api/assessment/evaluations', { cycleId, pageSize: 200 }),
  });
}

export function useEvaluation(id: number) {
  return useQuery({
    queryKey: [...EVALUATION_KEY, 'detail', id],
    queryFn: () => api.get<TEvaluation>(`/api/assessment/submissions/${id}/evaluation`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useAgencies(enabled = true) {
  return useQuery({
    queryKey: ['assessment', 'agencies'],
    queryFn: () => api.get<{ items: TAgency[] }>('/api/assessment/agencies'),
    enabled,
  });
}

export function uploadInspectionPhoto(submissionId: number, inspectionId: number, file: File) {
  return uploadFile<{ fileName: string }>(
    `/api/assessment/submissions/${submissionId}/inspections/${inspectionId}/attachments`,
    file,
  );
}

export function inspectionPhotoUrl(submissionId: number, inspectionId: number, fileId: number): string {
  return `/api/assessment/submissions/${submissionId}/inspections/${inspectionId}/attachments/${fileId}`;
}

/** Whole days from Beijing's today to a deadline day (negative once past). */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
