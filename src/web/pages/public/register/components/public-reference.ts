import { useQuery } from '@tanstack/react-query';
import { api, type ListResponse } from '../../../../request';

/** A region as GET /api/public/regions gives it: Hubei's cities and counties (GB/T 2260). */
export interface TPublicRegion {
  code: string;
  name: string;
  level: 'city' | 'county';
  parentCode: string | null;
}

/** A park as GET /api/public/parks?countyCode= gives it. */
export interface TPublicPark {
  id: number;
  name: string;
  countyCode: string;
  level: string;
}

/** The public reference routes answer with a bare array; a `{ items }` page is read the same way. */
function itemsOf<T>(data: T[] | ListResponse<T>): T[] {
  return Array.isArray(data) ? data : data.items;
}

/** Reference data: it changes with a new GB/T 2260 edition or a new park, so it is kept for the visit. */
const REFERENCE = { staleTime: Number.POSITIVE_INFINITY, gcTime: 60 * 60 * 1000 };

export function usePublicRegions() {
  return useQuery({
    queryKey: ['public', 'regions'],
    queryFn: () => api.get<TPublicRegion[] | ListResponse<TPublicRegion>>('/api/public/regions'),
    select: itemsOf,
    ...REFERENCE,
  });
}

export function usePublicParks(countyCode: string | undefined) {
  return useQuery({
    queryKey: ['public', 'parks', countyCode],
    queryFn: () => api.get<TPublicPark[] | ListResponse<TPublicPark>>('/api/public/parks', { countyCode }),
    select: itemsOf,
    enabled: Boolean(countyCode),
    ...REFERENCE,
  });
}

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

/**
 * City → county options for a Cascader. A city-level unit without counties (仙桃、潜江、天门、神农架林区) is itself
 * the place an enterprise sits, so it is a leaf.
 */
export function regionOptions(regions: TPublicRegion[]): RegionOption[] {
  const cities = regions.filter((r) => r.level === 'city');
  return cities.map((city) => {
    const counties = regions.filter((r) => r.level === 'county' && r.parentCode === city.code);
    return {
      value: city.code,
      label: city.name,
      children: counties.length > 0 ? counties.map((c) => ({ value: c.code, label: c.name })) : undefined,
    };
  });
}

/** The Cascader path of a county code: [city, county], or [unit] for a city-level unit without counties. */
export function regionPath(regions: TPublicRegion[], code: string | undefined): string[] | undefined {
  if (!code) return undefined;
  const region = regions.find((r) => r.code === code);
  if (!region) return undefined;
  return region.level === 'county' && region.parentCode ? [region.parentCode, code] : [code];
}
