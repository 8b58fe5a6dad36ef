import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TCentreMonthRequest } from '../../../contracts/exchange';
import { SERVICE_CATEGORY_NAMES, type TServiceCategory } from '../../../contracts/service-category';
import { ZTradeDeclarationInput } from '../../../contracts/trade';
import { HS_CHAPTERS, TRADE_MODES } from '../../../contracts/trade-codes';
import { centres } from '../../db/schema';
import { centreScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { type CentreMonthFacts, centreMonthFacts, type TradeGroup } from '../figures';
import { formatDecimal } from '../trade/declaration-rules';
import { type InboundAdapter, type OutboundAdapter, sayer } from './adapter';
import { jsonPath } from './shuzhitong';
import { type DeclarationsMessage, type Locate, takeInDeclarations } from './take-in-declarations';

/*
 * 楚贸通 (Art. 5(十三)): out — one centre's month (the enterprises it serves, their trade by country, trade mode and
 * HS chapter, the services it gave by category) as versioned JSON or CSV, its figures from the figures module
 * (figures/exchange-facts.ts); in — enterprises' trade data as versioned JSON, through ingestDeclarations with source
 * 'chumaotong'. docs/exchange/chumaotong.md.
 */

export const CMT_FORMAT_VERSION = '1.0';
export const CMT_MONTH_FORMAT = 'hbts.chumaotong.centre-month';
export const CMT_TRADE_FORMAT = 'chumaotong.trade-data';

const yuan = (fen: bigint) => formatDecimal(fen, 2);
const groupJson = (g: TradeGroup) => ({
  code: g.code,
  direction: g.direction,
  declarations: g.declarations,
  amountCny: yuan(g.cnyFen),
  amountUsd: yuan(g.usdCent),
});

export function centreMonthJson(
  centre: { id: number; name: string; countyCode: string; cityCode: string },
  f: CentreMonthFacts,
) {
  return {
    format: CMT_MONTH_FORMAT,
    version: CMT_FORMAT_VERSION,
    centre,
    month: f.month,
    enterprises: f.enterprises.map((e) => ({
      creditCode: e.creditCode,
      name: e.name,
      servicesInMonth: e.servicesInMonth,
      declarations: e.declarations,
      amountCny: yuan(e.cnyFen),
    })),
    trade: {
      totals: f.totals.map((t) => ({
        direction: t.direction,
        declarations: t.declarations,
        amountCny: yuan(t.cnyFen),
        amountUsd: yuan(t.usdCent),
      })),
      byCountry: f.byCountry.map(groupJson),
      byTradeMode: f.byTradeMode.map(groupJson),
      byHsChapter: f.byHsChapter.map(groupJson),
    },
    services: f.services,
  };
}

/** One cell of the CSV: quoted when it must be, and never read by a spreadsheet as a formula. */
function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CMT_CSV_HEADER = [
  'format_version',
  'centre_id',
  'month',
  'section',
  'code',
  'name',
  'direction',
  'count',
  'amount_cny',
  'amount_usd',
];

export function centreMonthCsv(centreId: number, f: CentreMonthFacts): string {
  const rows: (string | number)[][] = [CMT_CSV_HEADER];
  const base = [CMT_FORMAT_VERSION, centreId, f.month];
  for (const t of f.totals)
    rows.push([...base, 'total', '', '', t.direction, t.declarations, yuan(t.cnyFen), yuan(t.usdCent)]);
  const groups = (section: string, list: TradeGroup[], name: (code: string) => string) => {
    for (const g of list)
      rows.push([...base, section, g.code, name(g.code), g.direction, g.declarations, yuan(g.cnyFen), yuan(g.usdCent)]);
  };
  groups('country', f.byCountry, () => '');
  groups('trade_mode', f.byTradeMode, (c) => TRADE_MODES.find((m) => m.code === c)?.['zh-CN'] ?? '');
  groups('hs_chapter', f.byHsChapter, (c) => HS_CHAPTERS[c]?.['zh-CN'] ?? '');
  for (const e of f.enterprises)
    rows.push([...base, 'enterprise', e.creditCode, e.name, '', e.declarations, yuan(e.cnyFen), '']);
  for (const s of f.services)
    rows.push([
      ...base,
      'service',
      s.category,
      SERVICE_CATEGORY_NAMES[s.category as TServiceCategory]?.['zh-CN'] ?? '',
      '',
      s.records,
      '',
      '',
    ]);
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const chumaotongMonthAdapter: OutboundAdapter<TCentreMonthRequest> = {
  system: 'chumaotong',
  kind: 'cmt_centre_month',
  direction: 'outbound',
  formatVersion: CMT_FORMAT_VERSION,
  async produce(ctx, req) {
    const user = ctx.user;
    if (!user) throw new AppError('FORBIDDEN');
    const [centre] = await ctx.deps.db
      .select({ id: centres.id, name: centres.name, countyCode: centres.countyCode, cityCode: centres.cityCode })
      .from(centres)
      .where(and(eq(centres.id, req.centreId), centreScope(user)));
    if (!centre) throw new AppError('NOT_FOUND', { id: req.centreId });
    const facts = await centreMonthFacts(ctx.deps.db, centre.id, req.month);
    const csv = req.format === 'csv';
    const body = csv
      ? centreMonthCsv(centre.id, facts)
      : `${JSON.stringify(centreMonthJson(centre, facts), null, 2)}\n`;
    const exportFen = facts.totals.find((t) => t.direction === 'export')?.cnyFen ?? 0n;
    const importFen = facts.totals.find((t) => t.direction === 'import')?.cnyFen ?? 0n;
    return {
      bytes: Buffer.from(body, 'utf8'),
      fileName: `楚贸通月度数据_${centre.name}_${req.month}_v${CMT_FORMAT_VERSION}.${csv ? 'csv' : 'json'}`,
      contentType: csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      summary: {
        month: req.month,
        enterprises: facts.enterprises.length,
        declarations: facts.totals.reduce((s, t) => s + t.declarations, 0),
        exportCny: yuan(exportFen),
        importCny: yuan(importFen),
      },
      scope: { centreId: centre.id, countyCode: centre.countyCode, cityCode: centre.cityCode },
    };
  },
};

const ZTradeFile = z.object({
  format: z.literal(CMT_TRADE_FORMAT),
  version: z.string().regex(/^1\.\d+$/, '1.x'),
  messageId: z.string().min(1).max(64),
  declarations: z.array(ZTradeDeclarationInput).min(1).max(5000),
});

const jsonLocate: Locate = (index, line, field) => {
  const f = field === 'lineAmount' ? 'amount' : field;
  return line ? `declarations[${index}].lines[${line - 1}].${f}` : `declarations[${index}].${f}`;
};

export const chumaotongTradeAdapter: InboundAdapter<DeclarationsMessage> = {
  system: 'chumaotong',
  kind: 'cmt_trade_data',
  direction: 'inbound',
  formatVersion: CMT_FORMAT_VERSION,
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
    const parsed = ZTradeFile.safeParse(json);
    if (!parsed.success)
      return { ok: false, issues: parsed.error.issues.map((e) => ({ where: jsonPath(e.path), reason: e.message })) };
    return {
      ok: true,
      message: {
        messageId: parsed.data.messageId,
        formatVersion: parsed.data.version,
        value: { declarations: parsed.data.declarations, locate: jsonLocate },
      },
    };
  },
  apply: (ctx, message, run) =>
    takeInDeclarations(ctx, { source: 'chumaotong', fileName: run.fileName, ...message.value }),
};
