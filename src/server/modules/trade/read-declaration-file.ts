import type ExcelJS from 'exceljs';
import type { TLocale } from '../../../contracts/common';
import { type TTradeDeclarationInput, type TTradeIssue, ZTradeDeclarationInput } from '../../../contracts/trade';
import { TRADE_FILE_COLUMNS, TRADE_FILE_OPTIONAL } from '../../../contracts/trade-intake';
import type { SheetRow } from '../../lib/sheet-reader';

/*
 * A declaration file (issue 13; template in docs/trade-intake.md): one row per commodity line, the declaration's head
 * columns repeated on each of its rows. Columns are found by their header (Chinese as the template writes them, or
 * the English alias), in any order. The rows of one declaration number become one TTradeDeclarationInput for the one
 * check and write path; every problem is reported with the file's row and the column's header as the file has it.
 */

export type Column = (typeof TRADE_FILE_COLUMNS)[number];
export type Field = Column['field'];

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value).trim();
}

const say = (locale: TLocale, zh: string, en: string) => (locale === 'en' ? en : zh);
const normalise = (h: string) => h.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').toLowerCase();

export interface DeclarationFile {
  declarations: TTradeDeclarationInput[];
  /** Per declaration, the file row of each of its lines (line k at rows[k - 1]); the first is the head's row. */
  rows: number[][];
  issues: TTradeIssue[];
  /** The header of each field as this file writes it. */
  headers: Partial<Record<Field, string>>;
}

const DIRECTION: Record<string, 'import' | 'export'> = {
  进口: 'import',
  出口: 'export',
  import: 'import',
  export: 'export',
  i: 'import',
  e: 'export',
};

