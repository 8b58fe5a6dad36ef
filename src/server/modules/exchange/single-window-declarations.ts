import zlib from 'node:zlib';
import type { TExchangeIssue } from '../../../contracts/exchange';
import type { TTradeDeclarationInput, TTradeLineInput } from '../../../contracts/trade';
import { loadExcelJS } from '../../lib/exceljs';
import { columnLetters } from '../../lib/sheet-reader';
import { readZipEntries, zipEntryData } from '../../lib/zip-directory';
import { type InboundAdapter, sayer } from './adapter';
import { type DeclarationsMessage, type Locate, shapeIssues, takeInDeclarations } from './take-in-declarations';
import { child, children, messageHead, parseXml, text, type XmlNode } from './xml';

/*
 * 单一窗口 → platform: customs declarations (Art. 5(一)(十三); docs/exchange/single-window.md). Two shapes: the XML
 * message of its declaration interface (a message head, then declarations of a head and lines) and its spreadsheet
 * export (a header sheet and a lines sheet joined by 报关单号). Both become TTradeDeclarationInput and go through
 * ingestDeclarations with source 'single_window'.
 */

export const SW_FORMAT_VERSION = '1.0';

/** Declaration head elements (报关单表头) by the platform's field. */
const HEAD = {
  declarationNo: 'EntryId',
  enterpriseCreditCode: 'TradeCoScc',
  direction: 'IEFlag',
  declaredOn: 'DDate',
  tradeMode: 'TradeMode',
  country: 'TradeCountry',
  currency: 'TradeCurr',
  amount: 'DeclTotal',
  orderNo: 'ContrNo',
  foreignCustomer: 'OverseasConsigneeEname',
} as const;
/** Declaration line elements (报关单表体). */
const LINE = {
  commodityCode: 'CodeTS',
  goodsName: 'GName',
  quantity: 'GQty',
  unit: 'GUnit',
  lineAmount: 'DeclTotal',
  amount: 'DeclTotal',
} as const;

/** 进出口标志: I/E as the Single Window writes it; 进口/出口 as a person would. */
function directionOf(flag: string): 'import' | 'export' | null {
  const f = flag.trim().toUpperCase();
  if (f === 'I' || f === '进口' || f === 'IMPORT') return 'import';
  if (f === 'E' || f === '出口' || f === 'EXPORT') return 'export';
  return null;
}

/** 申报日期: YYYYMMDD (the interface's form) or YYYY-MM-DD. */
function dayOf(value: string): string {
  const v = value.trim();
  return /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : v.slice(0, 10);
}

export const singleWindowXmlAdapter: InboundAdapter<DeclarationsMessage> = {
  system: 'single_window',
  kind: 'sw_declarations_xml',
  direction: 'inbound',
  formatVersion: SW_FORMAT_VERSION,
  async parse(bytes, ctx) {
    const say = sayer(ctx);
    const xml = parseXml(bytes, ['Declaration', 'DecList'], say);
    if (!xml.ok) return xml;
    const root = child(xml.root, 'DecMessage');
    if (!root)
      return {
        ok: false,
        issues: [
          { where: 'DecMessage', reason: say('缺少根元素 DecMessage', 'the root element DecMessage is missing') },
        ],
      };
    const head = messageHead(root);
    const issues: TExchangeIssue[] = [];
    if (!head.messageId)
      issues.push({ where: 'MessageHead/MessageId', reason: say('缺少报文编号', 'the message id is missing') });
    if (head.version.split('.')[0] !== SW_FORMAT_VERSION.split('.')[0])
      issues.push({
        where: 'MessageHead/Version',
        reason: say(`不支持的版本“${head.version}”，应为 1.x`, `unsupported version "${head.version}"; 1.x is read`),
      });
    const decls = children(child(root, 'Declarations'), 'Declaration');
    if (decls.length === 0)
      issues.push({ where: 'Declarations', reason: say('报文中没有报关单', 'the message holds no declaration') });
    const declarations: TTradeDeclarationInput[] = [];
    decls.forEach((d, i) => {
      const h = child(d as XmlNode, 'DecHead');
      const where = `Declarations/Declaration[${i + 1}]`;
      if (!h) {
        issues.push({ where: `${where}/DecHead`, reason: say('缺少报关单表头', 'the declaration head is missing') });
        return;
      }
      const flag = text(h, HEAD.direction);
      const direction = directionOf(flag);
      if (!direction)
        issues.push({
          where: `${where}/DecHead/${HEAD.direction}`,
          reason: say(`进出口标志“${flag}”应为 I（进口）或 E（出口）`, `import/export flag "${flag}" must be I or E`),
        });
      const lines: TTradeLineInput[] = children(child(d as XmlNode, 'DecLists'), 'DecList').map((l) => ({
        commodityCode: text(l, LINE.commodityCode),
        goodsName: text(l, LINE.goodsName),
        quantity: text(l, LINE.quantity),
        unit: text(l, LINE.unit),
        amount: text(l, LINE.amount),
      }));
      declarations.push({
        declarationNo: text(h, HEAD.declarationNo),
        enterpriseCreditCode: text(h, HEAD.enterpriseCreditCode),
        direction: direction ?? 'export',
        declaredOn: dayOf(text(h, HEAD.declaredOn)),
        tradeMode: text(h, HEAD.tradeMode),
        country: text(h, HEAD.country),
        currency: text(h, HEAD.currency),
        amount: text(h, HEAD.amount),
        orderNo: text(h, HEAD.orderNo) || null,
        foreignCustomer: text(h, HEAD.foreignCustomer) || null,
        lines,
      });
    });
    issues.push(...shapeIssues(declarations, xmlLocate));
    if (issues.length) return { ok: false, issues };
    return {
      ok: true,
      message: { messageId: head.messageId, formatVersion: head.version, value: { declarations, locate: xmlLocate } },
    };
  },
  apply: (ctx, message, run) =>
    takeInDeclarations(ctx, { source: 'single_window', fileName: run.fileName, ...message.value }),
};

