import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TExchangeIssue } from '../../../contracts/exchange';
import { AppError } from '../../lib/errors';
import { type InboundAdapter, sayer } from './adapter';
import { applyStatuses, beijingStamp, type StatusEntry } from './apply-status';
import { SW_FORMAT_VERSION } from './single-window-declarations';
import { child, children, messageHead, parseXml, text } from './xml';

/*
 * 单一窗口 → platform: the progress of a filing the centre made for an enterprise (备案代办, Art. 5(一): 线上备案、数据
 * 同步、进度可查). The Single Window sends a FilingStatusMessage — as a status file a person uploads, or as a callback
 * signed with HMAC-SM3 — naming the platform's record number (FW…) as the filing's reference; each status becomes a
 * progress entry on that record (docs/exchange/single-window.md).
 */

export const SW_ACTOR = '湖北国际贸易“单一窗口”';

/** The Single Window's filing status codes (Art. 5(一) 进度可查). */
export const SW_FILING_STATUSES: Record<string, { 'zh-CN': string; en: string }> = {
  '01': { 'zh-CN': '已提交单一窗口', en: 'submitted to the Single Window' },
  '02': { 'zh-CN': '单一窗口已受理', en: 'accepted by the Single Window' },
  '03': { 'zh-CN': '审核中', en: 'under review' },
  '04': { 'zh-CN': '审核通过', en: 'approved' },
  '05': { 'zh-CN': '退回补正', en: 'returned for correction' },
  '06': { 'zh-CN': '备案完成', en: 'filing complete' },
};

/** A status time: ISO 8601 with its offset, or "YYYY-MM-DD HH:mm:ss" in Beijing time. */
export function statusTime(value: string): Date | null {
  const v = value.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)$/.exec(v);
  const d = new Date(local ? `${local[1]}T${local[2]}+08:00` : v);
  return /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(d.getTime()) ? d : null;
}

export const singleWindowStatusAdapter: InboundAdapter<StatusEntry[]> = {
  system: 'single_window',
  kind: 'sw_filing_status',
  direction: 'inbound',
  formatVersion: SW_FORMAT_VERSION,
  async parse(bytes, ctx) {
    const say = sayer(ctx);
    const xml = parseXml(bytes, ['FilingStatus'], say);
    if (!xml.ok) return xml;
    const root = child(xml.root, 'FilingStatusMessage');
    if (!root)
      return {
        ok: false,
        issues: [
          {
            where: 'FilingStatusMessage',
            reason: say('缺少根元素 FilingStatusMessage', 'the root element FilingStatusMessage is missing'),
          },
        ],
      };
    const head = messageHead(root);
    const issues: TExchangeIssue[] = [];
    if (!head.messageId)
      issues.push({ where: 'MessageHead/MessageId', reason: say('缺少报文编号', 'the message id is missing') });
    if (head.version.split('.')[0] !== '1')
      issues.push({
        where: 'MessageHead/Version',
        reason: say(`不支持的版本“${head.version}”，应为 1.x`, `unsupported version "${head.version}"; 1.x is read`),
      });
    const list = children(child(root, 'FilingStatuses'), 'FilingStatus');
    if (list.length === 0)
      issues.push({ where: 'FilingStatuses', reason: say('报文中没有状态', 'the message holds no status') });
    const entries: StatusEntry[] = [];
    list.forEach((s, i) => {
      const where = `FilingStatuses/FilingStatus[${i + 1}]`;
      const ref = text(s, 'FilingRef');
      const code = text(s, 'StatusCode');
      const at = statusTime(text(s, 'StatusTime'));
      const known = SW_FILING_STATUSES[code];
      if (!/^FW\d{10}$/.test(ref))
        issues.push({
          where: `${where}/FilingRef`,
          reason: say(
            `“${ref}”不是本平台的服务记录编号（FW+10 位数字）`,
            `"${ref}" is not a record number of this platform (FW + 10 digits)`,
          ),
        });
      if (!known)
        issues.push({
          where: `${where}/StatusCode`,
          reason: say(`未知的状态代码“${code}”（01–06）`, `unknown status code "${code}" (01–06)`),
        });
      if (!at)
        issues.push({
          where: `${where}/StatusTime`,
          reason: say('状态时间应为 ISO 8601 时间', 'the status time must be an ISO 8601 time'),
        });
      const note = text(s, 'Note').slice(0, 500);
      if (!known || !at) return;
      const name = text(s, 'StatusName') || known['zh-CN'];
      entries.push({
        where,
        recordNumber: ref,
        code,
        at,
        note: `单一窗口：${name}（${beijingStamp(at)}）${note ? `。${note}` : ''}`,
        completes: false,
      });
    });
    if (issues.length) return { ok: false, issues };
    return { ok: true, message: { messageId: head.messageId, formatVersion: head.version, value: entries } };
  },
  apply: (ctx, message, run) =>
    applyStatuses(ctx, {
      system: 'single_window',
      actorName: SW_ACTOR,
      category: 'filing_agency',
      entries: message.value,
      run,
    }),
};

/** How far a callback's timestamp may be from the platform's clock, either way. */
export const CALLBACK_WINDOW_MS = 5 * 60 * 1000;

/**
 * The callback's signature: hex HMAC-SM3 under the shared secret of `timestamp + "\n" + body`, in the headers
 * X-SW-Timestamp (Unix seconds) and X-SW-Signature. Signing the timestamp with the body means an old call cannot be
 * sent again under a new time; the message id (once only) closes the window itself.
 */
export function signCallback(secret: string, timestamp: string, body: Buffer): string {
  return createHmac('sm3', secret).update(`${timestamp}\n`).update(body).digest('hex');
}

export function verifyCallback(opts: {
  secret: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
  now: Date;
}): void {
  if (!opts.secret) throw new AppError('EXCHANGE_NOT_CONFIGURED');
  const refuse = (zh: string, en: string) =>
    new AppError('EXCHANGE_SIGNATURE_INVALID', { 'reason_zh-CN': zh, reason_en: en });
  if (!opts.timestamp || !opts.signature) throw refuse('缺少签名或时间戳', 'the signature or the timestamp is missing');
  if (!/^\d{1,12}$/.test(opts.timestamp)) throw refuse('时间戳应为 Unix 秒数', 'the timestamp must be Unix seconds');
  if (Math.abs(Number(opts.timestamp) * 1000 - opts.now.getTime()) > CALLBACK_WINDOW_MS)
    throw refuse('时间戳超出 5 分钟的有效范围', 'the timestamp is more than 5 minutes from now');
  const expected = Buffer.from(signCallback(opts.secret, opts.timestamp, opts.body), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(opts.signature) ? Buffer.from(opts.signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw refuse('签名与报文不符', 'the signature does not match the message');
}
