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

/**
 * The file itself is the request body (not multipart), its name in `x-file-name`. A refusal (415 UNSUPPORTED_FILE,
 * 413 PAYLOAD_TOO_LARGE, …) is thrown as an ApiError carrying the server's message. Every file of the platform
 * (a centre's, an engagement's, a service record's, an activity's) arrives this way.
 */
export async function uploadFile<T>(url: string, file: File): Promise<T> {
  const locale = currentLocale();
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: file,
      headers: {
        'content-type': file.type || 'application/octet-stream',
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
