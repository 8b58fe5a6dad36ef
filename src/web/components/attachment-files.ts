import type { TErrorBody } from '../../contracts/common';
import { currentLocale, translate } from '../i18n';
import { ApiError } from '../request';

/** The server checks the file's real bytes; this only narrows the file picker. */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
};

export function typeLabel(contentType: string): string {
  return TYPE_LABELS[contentType] ?? contentType;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The type an import file (enterprises, declarations, rates) is sent as: CSV by its name, else a workbook. */
export function sheetContentType(file: File): string {
  return file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_TYPE;
}

/**
 * The file itself is the request body (not multipart), its name in `x-file-name`. A refusal (415 UNSUPPORTED_FILE,
 * 413 PAYLOAD_TOO_LARGE, IMPORT_REJECTED with its row-by-row report, …) is thrown as an ApiError carrying the
 * server's code, message and details. Every file of the platform — attachments, import files, exchange files —
 * arrives this way; `contentType` is what the route expects (the file's own type by default).
 */
export async function uploadFile<T>(
  url: string,
  file: File,
  contentType = file.type || 'application/octet-stream',
): Promise<T> {
  const locale = currentLocale();
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: file,
      headers: {
        'content-type': contentType,
        'x-file-name': encodeURIComponent(file.name),
        'accept-language': locale,
        accept: 'application/json',
      },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', translate(locale, 'error.network'));
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  const body = payload as Partial<TErrorBody> | undefined;
  if (body && typeof body.code === 'string' && typeof body.message === 'string') {
    throw new ApiError(response.status, body.code, body.message, body.details);
  }
  throw new ApiError(
    response.status,
    `HTTP_${response.status}`,
    translate(locale, 'error.unknown', { status: response.status }),
  );
}
