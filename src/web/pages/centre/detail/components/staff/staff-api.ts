import { useQuery } from '@tanstack/react-query';
import type { TErrorBody } from '../../../../../../contracts/common';
import type { TImportRowError, TStaffRoster } from '../../../../../../contracts/staff';
import { currentLocale, translate } from '../../../../../i18n';
import { ApiError, api } from '../../../../../request';
import { CENTRES_KEY } from '../../../shared/queries';

/** Under the centre's detail key, so that refreshing the centre refreshes its roster too. */
export function staffKey(centreId: number) {
  return [...CENTRES_KEY, 'detail', centreId, 'staff'] as const;
}

export function useStaffRoster(centreId: number, enabled = true) {
  return useQuery({
    queryKey: staffKey(centreId),
    queryFn: () => api.get<TStaffRoster>(`/api/centres/${centreId}/staff`),
    enabled: enabled && Number.isInteger(centreId) && centreId > 0,
  });
}

export const STAFF_TEMPLATE_URL = '/api/staff-import-template';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importContentType(fileName: string): string {
  return fileName.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_TYPE;
}

export type TImportOutcome = { ok: true; imported: number } | { ok: false; message: string; errors: TImportRowError[] };

function rowErrors(details: Record<string, unknown> | undefined): TImportRowError[] {
  const errors = details?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is TImportRowError =>
      typeof e === 'object' &&
      e !== null &&
      typeof e.row === 'number' &&
      typeof e.field === 'string' &&
      typeof e.reason === 'string',
  );
}

/**
 * The file itself is the request body (not multipart). All rows go in or none do: a refusal lists every bad row,
 * which the caller shows; any other failure is thrown as an ApiError for the usual handling.
 */
export async function importStaff(centreId: number, file: File): Promise<TImportOutcome> {
  const locale = currentLocale();
  let response: Response;
  try {
    response = await fetch(`/api/centres/${centreId}/staff/import`, {
      method: 'POST',
      body: file,
      headers: { 'content-type': importContentType(file.name), 'accept-language': locale, accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', translate(locale, 'error.network'));
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const imported = (payload as { imported?: unknown } | undefined)?.imported;
    return { ok: true, imported: typeof imported === 'number' ? imported : 0 };
  }
  const body = payload as Partial<TErrorBody> | undefined;
  if (body && typeof body.code === 'string' && typeof body.message === 'string') {
    if (body.code === 'IMPORT_REJECTED') return { ok: false, message: body.message, errors: rowErrors(body.details) };
    throw new ApiError(response.status, body.code, body.message, body.details);
  }
  throw new ApiError(
    response.status,
    `HTTP_${response.status}`,
    translate(locale, 'error.unknown', { status: response.status }),
  );
}