/** A day as a file may carry it: 2026-03-15, 2026/3/15, 20260315, or an Excel date cell. */
function dayOf(text: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

/**
 * Which column holds each field: the header's cells matched to the template (Chinese header or English alias, any
 * order, the first of twins), the headers as the file writes them, and the required columns that are missing. Used
 * by the file reader and by the PostgreSQL fast path (fast-intake.ts), so both read a header alike.
 */
export function mapHeader(cells: string[]): {
  at: Map<Field, number>;
  headers: Partial<Record<Field, string>>;
  missing: Column[];
} {
  const at = new Map<Field, number>();
  const headers: Partial<Record<Field, string>> = {};
  cells.forEach((text, i) => {
    const h = normalise(text);
    const col = TRADE_FILE_COLUMNS.find((c) => normalise(c.header) === h || c.alias.toLowerCase() === h);
    if (col && !at.has(col.field)) {
      at.set(col.field, i);
      headers[col.field] = text;
    }
  });
  const missing = TRADE_FILE_COLUMNS.filter(
    (c) => !at.has(c.field) && !(TRADE_FILE_OPTIONAL as readonly string[]).includes(c.field),
  );
  return { at, headers, missing };
}

/**
 * Turn the sheet's rows (header first) into declarations. Rows of one number must agree on every head column;
 * 项号, when given, must number the lines 1, 2, 3 … in the file's order.
 */
export function readDeclarationFile(lines: SheetRow[], locale: TLocale): DeclarationFile {
  const issues: TTradeIssue[] = [];
  const header = lines[0];
  const out: DeclarationFile = { declarations: [], rows: [], issues, headers: {} };
  if (!header) {
    issues.push({ index: -1, row: 0, field: 'file', reason: say(locale, '文件是空的', 'The file is empty') });
    return out;
  }
  const { at, headers, missing } = mapHeader(header.cells.map(cellText));
  out.headers = headers;
  if (missing.length) {
    issues.push({
      index: -1,
      row: header.row,
      field: 'file',
      reason: say(
        locale,
        `缺少列：${missing.map((c) => c.header).join('、')}（请使用平台提供的模板）`,
        `Missing columns: ${missing.map((c) => `${c.header} (${c.alias})`).join(', ')} — use the platform's template`,
      ),
    });
    return out;
  }
  const headerOf = (f: Field) => out.headers[f] ?? TRADE_FILE_COLUMNS.find((c) => c.field === f)?.header ?? f;
  const byNo = new Map<string, { index: number; head: string[]; headRow: number }>();
  const headFields = TRADE_FILE_COLUMNS.filter((c) => c.head).map((c) => c.field);
  for (const line of lines.slice(1)) {
    const text = (f: Field) => {
      const i = at.get(f);
      return i === undefined ? '' : cellText(line.cells[i] ?? null);
    };
    const no = text('declarationNo');
    const head = headFields.map(text);
    let decl = byNo.get(no);
    if (!decl) {
      const dir = DIRECTION[text('direction').toLowerCase()];
      const input = {
        declarationNo: no,
        enterpriseCreditCode: text('enterpriseCreditCode'),
        direction: dir ?? text('direction'),
        declaredOn: dayOf(text('declaredOn')),
        tradeMode: text('tradeMode'),
        country: text('country'),
        currency: text('currency'),
        amount: text('amount'),
        orderNo: text('orderNo') || null,
        foreignCustomer: text('foreignCustomer') || null,
        lines: [],
      } as unknown as TTradeDeclarationInput;
      decl = { index: out.declarations.length, head, headRow: line.row };
      byNo.set(no, decl);
      out.declarations.push(input);
      out.rows.push([]);
    } else {
      // Art. 5(十三) asks for the declaration as customs holds it: one head, whatever row repeats it.
      const differs = headFields.findIndex((_, k) => head[k] !== decl?.head[k]);
      if (differs >= 0) {
        issues.push({
          index: decl.index,
          row: line.row,
          column: headerOf(headFields[differs]),
          field: headFields[differs],
          reason: say(
            locale,
            `同一报关单的各行表头须一致：与第 ${decl.headRow} 行不同（“${head[differs]}” ≠ “${decl.head[differs]}”）`,
            `Rows of one declaration must agree on its head: differs from row ${decl.headRow} ("${head[differs]}" ≠ "${decl.head[differs]}")`,
          ),
        });
        continue;
      }
    }
    const input = out.declarations[decl.index];
    const rows = out.rows[decl.index];
    const lineNo = text('lineNo');
    if (at.has('lineNo') && lineNo !== String(input.lines.length + 1)) {
      issues.push({
        index: decl.index,
        row: line.row,
        column: headerOf('lineNo'),
        field: 'lineNo',
        reason: say(
          locale,
          `项号应为 ${input.lines.length + 1}（同一报关单的各项按 1、2、3……依次填写）`,
          `Line number should be ${input.lines.length + 1} (the lines of a declaration are numbered 1, 2, 3 … in order)`,
        ),
      });
    }
    input.lines.push({
      commodityCode: text('commodityCode'),
      goodsName: text('goodsName'),
      quantity: text('quantity'),
      unit: text('unit'),
      amount: text('lineAmount'),
    });
    rows.push(line.row);
  }
  // The shape (required cells, lengths, the direction's words) before the domain checks.
  out.declarations.forEach((d, index) => {
    const parsed = ZTradeDeclarationInput.safeParse(d);
    if (parsed.success) return;
    for (const zi of parsed.error.issues) {
      const [first, lineIndex, lineField] = zi.path;
      const line = first === 'lines' && typeof lineIndex === 'number' ? lineIndex + 1 : undefined;
      const field = String(line ? (lineField === 'amount' ? 'lineAmount' : lineField) : first);
      issues.push({ index, ...(line ? { line } : {}), field, reason: shapeReason(field, locale) });
    }
  });
  return out;
}

function shapeReason(field: string, locale: TLocale): string {
  if (field === 'direction') return say(locale, '应填“进口”或“出口”', 'must be 进口/import or 出口/export');
  if (field === 'declaredOn') return say(locale, '应为日期，如 2026-03-15', 'must be a date such as 2026-03-15');
  if (field === 'lines') return say(locale, '一份报关单最多 500 项', 'at most 500 lines a declaration');
  return say(locale, '必填，或内容过长', 'required, or too long');
}

/** Name the row and column of each issue found on the declarations of a file (checkDeclarations' index/line/field). */
export function locateIssues(file: DeclarationFile, found: TTradeIssue[]): TTradeIssue[] {
  return found.map((issue) => {
    if (issue.row !== undefined) return issue;
    const rows = file.rows[issue.index] ?? [];
    const row = issue.line ? rows[issue.line - 1] : rows[0];
    const field = (issue.field === 'amount' && issue.line ? 'lineAmount' : issue.field) as Field;
    const col = TRADE_FILE_COLUMNS.find((c) => c.field === field);
    return { ...issue, row, column: col ? (file.headers[field] ?? col.header) : issue.field };
  });
}
