import { useQuery } from '@tanstack/react-query';
import type { TActivityDetail } from '../../../../contracts/activity';
import { uploadFile } from '../../../components/attachment-files';
import { isMessageKey, type Translate } from '../../../i18n';
import { api } from '../../../request';

/** Every activity query starts with this key, so one invalidation refreshes lists and details alike. */
export const ACTIVITIES_KEY = ['activities'] as const;

export type TActivityFile = TActivityDetail['attachments'][number];

export function activityKey(id: number) {
  return [...ACTIVITIES_KEY, 'detail', id] as const;
}

export function useActivityDetail(id: number) {
  return useQuery({
    queryKey: activityKey(id),
    queryFn: () => api.get<TActivityDetail>(`/api/activities/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Evidence goes up as the request body, its name in X-File-Name, as every attachment does. */
export function uploadActivityFile(activityId: number, file: File): Promise<TActivityFile> {
  return uploadFile<TActivityFile>(`/api/activities/${activityId}/attachments`, file);
}

export function activityFileUrl(activityId: number, fileId: number): string {
  return `/api/activities/${activityId}/attachments/${fileId}`;
}

/** 大型培训 for `large_training`; a sub-kind the interface has no words for shows as sent. */
export function subKindLabel(t: Translate, subKind: string | null): string {
  if (!subKind) return '—';
  const key = `activity.subKind.${subKind}`;
  return isMessageKey(key) ? t(key) : subKind;
}
