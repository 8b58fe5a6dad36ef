import { useQuery } from '@tanstack/react-query';
import type {
  TEngagement,
  TEngagementAttachment,
  TEngagementDetail,
  TEngagementFileKind,
} from '../../../../contracts/engagement';
import { uploadFile } from '../../../components/attachment-files';
import { api, type ListResponse } from '../../../request';

/** Every engagement query starts with this key, so one invalidation refreshes lists and details alike. */
export const ENGAGEMENTS_KEY = ['engagements'] as const;

export function engagementKey(id: number) {
  return [...ENGAGEMENTS_KEY, 'detail', id] as const;
}

export function useEngagementDetail(id: number | undefined) {
  return useQuery({
    queryKey: engagementKey(id ?? 0),
    queryFn: () => api.get<TEngagementDetail>(`/api/engagements/${id}`),
    enabled: id !== undefined && Number.isInteger(id) && id > 0,
  });
}

/** All engagements of one centre, the current one and those that ended (a centre has a handful at most). */
export function useCentreEngagements(centreId: number, enabled: boolean) {
  return useQuery({
    queryKey: [...ENGAGEMENTS_KEY, 'list', { centreId }],
    queryFn: () => api.get<ListResponse<TEngagement>>('/api/engagements', { centreId, pageSize: 200 }),
    enabled,
  });
}

/** One of the seven materials or a piece of evidence, the file itself as the body (as centre attachments are). */
export function uploadEngagementFile(
  engagementId: number,
  kind: TEngagementFileKind,
  file: File,
): Promise<TEngagementAttachment> {
  return uploadFile<TEngagementAttachment>(`/api/engagements/${engagementId}/files?kind=${kind}`, file);
}
