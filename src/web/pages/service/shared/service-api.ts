import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { TServiceAttachment, TServiceRecordDetail } from '../../../../contracts/service-record';
import { uploadFile } from '../../../components/attachment-files';
import { ApiError, api, request } from '../../../request';
import { handleApiError } from '../../../request-error';

/** Every service-record query starts with this key; rectifications and the home figures hang off it too. */
export const SERVICES_KEY = ['service-records'] as const;
export const RECTIFICATIONS_KEY = ['rectifications'] as const;

export function serviceKey(id: number) {
  return [...SERVICES_KEY, 'detail', id] as const;
}

export function useServiceDetail(id: number) {
  return useQuery({
    queryKey: serviceKey(id),
    queryFn: () => api.get<TServiceRecordDetail>(`/api/service-records/${id}`),
    enabled: Number.isInteger(id) && id > 0,
    meta: { silent: true },
  });
}

/** Refusals meaning "what is on screen is out of date": someone else acted first. The page reloads. */
export const STALE_CODES = new Set(['VERSION_CONFLICT', 'INVALID_TRANSITION']);

/** Whatever a service step changed: the record, the lists, the rectifications and the home figures. */
export function useRefreshServices() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: SERVICES_KEY }),
      queryClient.invalidateQueries({ queryKey: RECTIFICATIONS_KEY }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
}

export type TServiceStep = 'accept' | 'progress' | 'assign' | 'complete' | 'cancel';

interface StepCall {
  step: TServiceStep;
  body: Record<string, unknown>;
}

/**
 * One step on a record (受理, 添加进度, 指派, 办结, 撤销). A stale version closes the modal with a warning and reloads the
 * record; other refusals go to `onRefused` so that the modal can show them beside the form.
 */
export function useServiceStep(
  record: TServiceRecordDetail,
  opts: { onDone: () => void; onRefused?: (e: unknown) => void },
) {
  const { message } = App.useApp();
  const refresh = useRefreshServices();
  return useMutation({
    meta: { silent: true },
    mutationFn: ({ step, body }: StepCall) =>
      request<unknown>('POST', `/api/service-records/${record.id}/${step}`, {
        body: { version: record.version, ...body },
      }),
    onSuccess: async () => {
      await refresh();
      opts.onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError && STALE_CODES.has(error.code)) {
        message.warning(error.message);
        void refresh();
        opts.onDone();
        return;
      }
      if (opts.onRefused && !(error instanceof ApiError && error.status === 401)) {
        opts.onRefused(error);
        return;
      }
      handleApiError(error);
    },
  });
}

export function serviceAttachmentUrl(recordId: number, attachmentId: number): string {
  return `/api/service-records/${recordId}/attachments/${attachmentId}`;
}

export function uploadServiceAttachment(recordId: number, file: File): Promise<TServiceAttachment> {
  return uploadFile<TServiceAttachment>(`/api/service-records/${recordId}/attachments`, file);
}
