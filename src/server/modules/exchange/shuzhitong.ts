import { createHash } from 'node:crypto';
import { and, asc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { TExchangeIssue, TRebatePackageRequest } from '../../../contracts/exchange';
import { tradeDeclarationLines, tradeDeclarations } from '../../db/schema';
import { invalidField } from '../../lib/errors';
import { writeStoredZip } from '../../lib/zip-writer';
import { getServiceRecordDetail } from '../service/service-detail';
import { formatDecimal, parseDecimal } from '../trade/declaration-rules';
import { type InboundAdapter, type OutboundAdapter, sayer } from './adapter';
import { applyStatuses, beijingStamp, type StatusEntry } from './apply-status';
import { statusTime } from './single-window-status';

/*
 * 数智通 (Art. 5(六) 退税服务数字化): out — the filing package of a tax-rebate service record (the enterprise, the export
 * declarations chosen by period or number with their lines and amounts, the export invoices); in — the rebate's
 * acceptance (受理) and payment (已退税), which add progress to the record and complete it on payment.
 * docs/exchange/shuzhitong.md.
 */

export const SZT_FORMAT_VERSION = '1.0';
export const SZT_PACKAGE_FORMAT = 'hbts.shuzhitong.rebate-package';
export const SZT_STATUS_FORMAT = 'shuzhitong.rebate-status';
export const SZT_ACTOR = '数智通';

const yuan = (fen: number | bigint) => formatDecimal(BigInt(fen), 2);

export const shuzhitongPackageAdapter: OutboundAdapter<TRebatePackageRequest> = {
  system: 'shuzhitong',
  kind: 'szt_rebate_package',
  direction: 'outbound',
  formatVersion: SZT_FORMAT_VERSION,
  async produce(ctx, req) {
    const record = await getServiceRecordDetail(ctx, req.recordId);
    if (record.category !== 'tax_refund')
      throw invalidField('recordId', {
        'zh-CN': '只有“退税服务”记录可以生成退税申报包',
        en: 'only a tax-refund record has a rebate package',
      });
    if (!req.declarationNos?.length && !(req.fromMonth && req.toMonth))
      throw invalidField('fromMonth', {
        'zh-CN': '请选择申报期间（起止月份）或报关单号',
        en: 'choose a period (from and to month) or declaration numbers',
      });
    if (req.fromMonth && req.toMonth && req.fromMonth > req.toMonth)
      throw invalidField('toMonth', { 'zh-CN': '截止月份早于起始月份', en: 'the end month is before the start month' });
    const db = ctx.deps.db;
    const chosen: SQL | undefined = req.declarationNos?.length
      ? inArray(tradeDeclarations.declarationNo, req.declarationNos)
      : and(gte(tradeDeclarations.month, req.fromMonth ?? ''), lte(tradeDeclarations.month, req.toMonth ?? ''));
    const decls = await db
      .select()
      .from(tradeDeclarations)
      .where(
        and(eq(tradeDeclarations.enterpriseId, record.enterpriseId), eq(tradeDeclarations.direction, 'export'), chosen),
      )
      .orderBy(asc(tradeDeclarations.declaredOn), asc(tradeDeclarations.declarationNo));
    if (req.declarationNos?.length) {
      const have = new Set(decls.map((d) => d.declarationNo));
      const missing = req.declarationNos.filter((n) => !have.has(n));
      if (missing.length)
        throw invalidField('declarationNos', {
          'zh-CN': `该企业没有这些出口报关单：${missing.slice(0, 5).join('、')}`,
          en: `the enterprise has no such export declarations: ${missing.slice(0, 5).join(', ')}`,
        });
    }
    if (decls.length === 0)
      throw invalidField('fromMonth', {
        'zh-CN': '所选期间内该企业没有出口报关单',
        en: 'the enterprise has no export declaration in that period',
      });
    const lines = await db
      .select()
      .from(tradeDeclarationLines)
      .where(
        inArray(
          tradeDeclarationLines.declarationId,
          decls.map((d) => d.id),
        ),
      )
      .orderBy(asc(tradeDeclarationLines.declarationId), asc(tradeDeclarationLines.lineNo));
    const linesOf = new Map<number, typeof lines>();
    for (const l of lines) linesOf.set(l.declarationId, [...(linesOf.get(l.declarationId) ?? []), l]);
    const totalFen = decls.reduce((s, d) => s + BigInt(d.amountCnyFen), 0n);
    const invoiceCents = req.invoices.reduce((s, i) => s + (parseDecimal(i.amount, 2) ?? 0n), 0n);
    const now = ctx.deps.clock();
    const pkg = {
      format: SZT_PACKAGE_FORMAT,
      version: SZT_FORMAT_VERSION,
      generatedAt: now.toISOString(),
      serviceRecord: { number: record.number, category: record.category, centre: record.centreName },
      enterprise: { creditCode: record.enterpriseCreditCode, name: record.enterpriseName },
      selection: req.declarationNos?.length
        ? { declarationNos: req.declarationNos }
        : { fromMonth: req.fromMonth, toMonth: req.toMonth },
      declarations: decls.map((d) => ({
        declarationNo: d.declarationNo,
        declaredOn: d.declaredOn,
        tradeMode: d.tradeMode,
        country: d.country,
        currency: d.currency,
        amount: d.amount,
        amountCny: yuan(d.amountCnyFen),
        amountUsd: yuan(d.amountUsdCent),
        lines: (linesOf.get(d.id) ?? []).map((l) => ({
          lineNo: l.lineNo,
          commodityCode: l.commodityCode,
          goodsName: l.goodsName,
          quantity: l.quantity,
          unit: l.unit,
          amount: l.amount,
          amountCny: yuan(l.amountCnyFen),
        })),
      })),
      invoices: req.invoices.map((i) => ({
        number: i.number,
        date: i.date,
        amount: formatDecimal(parseDecimal(i.amount, 2) ?? 0n, 2),
      })),
      totals: {
        declarations: decls.length,
        lines: lines.length,
        amountCny: yuan(totalFen),
        invoices: req.invoices.length,
        invoiceAmount: formatDecimal(invoiceCents, 2),
      },
    };
    const json = Buffer.from(`${JSON.stringify(pkg, null, 2)}\n`, 'utf8');
    const name = `数智通退税申报包_${record.number}_v${SZT_FORMAT_VERSION}`;
    const zip = req.format === 'zip';
    return {
      bytes: zip ? packageZip(pkg, json, now) : json,
      fileName: `${name}.${zip ? 'zip' : 'json'}`,
      contentType: zip ? 'application/zip' : 'application/json; charset=utf-8',
      summary: {
        declarations: decls.length,
        lines: lines.length,
        amountCny: yuan(totalFen),
        invoices: req.invoices.length,
      },
      scope: { centreId: record.centreId, countyCode: record.countyCode, cityCode: record.cityCode },
      recordId: record.id,
    };
  },
};

/** The zip form: the package, its lines as a sheet for people, and a manifest with every file's SHA-256. */
function packageZip(
  pkg: { declarations: { declarationNo: string; declaredOn: string; lines: Record<string, unknown>[] }[] },
  json: Buffer,
  now: Date,
): Buffer {
  const cell = (v: unknown) => {
    const s = String(v ?? '');
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const rows = [
    ['declarationNo', 'declaredOn', 'lineNo', 'commodityCode', 'goodsName', 'quantity', 'unit', 'amount', 'amountCny'],
  ];
  for (const d of pkg.declarations)
    for (const l of d.lines)
      rows.push([
        d.declarationNo,
        d.declaredOn,
        ...['lineNo', 'commodityCode', 'goodsName', 'quantity', 'unit', 'amount', 'amountCny'].map((k) =>
          String(l[k] ?? ''),
        ),
      ]);
  const csv = Buffer.from(`\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
  const files = [
    { name: 'package.json', data: json },
    { name: 'declarations.csv', data: csv },
  ];
  const manifest = {
    format: `${SZT_PACKAGE_FORMAT}+zip`,
    version: SZT_FORMAT_VERSION,
    generatedAt: now.toISOString(),
    files: files.map((f) => ({
      name: f.name,
      size: f.data.length,
      sha256: createHash('sha256').update(f.data).digest('hex'),
    })),
  };
  return writeStoredZip(
    [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...files],
    now,
  );
}

const ZStatusFile = z.object({
  format: z.literal(SZT_STATUS_FORMAT),
  version: z.string().regex(/^1\.\d+$/, '1.x'),
  messageId: z.string().min(1).max(64),
  statuses: z
    .array(
      z.object({
        recordNumber: z.string().regex(/^FW\d{10}$/, 'FW + 10 digits'),
        status: z.enum(['accepted', 'rejected', 'paid']),
        at: z.string().max(40),
        acceptanceNo: z.string().max(64).optional(),
        refundAmount: z
          .string()
          .regex(/^\d{1,14}(\.\d{1,2})?$/, 'amount, up to 2 decimals')
          .optional(),
        paidOn: z.iso.date().optional(),
        note: z.string().max(500).optional(),
      }),
    )
    .min(1)
    .max(1000),
});

export const shuzhitongStatusAdapter: InboundAdapter<StatusEntry[]> = {
  system: 'shuzhitong',
  kind: 'szt_rebate_status',
  direction: 'inbound',
  formatVersion: SZT_FORMAT_VERSION,
  async parse(bytes, ctx) {
    const say = sayer(ctx);
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (err) {
      return {
        ok: false,
        issues: [
          {
            where: '$',
            reason: say(`不是有效的 JSON：${(err as Error).message}`, `not valid JSON: ${(err as Error).message}`),
          },
        ],
      };
    }
    const parsed = ZStatusFile.safeParse(json);
    if (!parsed.success)
      return { ok: false, issues: parsed.error.issues.map((e) => ({ where: jsonPath(e.path), reason: e.message })) };
    const issues: TExchangeIssue[] = [];
    const entries: StatusEntry[] = [];
    parsed.data.statuses.forEach((s, i) => {
      const where = `statuses[${i}]`;
      const at = statusTime(s.at);
      if (!at) issues.push({ where: `${where}.at`, reason: say('时间应为 ISO 8601 时间', 'must be an ISO 8601 time') });
      if (s.status === 'paid' && (!s.refundAmount || !s.paidOn))
        issues.push({
          where: `${where}.refundAmount`,
          reason: say('已退税须注明退税金额和退税日期', 'a payment needs refundAmount and paidOn'),
        });
      if (!at) return;
      const note =
        s.status === 'accepted'
          ? `数智通：退税申报已受理${s.acceptanceNo ? `（受理编号 ${s.acceptanceNo}）` : ''}`
          : s.status === 'rejected'
            ? `数智通：退税申报未予受理${s.note ? `：${s.note}` : ''}`
            : `数智通：已退税 ${s.refundAmount} 元（${(s.paidOn ?? '').replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_m, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`)}）`;
      entries.push({
        where,
        recordNumber: s.recordNumber,
        code: s.status,
        at,
        note: `${note}，${beijingStamp(at)}`,
        completes: s.status === 'paid',
      });
    });
    if (issues.length) return { ok: false, issues };
    return {
      ok: true,
      message: { messageId: parsed.data.messageId, formatVersion: parsed.data.version, value: entries },
    };
  },
  apply: (ctx, message, run) =>
    applyStatuses(ctx, {
      system: 'shuzhitong',
      actorName: SZT_ACTOR,
      category: 'tax_refund',
      entries: message.value,
      run,
    }),
};

/** A zod path as JSON path text: statuses[0].recordNumber. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}${s ? '.' : ''}${String(p)}`), '') || '$'
  );
}
