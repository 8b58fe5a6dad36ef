import { z } from 'zod';

/** Every list route answers `{ items, total }` (SPEC §8). */
export const zListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** `xlsx` returns the whole filtered list as an Excel file instead of JSON. */
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

/** Error body of every 4xx/5xx (SPEC §8). `message` is in the request's language. */
export const ZErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

export const ZIdParam = z.object({ id: z.coerce.number().int().positive() });

export const ZLocale = z.enum(['zh-CN', 'en']);
export type TLocale = z.infer<typeof ZLocale>;
