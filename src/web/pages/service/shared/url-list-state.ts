import type { TablePaginationConfig, TableProps } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useLocale } from '../../../i18n';
import { type ListTotalSource, paginationTotal } from '../../../lib/list-total';
import type { QueryParams } from '../../../request';

type Scalar = string | undefined;
type FilterValue = Scalar | string[];

/** How one filter is read from the address: a single value, or a repeated one (`status=a&status=b`). */
export type FilterSpec<F> = { [K in keyof F]-?: 'one' | 'many' };

const PAGE_SIZES = [10, 20, 50, 100];

function readFilters<F>(params: URLSearchParams, spec: FilterSpec<F>): F {
  const filters: Record<string, FilterValue> = {};
  for (const [key, kind] of Object.entries(spec) as [string, 'one' | 'many'][]) {
    if (kind === 'many') {
      const all = params.getAll(key).filter(Boolean);
      if (all.length > 0) filters[key] = all;
    } else {
      const one = params.get(key);
      if (one) filters[key] = one;
    }
  }
  return filters as F;
}

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Filters, sort and paging of a list page kept in the address (`/services?status=submitted&unrated=true&page=2`), so
 * that the home page's figures and the messages can link to a filtered list, and a reload or the back button keeps
 * what the user was looking at. The same query object goes to the API, so the keys are the API's parameter names.
 */
export function useUrlListState<F extends Record<string, FilterValue>>(spec: FilterSpec<F>, defaultSort = '') {
  const { t, locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address text is the identity of what it holds.
  const filters = useMemo(() => readFilters<F>(params, spec), [search]);
  const page = positive(params.get('page'), 1);
  const pageSize = positive(params.get('pageSize'), 20);
  const sort = params.get('sort') ?? defaultSort;

  const write = (next: { filters?: F; page?: number; pageSize?: number; sort?: string }) => {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(next.filters ?? filters) as [string, FilterValue][]) {
      if (Array.isArray(value)) for (const one of value) out.append(key, one);
      else if (value) out.set(key, value);
    }
    const nextPage = next.page ?? page;
    const nextSize = next.pageSize ?? pageSize;
    const nextSort = next.sort ?? sort;
    if (nextPage !== 1) out.set('page', String(nextPage));
    if (nextSize !== 20) out.set('pageSize', String(nextSize));
    if (nextSort && nextSort !== defaultSort) out.set('sort', nextSort);
    setParams(out, { replace: true });
  };

  /** The answer's total, or the whole answer where the list may cap its count (`totalCapped`). */
  const pagination = (total: ListTotalSource): TablePaginationConfig => ({
    current: page,
    pageSize,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    ...paginationTotal(total, page, pageSize, t, locale),
  });

  function onTableChange<R>(...[paging, , sorter, extra]: Parameters<NonNullable<TableProps<R>['onChange']>>) {
    if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = one?.columnKey === undefined ? undefined : String(one.columnKey);
      write({ sort: key && one?.order ? (one.order === 'descend' ? `-${key}` : key) : defaultSort, page: 1 });
      return;
    }
    write({ page: paging.current ?? 1, pageSize: paging.pageSize ?? pageSize });
  }

  const sortOrder = (key: string) => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);

  return {
    filters,
    /** New filters start again from the first page. */
    applyFilters: (next: F) => write({ filters: next, page: 1 }),
    query: { ...filters, ...(sort ? { sort } : {}), page, pageSize } as F & QueryParams & { page: number },
    search,
    sortOrder,
    pagination,
    onTableChange,
  };
}

/** Empty strings and empty arrays from a form become "no filter". */
export function compact<F extends Record<string, unknown>>(values: F): F {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = typeof value === 'string' ? value.trim() || undefined : value;
  }
  return out as F;
}