const xmlLocate: Locate = (index, line, field) => {
  const d = `Declarations/Declaration[${index + 1}]`;
  if (line) return `${d}/DecLists/DecList[${line}]/${LINE[field as keyof typeof LINE] ?? field}`;
  if (field === 'lines') return `${d}/DecLists`;
  return `${d}/DecHead/${HEAD[field as keyof typeof HEAD] ?? field}`;
};

/** The spreadsheet export's sheets and columns (the header row names them; their order may vary). */
export const SW_SHEETS = {
  head: {
    name: '报关单表头',
    columns: {
      declarationNo: '报关单号',
      enterpriseCreditCode: '境内收发货人统一社会信用代码',
      direction: '进出口标志',
      declaredOn: '申报日期',
      tradeMode: '监管方式',
      country: '贸易国（地区）',
      currency: '币制',
      amount: '总价',
      orderNo: '合同协议号',
      foreignCustomer: '境外收发货人',
    },
  },
  lines: {
    name: '报关单表体',
    columns: {
      declarationNo: '报关单号',
      lineNo: '项号',
      commodityCode: '商品编号',
      goodsName: '商品名称',
      quantity: '成交数量',
      unit: '成交计量单位',
      amount: '总价',
    },
  },
} as const;

const OPTIONAL = new Set(['orderNo', 'foreignCustomer']);

/** What a workbook may unpack to before ExcelJS (which holds it all in memory) is given it: a zip bomb stops here. */
const UNPACKED_MAX = 64 * 1024 * 1024;

function withinUnpackedLimit(zip: Buffer): boolean {
  try {
    let left = UNPACKED_MAX;
    for (const entry of readZipEntries(zip).values()) {
      const data = zipEntryData(zip, entry);
      const size = entry.method === 0 ? data.length : zlib.inflateRawSync(data, { maxOutputLength: left + 1 }).length;
      left -= size;
      if (left < 0) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText))
      return v.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('result' in v) return cellText((v as { result: unknown }).result);
    if ('text' in v) return String((v as { text: unknown }).text);
    return '';
  }
  return String(v).trim();
}

type Sheet = { rows: { row: number; values: Record<string, string> }[]; cols: Record<string, number> };

