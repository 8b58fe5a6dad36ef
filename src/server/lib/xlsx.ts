import type { FastifyReply } from 'fastify';
import { loadExcelJS } from './exceljs';

export interface XlsxColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => CellValue;
}

type CellValue = string | number | boolean | Date | null;

/**
 * Text that a spreadsheet would read as a formula when the cell is edited, pasted or saved as CSV (= + - @, and a
 * tab or carriage return before one): prefixed with a single quote, so that it stays text (OWASP, "CSV Injection").
 * Names and remarks come from users, the public registration form included; an export must never run them.
 * Numbers, dates and booleans are left as they are: a negative amount stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export function xlsxCell(value: CellValue): CellValue {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Most rows one export returns; a larger list must be filtered first. */
export const EXPORT_MAX_ROWS = 100_000;

/**
 * Write a one-sheet workbook with a bold, frozen header row, and send it as a download. Every export of the platform
 * goes through here, so that every cell passes xlsxCell().
 */
export async function sendXlsx<T>(
  reply: FastifyReply,
  fileName: string,
  sheetName: string,
  columns: XlsxColumn<T>[],
  rows: T[],
) {
  const Excel = await loadExcelJS();
  const workbook = new Excel.Workbook();
  workbook.creator = '湖北省对外贸易综合服务平台';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => xlsxCell(c.value(row))));
  const buffer = await workbook.xlsx.writeBuffer();
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}.xlsx`)
    .send(Buffer.from(buffer));
}

export function orderDirection(sort: string): { field: string; desc: boolean } {
  return sort.startsWith('-') ? { field: sort.slice(1), desc: true } : { field: sort, desc: false };
}
