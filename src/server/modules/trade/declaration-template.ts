import { TRADE_FILE_COLUMNS } from '../../../contracts/trade-intake';
import { loadExcelJS } from '../../lib/exceljs';

/*
 * The declaration file's template (docs/trade-intake.md): the Chinese headers in the platform's order, header only —
 * a sample row would be taken in by whoever forgot to delete it. Code and number columns are text in the .xlsx, so
 * that Excel keeps 18-digit numbers and leading zeros (0110) as typed.
 */
const TEXT_COLUMNS = new Set(['declarationNo', 'enterpriseCreditCode', 'declaredOn', 'tradeMode', 'commodityCode']);
const WIDTHS: Record<string, number> = {
  declarationNo: 22,
  enterpriseCreditCode: 22,
  goodsName: 24,
  foreignCustomer: 24,
};

export async function declarationTemplateXlsx(): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = '湖北省对外贸易综合服务平台';
  const sheet = wb.addWorksheet('报关单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TRADE_FILE_COLUMNS.map((c) => ({
    header: c.header,
    width: WIDTHS[c.field] ?? 14,
    style: TEXT_COLUMNS.has(c.field) ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** UTF-8 with a BOM, so that Excel on a Chinese Windows opens the headers right. */
export function declarationTemplateCsv(): Buffer {
  return Buffer.from(`\uFEFF${TRADE_FILE_COLUMNS.map((c) => c.header).join(',')}\r\n`, 'utf8');
}