export const singleWindowXlsxAdapter: InboundAdapter<DeclarationsMessage> = {
  system: 'single_window',
  kind: 'sw_declarations_xlsx',
  direction: 'inbound',
  formatVersion: SW_FORMAT_VERSION,
  async parse(bytes, ctx) {
    const say = sayer(ctx);
    if (!withinUnpackedLimit(bytes))
      return {
        ok: false,
        issues: [
          {
            where: say('文件', 'file'),
            reason: say(
              `不是可读取的 .xlsx 文件，或解压后超过 ${UNPACKED_MAX / 1024 / 1024} MB`,
              `not a readable .xlsx file, or larger than ${UNPACKED_MAX / 1024 / 1024} MB unpacked`,
            ),
          },
        ],
      };
    const ExcelJS = await loadExcelJS();
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      return {
        ok: false,
        issues: [{ where: say('文件', 'file'), reason: say('不是可读取的 .xlsx 文件', 'not a readable .xlsx file') }],
      };
    }
    const issues: TExchangeIssue[] = [];
    const read = (spec: (typeof SW_SHEETS)['head' | 'lines']): Sheet | null => {
      const ws = wb.getWorksheet(spec.name);
      if (!ws) {
        issues.push({
          where: spec.name,
          reason: say(`缺少工作表“${spec.name}”`, `the sheet "${spec.name}" is missing`),
        });
        return null;
      }
      const header = (ws.getRow(1).values as unknown[]).map(cellText);
      const cols: Record<string, number> = {};
      for (const [field, title] of Object.entries(spec.columns)) {
        const at = header.indexOf(title);
        if (at > 0) cols[field] = at;
        else if (!OPTIONAL.has(field))
          issues.push({
            where: `${spec.name} 第 1 行`,
            reason: say(`缺少列“${title}”`, `the column "${title}" is missing`),
          });
      }
      const rows: Sheet['rows'] = [];
      ws.eachRow((r, n) => {
        if (n === 1) return;
        const values: Record<string, string> = {};
        for (const [field, c] of Object.entries(cols)) values[field] = cellText(r.getCell(c).value);
        if (Object.values(values).some((v) => v !== '')) rows.push({ row: n, values });
      });
      return { rows, cols };
    };
    const head = read(SW_SHEETS.head);
    const lines = read(SW_SHEETS.lines);
    if (!head || !lines || issues.length) return { ok: false, issues };
    const cell = (sheet: 'head' | 'lines', row: number, field: string) => {
      const spec = SW_SHEETS[sheet];
      const c = (sheet === 'head' ? head : lines).cols[field];
      const title = (spec.columns as Record<string, string>)[field] ?? field;
      return say(
        `${spec.name} 第 ${row} 行 ${c ? columnLetters(c) : ''} 列（${title}）`,
        `${spec.name} row ${row}, column ${c ? columnLetters(c) : ''} (${title})`,
      );
    };
    const linesOf = new Map<string, Sheet['rows']>();
    for (const l of lines.rows) {
      const no = l.values.declarationNo ?? '';
      if (!linesOf.has(no)) linesOf.set(no, []);
      linesOf.get(no)?.push(l);
    }
    const declarations: TTradeDeclarationInput[] = [];
    const headRows: number[] = [];
    const lineRows: number[][] = [];
    for (const h of head.rows) {
      const v = h.values;
      const direction = directionOf(v.direction ?? '');
      if (!direction)
        issues.push({
          where: cell('head', h.row, 'direction'),
          reason: say(`进出口标志“${v.direction}”应为 I/进口 或 E/出口`, `flag "${v.direction}" must be I or E`),
        });
      const own = (linesOf.get(v.declarationNo ?? '') ?? []).sort(
        (a, b) => Number(a.values.lineNo) - Number(b.values.lineNo),
      );
      linesOf.delete(v.declarationNo ?? '');
      if (own.length === 0)
        issues.push({
          where: cell('head', h.row, 'declarationNo'),
          reason: say(
            `报关单 ${v.declarationNo} 在“报关单表体”中没有商品行`,
            `declaration ${v.declarationNo} has no lines in the lines sheet`,
          ),
        });
      headRows.push(h.row);
      lineRows.push(own.map((l) => l.row));
      declarations.push({
        declarationNo: v.declarationNo ?? '',
        enterpriseCreditCode: v.enterpriseCreditCode ?? '',
        direction: direction ?? 'export',
        declaredOn: dayOf(v.declaredOn ?? ''),
        tradeMode: v.tradeMode ?? '',
        country: v.country ?? '',
        currency: v.currency ?? '',
        amount: v.amount ?? '',
        orderNo: v.orderNo || null,
        foreignCustomer: v.foreignCustomer || null,
        lines: own.map((l) => ({
          commodityCode: l.values.commodityCode ?? '',
          goodsName: l.values.goodsName ?? '',
          quantity: l.values.quantity ?? '',
          unit: l.values.unit ?? '',
          amount: l.values.amount ?? '',
        })),
      });
    }
    for (const rest of linesOf.values())
      for (const l of rest)
        issues.push({
          where: cell('lines', l.row, 'declarationNo'),
          reason: say(
            `表头中没有报关单 ${l.values.declarationNo}`,
            `declaration ${l.values.declarationNo} is not in the header sheet`,
          ),
        });
    if (declarations.length === 0 && issues.length === 0)
      issues.push({ where: SW_SHEETS.head.name, reason: say('没有报关单', 'no declaration') });
    const locate: Locate = (index, line, field) => {
      if (line) {
        const f = field === 'lineAmount' ? 'amount' : field;
        return cell('lines', lineRows[index]?.[line - 1] ?? 0, f);
      }
      return cell('head', headRows[index] ?? 0, field === 'lines' ? 'declarationNo' : field);
    };
    issues.push(...shapeIssues(declarations, locate));
    if (issues.length) return { ok: false, issues };
    return {
      ok: true,
      message: { messageId: null, formatVersion: SW_FORMAT_VERSION, value: { declarations, locate } },
    };
  },
  apply: (ctx, message, run) =>
    takeInDeclarations(ctx, { source: 'single_window', fileName: run.fileName, ...message.value }),
};
