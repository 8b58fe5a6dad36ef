import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n';
import { ApiError } from '../request';
import { errorMessage } from '../request-error';
import { PageSpinner } from './PageResults';

/** What a detail page says when its record is not there, and the way back (usually its list). */
export interface DetailMissing {
  title: string;
  backTo: string;
  backLabel: string;
}

/**
 * The record a detail page shows, or what to show instead: a spinner while it loads; 未找到 with a way back when the
 * server answers 404 or the address holds no valid id (the query never runs); otherwise the error, worded by
 * request-error.ts. Every detail page starts with it, so all of them behave alike:
 *
 *   const view = detailView(useCentreDetail(id), { title: t('centre.notFound'), backTo: '/centres', … });
 *   if (view.fallback) return view.fallback;
 *   const centre = view.data;
 */
export function detailView<T>(
  query: UseQueryResult<T>,
  missing: DetailMissing,
): { data: T; fallback?: undefined } | { data?: undefined; fallback: ReactElement } {
  if (query.isPending && query.fetchStatus !== 'idle') return { fallback: <PageSpinner /> };
  if (query.isError || query.data === undefined) {
    const notFound = !query.isError || (query.error instanceof ApiError && query.error.status === 404);
    return { fallback: <DetailResult missing={missing} error={notFound ? null : query.error} /> };
  }
  return { data: query.data };
}

/** 未找到 (error null) or the error's message, with the button back. */
export function DetailResult({ missing, error }: { missing: DetailMissing; error: unknown }) {
  const t = useT();
  return (
    <Result
      status={error ? 'error' : '404'}
      title={error ? t('error.page.title') : missing.title}
      subTitle={error ? errorMessage(error) : undefined}
      extra={
        <Link to={missing.backTo}>
          <Button type="primary">{missing.backLabel}</Button>
        </Link>
      }
    />
  );
}
