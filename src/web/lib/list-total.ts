import type { TablePaginationConfig } from 'antd';
import type { TLocale } from '../../contracts/common';
import type { Translate } from '../i18n';
import type { ListResponse } from '../request';

/** What a list page hands its pagination: the answer's total (a number) or the whole answer (capped totals). */
export type ListTotalSource = number | Pick<ListResponse<unknown>, 'items' | 'total' | 'totalCapped'> | undefined;

/** A capped total as a reader says it: 1万 / 2万 in Chinese, 10,000 in English (followed by 以上 / +). */
export function formatCappedTotal(total: number, locale: TLocale): string {
  if (locale === 'zh-CN' && total >= 10_000 && total % 10_000 === 0) return `${total / 10_000}万`;
  return total.toLocaleString(locale === 'en' ? 'en' : 'zh-CN');
}

/**
 * The total, label and page buttons of a list's pagination. An exact total as before ("共 N 条"). A capped one (the
 * server stopped counting, decision 0017) reads "共 1万条以上" / "10,000+ in total"; the pager always offers the next
 * page until a short page shows the end, and never the last page, which nobody knows.
 */
export function paginationTotal(
  source: ListTotalSource,
  page: number,
  pageSize: number,
  t: Translate,
  locale: TLocale,
): Pick<TablePaginationConfig, 'total' | 'showTotal' | 'itemRender'> {
  if (typeof source !== 'object' || !source.totalCapped) {
    const total = typeof source === 'number' ? source : (source?.total ?? 0);
    return { total, showTotal: (n) => t('common.total', { total: n }) };
  }
  const list = source;
  const label = t('common.totalCapped', { total: formatCappedTotal(list.total, locale) });
  // A short page is the last one: from there the end is known.
  if (list.items.length < pageSize) {
    const end = (page - 1) * pageSize + list.items.length;
    return { total: end, showTotal: () => label };
  }
  // One row beyond what is known so far (the cap, or this page if it lies beyond the cap): the next page is offered.
  const total = Math.max(list.total, page * pageSize) + 1;
  const last = Math.ceil(total / pageSize);
  return {
    total,
    showTotal: () => label,
    itemRender: (p, type, element) => (type === 'page' && p === last && p > page + 1 ? null : element),
  };
}
