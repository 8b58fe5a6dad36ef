import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectFileType } from './file-type';

describe('file type by magic bytes', () => {
  it('recognises PDF, PNG, JPEG and an .xlsx package from their bytes', async () => {
    expect(detectFileType(Buffer.from('%PDF-1.7\n…'))?.extension).toBe('pdf');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.extension).toBe('png');
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))?.extension).toBe('jpg');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['x']);
    expect(detectFileType(Buffer.from(await wb.xlsx.writeBuffer()))?.extension).toBe('xlsx');
  });

  it('refuses what only claims to be a document: an executable or a script named .pdf', () => {
    expect(detectFileType(Buffer.from('MZ\x90\x00 this is an exe'))).toBeNull();
    expect(detectFileType(Buffer.from('<script>alert(1)</script>'))).toBeNull();
    expect(detectFileType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toBeNull();
  });
});
