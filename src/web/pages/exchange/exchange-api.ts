import type { TExchangeKind, TExchangeRun } from '../../../contracts/exchange';
import { uploadFile } from '../../components/attachment-files';
import type { Translate } from '../../i18n';

export const EXCHANGE_KEY = ['exchange'] as const;

/**
 * The file itself is the request body (not multipart), its name in X-File-Name. A refused file answers 400 with the
 * run's id and its problems (details.issues), which the modal shows; other refusals are thrown for the usual handling.
 */
export function sendInbound(kind: TExchangeKind, file: File): Promise<TExchangeRun> {
  return uploadFile<TExchangeRun>(`/api/exchange/inbound?kind=${kind}`, file, 'application/octet-stream');
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
