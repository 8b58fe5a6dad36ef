import type { TableColumnType, TablePaginationConfig, TableProps } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useLocale } from '../i18n';
import type { QueryParams } from '../request';
import { type ListTotalSource, paginationTotal } from './list-total';

type SortOrder = TableColumnType<unknown>['sortOrder'];

/**
 * `onRow` props that mark every row for end-to-end tests (`data-testid="park-row"`). The cast is needed because
 * React's attribute types do not list data-* keys outside JSX; antd spreads these props onto the <tr>.
 */
export function rowTestId(id: string): () => HTMLAttributes<HTMLElement> {
  const props = { 'data-testid': id } as HTMLAttributes<HTMLElement>;
  return () => props;
}

/**
 * Filters, server-side sort and 1-based paging of one list page, in the shape the API takes (`sort=field` /
 * `sort=-field`, `page`, `pageSize`). Column `key`s are the API's sort field names.
 */
export function useListState<F extends QueryParams>(initialFilters: F, defaultSort: string, defaultPageSize = 20) {
  const { t, locale } = useLocale();
  const [filters, setFilters] = useState<F>(initialFilters);
  const [sort, setSort] = useState(defaultSort);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(defaultPageSize);

  const applyFilters = (next: F) => {
    setFilters(next);
    setPage(1);
  };

  const sortOrder = (key: string): SortOrder => {
    if (sort === key) return 'ascend';
    if (sort === `-${key}`) return 'descend';
    return null;
  };

  /** The answer's total, or the whole answer where the list may cap its count (`totalCapped`). */
  const pagination = (total: ListTotalSource): TablePaginationConfig => ({
    current: page,
    pageSize,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    ...paginationTotal(total, page, pageSize, t, locale),
  });

  function onTableChange<R>(...[paging, , sorter, extra]: Parameters<NonNullable<TableProps<R>['onChange']>>) {
    if (extra.action === 'sort') {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = one?.columnKey === undefined ? undefined : String(one.columnKey);
      setSort(key && one?.order ? (one.order === 'descend' ? `-${key}` : key) : defaultSort);
      setPage(1);
      return;
    }
    setPage(paging.current ?? 1);
    setPageSize(paging.pageSize ?? defaultPageSize);
  }

  return {
    filters,
    applyFilters,
    query: { ...filters, sort, page, pageSize } as F & { sort: string; page: number; pageSize: number },
    sortOrder,
    pagination,
    onTableChange,
  };
}
