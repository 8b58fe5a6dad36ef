import { PassThrough, pipeline, type Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import { readZipEntries, type ZipEntry, zipEntryData } from './zip-directory';

/**
 * Reading an uploaded spreadsheet (.xlsx or .csv) with its limits checked while it is read, not after: a file of
 * 650,000 rows stops at the first row past the limit, a zip bomb at the byte bound, a 10 MB cell at the cell bound.
 * What is kept in memory is bounded by the limits whatever the file holds.
 */
export interface SheetLimits {
  /** Data rows (non-blank rows below the header) at most; the next one ends the reading. */
  maxDataRows: number;
  /** Columns read from each row, from column A. */
  width: number;
  /** Bytes of the workbook's parts after decompression, all parts together (.xlsx only; a CSV is its body). */
  maxBytes: number;
  /** Characters in one cell at most (every cell of a row, read or not). */
  maxCellChars: number;
}

export interface SheetRow {
  /** The row number as the spreadsheet shows it (1 = the header). */
  row: number;
  cells: ExcelJS.CellValue[];
}

/** Not a spreadsheet that can be read (not a zip, no worksheet, broken XML or deflate data, encrypted). */
export class SheetUnreadableError extends Error {}

/** A limit was passed while reading; `seen` is what had been read when the reading stopped. */
export class SheetLimitError extends Error {
  constructor(
    readonly limit: 'rows' | 'bytes' | 'cell',
    readonly max: number,
    readonly seen: number,
    /** The spreadsheet row where the reading stopped (null: before any row). */
    readonly row: number | null,
    /** The column of an over-long cell, as letters. */
    readonly column: string | null = null,
  ) {
    super(`sheet ${limit} limit ${max} passed (${seen})`);
  }
}

type Say = (zh: string, en: string) => string;

/** The refusal as the row-by-row report words it (row 0, field "file"). */
export function sheetLimitReason(err: SheetLimitError, say: Say): string {
  if (err.limit === 'rows')
    return say(
      `文件超过 ${err.max} 行数据（读到第 ${err.row} 行时已有 ${err.seen} 行数据，已停止读取），每次最多导入 ${err.max} 行，请分成多个文件`,
      `The file has more than ${err.max} data rows (${err.seen} by row ${err.row}, where reading stopped); at most ${err.max} per file, split it`,
    );
  if (err.limit === 'cell')
    return say(
      `第 ${err.row} 行 ${err.column} 列的内容超过 ${err.max} 个字符，请检查该单元格`,
      `The cell in row ${err.row}, column ${err.column} is longer than ${err.max} characters; check it`,
    );
  const mb = Math.round(err.max / (1024 * 1024));
  return say(
    `文件解压后超过 ${mb} MB，已停止读取；请只保留一个工作表的数据，删除图片和多余格式后重试`,
    `The file is larger than ${mb} MB once unpacked, so reading stopped; keep the data on one sheet, without pictures or extra formatting`,
  );
}

/** The refusal as one line of the row-by-row report: the over-long cell's row, else row 0; the field is the file. */
export function sheetLimitRowError(err: SheetLimitError, say: Say): { row: number; field: 'file'; reason: string } {
  return { row: err.limit === 'cell' ? (err.row ?? 0) : 0, field: 'file', reason: sheetLimitReason(err, say) };
}

export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function isBlank(value: ExcelJS.CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.every((r) => !r.text?.trim());
  return false;
}

function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value && typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText.reduce((n: number, r: { text?: string }) => n + (r.text?.length ?? 0), 0);
    if ('formula' in value)
      return String(value.formula ?? '').length + textLength((value as { result?: unknown }).result);
  }
  return 0;
}

/**
 * Read the first worksheet of an .xlsx, or a CSV, into its non-blank rows (the header row included), stopping at
 * the first limit passed. Throws SheetUnreadableError or SheetLimitError.
 */
