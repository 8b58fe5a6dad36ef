import type { FastifyReply } from 'fastify';
import type { TLocale } from '../../contracts/common';
import type { RequestContext } from '../context';
import { readContext } from '../db/read-db';
import { EXPORT_MAX_ROWS, sendXlsx, type XlsxColumn } from './xlsx';

/** One page of a list, as every list route answers it (zListOf). */
export interface ListPage<T> {
  items: T[];
  total: number;
  /** True when the list stopped counting at its cap: `total` is then a lower bound (lib/list-count.ts). */
  totalCapped?: true;
}

/** What a list's Excel download holds: its file and sheet name in each language, and its columns. */
export interface ListExport<T> {
  fileName: Record<TLocale, string>;
  sheetName: Record<TLocale, string>;
  /** `en` is `locale === 'en'`, which most headers need. */
  columns: (locale: TLocale, en: boolean) => XlsxColumn<T>[];
}

/**
 * The answer of every list route: `format=xlsx` downloads the whole filtered list (up to EXPORT_MAX_ROWS) as one
 * sheet, anything else answers the asked page as `{items, total}`. The route's page function applies the caller's
 * scope and filters, so the download holds exactly what the pages show, and every cell goes through sendXlsx.
 * `page` reads through the context it is given: the request's for a page, the read replica's (db/read-db.ts) for a
 * download, which may be a moment behind the pages.
 */
export async function answerList<T>(
  ctx: RequestContext,
  reply: FastifyReply,
  query: { page: number; pageSize: number; format?: 'json' | 'xlsx' },
  page: (limit: number, offset: number, ctx: RequestContext) => Promise<ListPage<T>>,
  xlsx: ListExport<T>,
): Promise<ListPage<T> | FastifyReply> {
  if (query.format !== 'xlsx') return page(query.pageSize, (query.page - 1) * query.pageSize, ctx);
  const { items } = await page(EXPORT_MAX_ROWS, 0, readContext(ctx));
  const l = ctx.locale;
  return sendXlsx(reply, xlsx.fileName[l], xlsx.sheetName[l], xlsx.columns(l, l === 'en'), items);
}
