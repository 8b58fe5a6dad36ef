import { z } from 'zod';
import { ZPageQuery, zPageSize } from './common';

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export const ZRegionLevel = z.enum(REGION_LEVELS);
export type TRegionLevel = z.infer<typeof ZRegionLevel>;

export const ZRegion = z.object({
  /** GB/T 2260 code, six digits. */
  code: z.string(),
  name: z.string(),
  level: ZRegionLevel,
  parentCode: z.string().nullable(),
  parentName: z.string().nullable(),
  /** Counties directly below (for a city) — 0 for a county or a province-administered county-level city. */
  childCount: z.number().int(),
  parkCount: z.number().int(),
});
export type TRegion = z.infer<typeof ZRegion>;

export const REGION_SORTS = ['code', '-code', 'name', '-name', 'parkCount', '-parkCount'] as const;
export const ZRegionListQuery = ZPageQuery.extend({
  level: ZRegionLevel.optional(),
  parentCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(REGION_SORTS).default('code'),
  pageSize: zPageSize(50),
});
export type TRegionListQuery = z.infer<typeof ZRegionListQuery>;

export const ZRegionCodeParam = z.object({ code: z.string().regex(/^\d{6}$/) });
