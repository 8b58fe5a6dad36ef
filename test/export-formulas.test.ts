import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsxCell } from '../src/server/lib/xlsx';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

const HYPERLINK = '=HYPERLINK("http://x","y")';

describe('Excel exports never run a formula a user typed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('prefixes text that begins like a formula with a quote, and leaves numbers, dates and other text alone', () => {
    for (const text of [HYPERLINK, '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(xlsxCell(text)).toBe(`'${text}`);
    for (const value of ['宜昌高新区', 'a=b', ' =1', '', -5, 3.5, true, null]) expect(xlsxCell(value)).toBe(value);
    const day = new Date('2026-11-24T00:00:00Z');
    expect(xlsxCell(day)).toBe(day);
  });

  it('exports a record named like a formula as text with the prefix, with no formula in the file', async () => {
    const park = t.world.parks.yichangHighTech;
    await t.deps.db.execute(sql`update parks set name = ${HYPERLINK} where id = ${park.id}`);
    const res = await as(t.app, await loginAs(t.app, 'province'), {
      method: 'GET',
      url: '/api/parks?cityCode=420500&format=xlsx',
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const row = sheet.getRows(2, sheet.rowCount - 1)?.find((r) => r.getCell(1).value === park.id);
    if (!row) throw new Error('the park is not in the export');
    expect(row.getCell(2).value).toBe(`'${HYPERLINK}`);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    // Numbers stay numbers.
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.Number);
  });
});
