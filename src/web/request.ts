import type { TErrorBody } from '../contracts/common';
import { currentLocale, translate } from './i18n';

/** Every failed API call becomes one of these; `message` is already in the user's language (SPEC §8). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** An array repeats the parameter (`status=draft&status=returned`), as the list routes take several values. */
export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type QueryParams = Record<string, QueryValue>;

/** Leaves out empty values so that "no filter" never reaches the server as `?q=`. */
export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const one of value) search.append(key, one);
      continue;
    }
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function isErrorBody(value: unknown): value is TErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.code === 'string' && typeof record.message === 'string';
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const locale = currentLocale();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', translate(locale, 'error.network'));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorBody(payload)) throw new ApiError(response.status, payload.code, payload.message, payload.details);
    throw new ApiError(
      response.status,
      `HTTP_${response.status}`,
      translate(locale, 'error.unknown', { status: response.status }),
    );
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
};

/** The whole filtered list as an Excel file: the same filters and sort, no paging (SPEC §8 `format=xlsx`). */
export function exportUrl(path: string, query: QueryParams): string {
  // A download link cannot set Accept-Language, so the UI language travels as `lang`.
  return `${path}${toQueryString({ ...query, page: undefined, pageSize: undefined, format: 'xlsx', lang: currentLocale() })}`;
}

export interface ListResponse<T> {
  items: T[];
  total: number;
  /** The server stopped counting: `total` is "at least" (lib/list-total.ts shows 共 1万条以上). */
  totalCapped?: boolean;
}
