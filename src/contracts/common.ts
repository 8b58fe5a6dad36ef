import { z } from 'zod';

/*
 * Building blocks for every number and day a request carries, so that the OpenAPI document shows the bounds the
 * database can hold and a value outside them is a 400 naming the field, never a database error (issue 10).
 * Strings need no block of their own: the validator refuses NUL and lone surrogates in every field (lib/hostile-input).
 */

/** PostgreSQL `integer` (int4): ids, versions and counts are stored in it. */
export const INT4_MAX = 2_147_483_647;

/** A row id in a JSON body. */
export const ZId = z.number().int().min(1).max(INT4_MAX);
/** A row id in the path or the query string (text, coerced to a number). */
export const ZIdText = z.coerce.number().int().min(1).max(INT4_MAX);
/** The version of a record that the editor saw (optimistic lock): of two acting at once, one wins. */
export const ZVersion = z.number().int().min(1).max(INT4_MAX);
/** A count someone states (participants, trading enterprises), up to `max`. */
export const zCount = (max: number) => z.number().int().min(0).max(max);
/** An amount in 元: stored as numeric(14,2), so at most ten billion here, never negative. */
export const ZAmount = z.number().nonnegative().max(1e10);

/** No list runs to a hundred thousand pages; the bound keeps the offset well inside the database's range. */
export const PAGE_MAX = 100_000;
export const ZPage = z.coerce.number().int().min(1).max(PAGE_MAX).default(1);
export const zPageSize = (byDefault: number, max = 200) => z.coerce.number().int().min(1).max(max).default(byDefault);

/** The days a request may name: the calendar arithmetic (deadlines, service periods) stays inside them. */
export const DAY_MIN = '1900-01-01';
export const DAY_MAX = '2099-12-31';
/** A calendar day, YYYY-MM-DD, that exists (2026-02-30 and 2026-13-01 do not) and lies in DAY_MIN … DAY_MAX. */
export const ZDay = z.iso
  .date()
  .refine((d) => d >= DAY_MIN && d <= DAY_MAX, { message: 'DAY_OUT_OF_RANGE' })
  .describe(`YYYY-MM-DD, ${DAY_MIN} … ${DAY_MAX}`);

/**
 * Every list route answers `{ items, total }` (SPEC §8). A large list may stop counting at a cap: then
 * `totalCapped` is true and `total` means "at least this many" (the web shows 共 1万条以上).
 */
export const zListOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), totalCapped: z.boolean().optional() });

export const ZPageQuery = z.object({
  page: ZPage,
  pageSize: zPageSize(20),
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

export const ZIdParam = z.object({ id: ZIdText });

export const ZLocale = z.enum(['zh-CN', 'en']);
export type TLocale = z.infer<typeof ZLocale>;
