import { useQuery } from '@tanstack/react-query';
import type { TPublicCentre } from '../../../../contracts/centre';
import type { TServiceRecord, TServiceRecordDetail, TServiceStatus } from '../../../../contracts/service-record';
import { api, type ListResponse } from '../../../request';

/** Everything under this key is the signed-in enterprise's own records; a change refreshes all of it. */
export const MY_SERVICES_KEY = ['my-services'] as const;
export const myServiceKey = (id: number) => [...MY_SERVICES_KEY, 'detail', id] as const;

export interface MyServiceListQuery {
  page: number;
  pageSize: number;
  status?: readonly TServiceStatus[];
  unrated?: 'true';
}

/** GET /api/service-records answers only with the caller's own records when the caller is an enterprise. */
export function useMyServices(query: MyServiceListQuery) {
  return useQuery({
    queryKey: [...MY_SERVICES_KEY, 'list', query],
    queryFn: () =>
      api.get<ListResponse<TServiceRecord>>('/api/service-records', {
        page: query.page,
        pageSize: query.pageSize,
        status: query.status,
        unrated: query.unrated,
      }),
    placeholderData: (previous) => previous,
  });
}

export function useMyService(id: number) {
  return useQuery({
    queryKey: myServiceKey(id),
    queryFn: () => api.get<TServiceRecordDetail>(`/api/service-records/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The whole public directory fits one page (≈150 centres, SPEC §6); only a serving centre takes requests. */
export function useServingCentres() {
  return useQuery({
    queryKey: ['public', 'centres', { pageSize: 200 }],
    queryFn: () => api.get<ListResponse<TPublicCentre>>('/api/public/centres', { pageSize: 200 }),
    select: (data) => data.items.filter((c) => c.serving),
  });
}
