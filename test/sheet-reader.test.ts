import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet, SheetLimitError, type SheetLimits, SheetUnreadableError } from '../src/server/lib/sheet-reader';
import { xlsxOf, zipOf } from './helpers/zip';

const limits: SheetLimits = { maxDataRows: 5, width: 3, maxBytes: 1024 * 1024, maxCellChars: 100 };

async function excelJs(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('数据');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(p: Promise<unknown>): Promise<SheetLimitError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SheetLimitError);
  return err as SheetLimitError;
}

describe('reading an uploaded sheet with its limits checked while reading', () => {
  it('reads an ExcelJS .xlsx (shared strings stored after the sheet): text, numbers, dates, blank rows skipped', async () => {
    const day = new Date(Date.UTC(2025, 5, 30));
    const file = await excelJs([
      ['名称', '数量', '日期'],
      ['宜昌外贸有限公司', 3, day],
      [],
      [null, null, null],
      ['b', 4.5, null],
    ]);
    const rows = await readSheet(file, 'xlsx', limits);
    expect(rows).toEqual([
      { row: 1, cells: ['名称', '数量', '日期'] },
      { row: 2, cells: ['宜昌外贸有限公司', 3, day] },
      { row: 5, cells: ['b', 4.5, null] },
    ]);
  });

  it('keeps Chinese text whole across the chunks the zip unpacks into', async () => {
    const long = '湖北省对外贸易综合服务平台'.repeat(7);
    const rows = Array.from({ length: 5 }, (_, i) => [`${long}${i}`, i, null]);
    const read = await readSheet(xlsxOf([['a', 'b', 'c'], ...rows]), 'xlsx', limits);
    expect(read.slice(1).map((r) => r.cells[0])).toEqual(rows.map((r) => r[0]));
  });

  it('reads a file at the row limit, and stops at the first data row past it, naming the limit and the count', async () => {
    const row = (i: number) => [`name${i}`, i, null];
    const at = [['h1', 'h2', 'h3'], ...Array.from({ length: 5 }, (_, i) => row(i))];
    expect(await readSheet(xlsxOf(at), 'xlsx', limits)).toHaveLength(6);
    expect(await readSheet(await excelJs(at), 'xlsx', limits)).toHaveLength(6);
    function* endless() {
      yield ['h1', 'h2', 'h3'];
      for (let i = 0; i < 50_000; i++) yield row(i);
    }
    const err = await refusal(readSheet(xlsxOf(endless()), 'xlsx', limits));
    expect([err.limit, err.max, err.seen, err.row]).toEqual(['rows', 5, 6, 7]);
    // Shared strings stored after the sheet, as Excel stores them: the count still stops at the same row.
    const shared = await refusal(readSheet(xlsxOf(endless(), { sharedStrings: true }), 'xlsx', limits));
    expect([shared.limit, shared.seen, shared.row]).toEqual(['rows', 6, 7]);
    expect(await readSheet(xlsxOf(at, { sharedStrings: true }), 'xlsx', limits)).toEqual(
      at.map((cells, i) => ({ row: i + 1, cells })),
    );
    const csv = `h1,h2,h3\n${Array.from({ length: 50_000 }, (_, i) => `n${i},${i},`).join('\n')}`;
    const fromCsv = await refusal(readSheet(Buffer.from(csv), 'csv', limits));
    expect([fromCsv.limit, fromCsv.max, fromCsv.seen, fromCsv.row]).toEqual(['rows', 5, 6, 7]);
  });

  it('refuses a zip bomb at the byte bound, whatever the zip says about sizes', async () => {
    const huge = 'a'.repeat(8 * 1024 * 1024);
    const bomb = xlsxOf([
      ['h1', 'h2', 'h3'],
      [huge, 1, null],
    ]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const err = await refusal(readSheet(bomb, 'xlsx', limits));
    expect([err.limit, err.max]).toEqual(['bytes', limits.maxBytes]);
  });

  it('refuses a cell longer than the cell bound, naming its row and column, in .xlsx and .csv alike', async () => {
    const long = 'x'.repeat(101);
    const fromXlsx = await refusal(
      readSheet(
        await excelJs([
          ['h1', 'h2', 'h3'],
          ['ok', long, null],
        ]),
        'xlsx',
        limits,
      ),
    );
    expect([fromXlsx.limit, fromXlsx.row, fromXlsx.column]).toEqual(['cell', 2, 'B']);
    // Also beyond the columns read, and inline.
    const far = await refusal(
      readSheet(
        xlsxOf([
          ['h1', 'h2', 'h3'],
          ['a', 'b', 'c', 'd', long],
        ]),
        'xlsx',
        limits,
      ),
    );
    expect([far.row, far.column]).toEqual([2, 'E']);
    const fromCsv = await refusal(readSheet(Buffer.from(`h1,h2,h3\nok,"${long}",\n`), 'csv', limits));
    expect([fromCsv.limit, fromCsv.row, fromCsv.column]).toEqual(['cell', 2, 'B']);
    expect(await readSheet(Buffer.from(`h1,h2,h3\nok,${'x'.repeat(100)},\n`), 'csv', limits)).toHaveLength(2);
  });

  it('parses CSV as Excel writes it: quotes, doubled quotes, line breaks in quotes, CRLF, blank lines numbered', async () => {
    const csv = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\n007,,\r\n';
    expect(await readSheet(Buffer.from(csv), 'csv', limits)).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
      { row: 4, cells: ['007', '', ''] },
    ]);
  });

  it('refuses what is not a spreadsheet as unreadable', async () => {
    for (const body of [
      Buffer.from('not a zip at all'),
      zipOf({ 'hello.txt': 'hi' }),
      zipOf({ 'xl/workbook.xml': '<workbook', 'xl/_rels/workbook.xml.rels': '<<<' }),
    ])
      await expect(readSheet(body, 'xlsx', limits)).rejects.toBeInstanceOf(SheetUnreadableError);
  });
});
