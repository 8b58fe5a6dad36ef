import { currentLocale, translate } from '../../../i18n';
import { ApiError } from '../../../request';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Send a spreadsheet as the request body (not multipart), with its name in X-File-Name. A refusal comes back as an
 * ApiError with the server's code, message and details (the row-by-row report of IMPORT_REJECTED).
 */
export async function uploadFile<T>(url: string, file: File): Promise<T> {
  const locale = currentLocale();
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: {
        'content-type': file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_TYPE,
        'x-file-name': encodeURIComponent(file.name),
        'accept-language': locale,
        accept: 'application/json',
      },
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', translate(locale, 'error.network'));
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  const body = payload as { code?: unknown; message?: unknown; details?: Record<string, unknown> } | undefined;
  if (typeof body?.code === 'string' && typeof body.message === 'string')
    throw new ApiError(response.status, body.code, body.message, body.details);
  throw new ApiError(
    response.status,
    `HTTP_${response.status}`,
    translate(locale, 'error.unknown', { status: response.status }),
  );
}
