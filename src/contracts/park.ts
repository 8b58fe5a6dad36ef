import { z } from 'zod';
import { ZPageQuery, ZVersion } from './common';

/** SPEC §2 Park kinds (Art. 3, Art. 9(二)). */
export const PARK_KINDS = [
  'high_tech_zone',
  'economic_dev_zone',
  'industrial_park',
  'trade_upgrade_base',
  'cross_border_ecommerce_pilot_zone',
  'cross_border_ecommerce_park',
  'market_procurement_pilot',
  'bonded_zone',
] as const;
export const ZParkKind = z.enum(PARK_KINDS);
export type TParkKind = z.infer<typeof ZParkKind>;

/** Level drives the venue minimum (Art. 6), staffing minimum (Art. 7) and base funding (Art. 11). */
export const PARK_LEVELS = ['national', 'provincial', 'other'] as const;
export const ZParkLevel = z.enum(PARK_LEVELS);
export type TParkLevel = z.infer<typeof ZParkLevel>;

export const ZPark = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ZParkKind,
  level: ZParkLevel,
  countyCode: z.string(),
  countyName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPark = z.infer<typeof ZPark>;

export const PARK_SORTS = ['name', '-name', 'level', '-level', 'city', '-city', 'createdAt', '-createdAt'] as const;
export const ZParkListQuery = ZPageQuery.extend({
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  level: ZParkLevel.optional(),
  kind: ZParkKind.optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(PARK_SORTS).default('city'),
});
export type TParkListQuery = z.infer<typeof ZParkListQuery>;

export const ZCreateParkRequest = z.object({
  name: z.string().trim().min(2).max(100),
  kind: ZParkKind,
  level: ZParkLevel,
  /** A county-level GB/T 2260 code in Hubei (or one of the province-administered cities 仙桃/潜江/天门/神农架). */
  countyCode: z.string().regex(/^\d{6}$/),
});
export type TCreateParkRequest = z.infer<typeof ZCreateParkRequest>;

export const ZUpdateParkRequest = ZCreateParkRequest.partial().extend({
  /** Optimistic lock: the version the editor saw. */
  version: ZVersion,
});
export type TUpdateParkRequest = z.infer<typeof ZUpdateParkRequest>;
