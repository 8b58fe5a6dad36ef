import type ExcelJS from 'exceljs';

/**
 * ExcelJS, loaded the first time a workbook is read or written rather than when the server starts: it is the
 * largest module the server imports (~0.3 s of CPU at every start through tsx), and most starts never touch a
 * workbook (issue 12, target 5).
 */
let loaded: Promise<typeof ExcelJS> | undefined;
export function loadExcelJS(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => m.default);
  return loaded;
}