export async function readSheet(body: Buffer, kind: 'xlsx' | 'csv', limits: SheetLimits): Promise<SheetRow[]> {
  return kind === 'csv' ? readCsv(csvText(body), limits) : readXlsx(body, limits);
}

/**
 * Excel saves "CSV UTF-8" with a BOM, which would otherwise stick to the first header; its plain "CSV" is GBK on a
 * Chinese Windows, read here as GB 18030 (its superset) when the bytes are not UTF-8.
 */
export function csvText(body: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('gb18030').decode(body);
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * RFC 4180 records, one at a time (quoted fields may hold commas, quotes doubled, line breaks): a record per line
 * as Excel writes them, blank lines included in the numbering, cells kept as text (18-digit codes, leading zeros).
 */
export function readCsv(text: string, limits: SheetLimits): SheetRow[] {
  const rows: SheetRow[] = [];
  let dataRows = 0;
  let rowNumber = 0;
  let fields: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    if (field.length > limits.maxCellChars)
      throw new SheetLimitError(
        'cell',
        limits.maxCellChars,
        field.length,
        rowNumber + 1,
        columnLetters(fields.length + 1),
      );
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    rowNumber++;
    const cells = Array.from({ length: limits.width }, (_, c) => fields[c] ?? null);
    fields = [];
    if (cells.every(isBlank)) return;
    if (rowNumber > 1 && ++dataRows > limits.maxDataRows)
      throw new SheetLimitError('rows', limits.maxDataRows, dataRows, rowNumber);
    rows.push({ row: rowNumber, cells });
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      // A quoted field: up to the closing quote, "" standing for one quote.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          field += text.slice(j);
          j = text.length;
          break;
        }
        field += text.slice(j, q);
        if (field.length > limits.maxCellChars) break;
        if (text[q + 1] === '"') {
          field += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      i = j;
      if (field.length > limits.maxCellChars) endField();
      continue;
    }
    if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // Up to the next separator, quote or line end in one slice.
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') j++;
      field += text.slice(i, j);
      if (field.length > limits.maxCellChars) endField();
      i = j;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return rows;
}

/** The parts of ExcelJS's streaming reader used here, each fed one part's stream (see readXlsx). */
interface WorkbookReaderParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: ExcelJS.CellValue }>;
  _parseWorksheet(
    iterator: Readable,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
}

interface SharedRef {
  sharedString: number;
}
const isSharedRef = (v: unknown): v is SharedRef =>
  typeof v === 'object' && v !== null && typeof (v as SharedRef).sharedString === 'number';

/**
 * ExcelJS's stream.xlsx.WorkbookReader, driven part by part. Its own read() takes the zip's parts in the order they
 * are stored and, for a worksheet stored before the shared strings (as Excel stores them), copies the whole sheet
 * to a temporary file before reading a row, with no bound on how much a part unpacks to. Here the parts are taken
 * from the zip's directory in the order that lets the limits bite: relationships, workbook, styles (which numbers
 * are dates), then the first sheet, streamed row by row with shared strings left as references, then only the
 * shared strings those rows use. Every part is unpacked through one byte budget.
 */
