import { useQuery } from '@tanstack/react-query';
import type { TRegion } from '../../contracts/region';
import { api, type ListResponse } from '../request';

/** Reference data for selects: it changes only with a new GB/T 2260 edition, so it is cached for the session. */
const REFERENCE = { staleTime: Number.POSITIVE_INFINITY, gcTime: 60 * 60 * 1000 };

/** The 17 city-level units of Hubei (13 cities and prefectures, 4 province-administered units). */
export function useCities() {
  return useQuery({
    queryKey: ['regions', 'cities'],
    queryFn: () => api.get<ListResponse<TRegion>>('/api/regions', { level: 'city', sort: 'code', pageSize: 200 }),
    select: (data) => data.items,
    ...REFERENCE,
  });
}

/** Counties of one city. */
export function useCounties(cityCode: string | undefined) {
  return useQuery({
    queryKey: ['regions', 'counties', cityCode],
    queryFn: () =>
      api.get<ListResponse<TRegion>>('/api/regions', {
        level: 'county',
        parentCode: cityCode,
        sort: 'code',
        pageSize: 200,
      }),
    select: (data) => data.items,
    enabled: Boolean(cityCode),
    ...REFERENCE,
  });
}

/**
 * Where a park or a county user may sit in a city: its counties, or — for 仙桃、潜江、天门、神农架林区, which have no
 * counties below them — the unit itself.
 */
export function countyOptions(city: TRegion | undefined, counties: TRegion[] | undefined) {
  if (!city) return [];
  if (city.childCount === 0) return [{ value: city.code, label: city.name }];
  return (counties ?? []).map((c) => ({ value: c.code, label: c.name }));
}
