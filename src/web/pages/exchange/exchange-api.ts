import type { TExchangeKind, TExchangeRun } from '../../../contracts/exchange';
import { currentLocale, type Translate, translate } from '../../i18n';
import { ApiError } from '../../request';

export const EXCHANGE_KEY = ['exchange'] as const;

/**
 * The file itself is the request body (not multipart), its name in X-File-Name. A refused file answers 400 with the
 * run's id and its problems (details.issues), which the modal shows; other refusals are thrown for the usual handling.
 */
export async function sendInbound(kind: TExchangeKind, file: File): Promise<TExchangeRun> {
  const locale = currentLocale();
  let response: Response;
  try {
    response = await fetch(`/api/exchange/inbound?kind=${kind}`, {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
        'accept-language': locale,
        accept: 'application/json',
      },
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', translate(locale, 'error.network'));
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as TExchangeRun;
  const body = payload as { code?: unknown; message?: unknown; details?: Record<string, unknown> } | undefined;
  if (typeof body?.code === 'string' && typeof body.message === 'string')
    throw new ApiError(response.status, body.code, body.message, body.details);
  throw new ApiError(
    response.status,
    `HTTP_${response.status}`,
    translate(locale, 'error.unknown', { status: response.status }),
  );
}

const SUMMARY_KEYS = [
  'month',
  'declarations',
  'lines',
  'duplicates',
  'statuses',
  'applied',
  'completed',
  'enterprises',
  'exportCny',
  'importCny',
  'amountCny',
  'invoices',
] as const;

/** "报关单 2 · 商品行 3 · 已有未重复计入 0": the run's numbers in the user's words (the message id is shown apart). */
export function summaryText(t: Translate, summary: TExchangeRun['summary']): string {
  return SUMMARY_KEYS.filter((k) => summary[k] !== undefined && summary[k] !== null)
    .map((k) => `${t(`exchange.summary.${k}`)} ${summary[k]}`)
    .join(' · ');
}