async function readXlsx(body: Buffer, limits: SheetLimits): Promise<SheetRow[]> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = readZipEntries(body);
  } catch {
    throw new SheetUnreadableError('not a zip');
  }
  const budget = { left: limits.maxBytes, row: null as number | null };
  const Excel = await loadExcelJS();
  const reader = new Excel.stream.xlsx.WorkbookReader(undefined as unknown as Readable, {
    sharedStrings: 'emit',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as WorkbookReaderParts;
  const open = (name: string): Readable | null => {
    const entry = entries.get(name);
    try {
      return entry ? unpack(body, entry, budget, limits.maxBytes) : null;
    } catch (err) {
      throw new SheetUnreadableError(String(err));
    }
  };
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof SheetLimitError) throw err;
      throw new SheetUnreadableError(String(err));
    }
  };

  await guard(async () => {
    const rels = open('xl/_rels/workbook.xml.rels');
    const book = open('xl/workbook.xml');
    if (!rels || !book) throw new Error('no workbook');
    await reader._parseRels(rels);
    await reader._parseWorkbook(book);
    const styles = open('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
  });
  // The first sheet as the workbook lists its tabs.
  const first = reader.model?.sheets?.[0];
  const target = reader.workbookRels?.find((r) => r.Id === first?.rId)?.Target ?? '';
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];
  const sheetStream = sheetNo ? open(path) : null;
  if (!sheetNo || !sheetStream) throw new SheetUnreadableError('no worksheet');

  const rows: SheetRow[] = [];
  const needed = new Set<number>();
  let dataRows = 0;
  const checkCell = (row: number, col: number, value: unknown) => {
    const length = textLength(value);
    if (length > limits.maxCellChars)
      throw new SheetLimitError('cell', limits.maxCellChars, length, row, columnLetters(col));
  };
  await guard(async () => {
    try {
      const [event] = [...reader._parseWorksheet(sheetStream, sheetNo)];
      if (!event) throw new Error('no worksheet');
      for await (const row of event.value) {
        budget.row = row.number;
        const cells: ExcelJS.CellValue[] = [];
        row.eachCell((cell, col) => {
          checkCell(row.number, col, cell.value);
          if (col <= limits.width) cells[col - 1] = cell.value;
        });
        const values = Array.from({ length: limits.width }, (_, c) => cells[c] ?? null);
        if (values.every(isBlank)) continue;
        // A shared string may turn out blank; counted here all the same, so that the count never waits for them.
        if (row.number > 1 && ++dataRows > limits.maxDataRows)
          throw new SheetLimitError('rows', limits.maxDataRows, dataRows, row.number);
        for (const v of values) if (isSharedRef(v)) needed.add(v.sharedString);
        rows.push({ row: row.number, cells: values });
      }
    } finally {
      sheetStream.destroy();
    }
  });

  if (needed.size > 0) {
    const strings = new Map<number, ExcelJS.CellValue>();
    const shared = open('xl/sharedStrings.xml');
    if (!shared) throw new SheetUnreadableError('no shared strings');
    await guard(async () => {
      try {
        for await (const { index, text } of reader._parseSharedStrings(shared))
          if (needed.has(index)) strings.set(index, text);
      } finally {
        shared.destroy();
      }
    });
    for (const r of rows)
      r.cells = r.cells.map((v, c) => {
        if (!isSharedRef(v)) return v;
        const text = strings.get(v.sharedString) ?? null;
        checkCell(r.row, c + 1, text);
        return text;
      });
  }
  return rows.filter((r) => !r.cells.every(isBlank));
}

/**
 * One part of the zip as a stream of text, unpacked through the shared byte budget: past it, the stream fails with
 * SheetLimitError. Text is decoded across chunk boundaries (ExcelJS would decode each chunk on its own and break a
 * Chinese character cut in two).
 */
function unpack(body: Buffer, entry: ZipEntry, budget: { left: number; row: number | null }, max: number): Readable {
  const decoder = new StringDecoder('utf8');
  const counted = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      budget.left -= chunk.length;
      if (budget.left < 0) return done(new SheetLimitError('bytes', max, max - budget.left, budget.row));
      const text = decoder.write(chunk);
      done(null, text === '' ? undefined : text);
    },
    flush(done) {
      const rest = decoder.end();
      done(null, rest === '' ? undefined : rest);
    },
  });
  const data = zipEntryData(body, entry);
  const source = new PassThrough();
  // Errors reach the reader through `counted`, which the pipeline destroys with them.
  pipeline(source, entry.method === 8 ? zlib.createInflateRaw() : new PassThrough(), counted, () => {});
  source.end(data);
  return counted;
}
