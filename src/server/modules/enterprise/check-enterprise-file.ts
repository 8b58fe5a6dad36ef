import { inArray } from 'drizzle-orm';
import { ENTERPRISE_IMPORT_HEADERS, ENTERPRISE_IMPORT_MAX_ROWS } from '../../../contracts/enterprise';
import type { RequestContext } from '../../context';
import { enterprises } from '../../db/schema';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import {
  readSheet,
  SheetLimitError,
  type SheetRow,
  SheetUnreadableError,
  sheetLimitRowError,
} from '../../lib/sheet-reader';
import { beijingDay } from '../../policy/policy';
import { cellText, checkRow, loadReference, type NewEnterprise, type Say, sayIn } from './check-enterprise-row';
import { type RowError, updateImportJobProgress } from './import-job.repository';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SPREADSHEET_ONLY = {
  field: 'file',
  'accepted_zh-CN': '请上传 .xlsx 或 .csv 文件',
  accepted_en: 'upload an .xlsx or .csv file',
};
const PROGRESS_EVERY = 500;
export const CHUNK = 1000;
const MAX_STORED_ERRORS = 1000;

export interface CheckedRow {
  row: number;
  values: NewEnterprise;
}

/**
 * PGlite answers within the same turn of the event loop (its queries resolve as microtasks), so a loop of queries
 * would keep every other request waiting, progress polls included, until the whole file is done: let them in.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The Content-Type decides; the first bytes must agree (an .xlsx is a zip, a CSV has no NUL bytes). */
export function fileKind(contentType: string, body: Buffer): 'xlsx' | 'csv' {
  const type = contentType.toLowerCase();
  if (type.startsWith(XLSX_TYPE) && body.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'xlsx';
  if (type.startsWith('text/csv') && !body.subarray(0, 4096).includes(0)) return 'csv';
  throw new AppError('UNSUPPORTED_FILE', SPREADSHEET_ONLY);
}

/**
 * Bytes of the workbook's parts once unpacked: an honest sheet of 20,000 rows unpacks to about 10 MB (shared strings
 * included), so a quarter of a zip bomb's worth is refused long before memory or time run short.
 */
export const IMPORT_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** The longest field (an address-like park name, an e-mail) is far below this; a 10 MB cell is not data. */
export const IMPORT_MAX_CELL_CHARS = 1000;

/** The non-blank rows (header included), read with the limits checked as the file is read; or why not. */
async function readLines(
  body: Buffer,
  contentType: string,
  say: Say,
): Promise<{ lines: SheetRow[] } | { error: RowError; seen?: number }> {
  try {
    const lines = await readSheet(body, fileKind(contentType, body), {
      maxDataRows: ENTERPRISE_IMPORT_MAX_ROWS,
      width: ENTERPRISE_IMPORT_HEADERS.length,
      maxBytes: IMPORT_MAX_UNPACKED_BYTES,
      maxCellChars: IMPORT_MAX_CELL_CHARS,
    });
    return { lines };
  } catch (err) {
    if (err instanceof SheetLimitError)
      return {
        error: sheetLimitRowError(err, say),
        ...(err.limit === 'rows' ? { seen: err.seen } : {}),
      };
    if (err instanceof SheetUnreadableError || err instanceof AppError)
      return {
        error: {
          row: 0,
          field: 'file',
          reason: say('无法读取文件，请上传 .xlsx 或 .csv 文件', 'Cannot read the file; upload an .xlsx or .csv file'),
        },
      };
    throw err;
  }
}

/** The report as it is stored: the first errors, and a count of the rest. */
function capErrors(errors: RowError[], say: Say): RowError[] {
  if (errors.length <= MAX_STORED_ERRORS) return errors;
  return [
    ...errors.slice(0, MAX_STORED_ERRORS),
    {
      row: 0,
      field: 'file',
      reason: say(
        `另有 ${errors.length - MAX_STORED_ERRORS} 条错误未列出，请先改正以上错误`,
        `${errors.length - MAX_STORED_ERRORS} more errors not listed; correct the ones above first`,
      ),
    },
  ];
}

/**
 * Phase "checking": read the file and check every row, recording progress on the job as it goes. Answers either
 * all the rows, ready to write, or the row-by-row report (sorted by row, capped) when any row is bad.
 */
export async function checkEnterpriseFile(
  ctx: RequestContext,
  user: SessionUser,
  jobId: number,
  body: Buffer,
  contentType: string,
): Promise<{ rows: CheckedRow[] } | { errors: RowError[] }> {
  const { db } = ctx.deps;
  const say = sayIn(ctx.locale);
  const read = await readLines(body, contentType, say);
  if ('error' in read) {
    // Past the row limit: the job shows how many data rows had been read when the reading stopped.
    if (read.seen) await updateImportJobProgress(db, jobId, { total: read.seen });
    return { errors: [read.error] };
  }
  const [first, ...lines] = read.lines;
  const header = ENTERPRISE_IMPORT_HEADERS.map((_, i) => (first?.row === 1 ? cellText(first.cells[i] ?? null) : ''));
  if (header.join('|') !== ENTERPRISE_IMPORT_HEADERS.join('|')) {
    const expected = ENTERPRISE_IMPORT_HEADERS.join(say('、', ', '));
    return {
      errors: [
        { row: 1, field: 'header', reason: say(`表头应为：${expected}`, `The header row must be: ${expected}`) },
      ],
    };
  }
  await updateImportJobProgress(db, jobId, { total: lines.length });
  if (lines.length === 0)
    return { errors: [{ row: 0, field: 'file', reason: say('文件中没有数据行', 'The file has no data rows') }] };

  const ref = await loadReference(db, user, beijingDay(ctx.deps.clock()));
  const errors: RowError[] = [];
  const rows: CheckedRow[] = [];
  const rowsByCode = new Map<string, number[]>();
  for (const [i, line] of lines.entries()) {
    const checked = checkRow(line.row, line.cells, ref, ctx.locale);
    errors.push(...checked.errors);
    if (checked.values) rows.push({ row: line.row, values: checked.values });
    if (checked.code) rowsByCode.set(checked.code, [...(rowsByCode.get(checked.code) ?? []), line.row]);
    const processed = i + 1;
    if (processed % PROGRESS_EVERY === 0 || processed === lines.length) {
      await updateImportJobProgress(db, jobId, { processed });
      await yieldToEventLoop();
    }
  }
  for (const [code, at] of rowsByCode) {
    if (at.length < 2) continue;
    for (const row of at) {
      const others = at.filter((r) => r !== row).join(say('、', ', '));
      errors.push({
        row,
        field: 'creditCode',
        reason: say(
          `统一社会信用代码 ${code} 与第 ${others} 行重复`,
          `Credit code ${code} repeats in row(s) ${others}`,
        ),
      });
    }
  }
  const codes = [...rowsByCode.keys()];
  for (let i = 0; i < codes.length; i += CHUNK) {
    const taken = await db
      .select({ code: enterprises.creditCode })
      .from(enterprises)
      .where(inArray(enterprises.creditCode, codes.slice(i, i + CHUNK)));
    await yieldToEventLoop();
    for (const { code } of taken) {
      for (const row of rowsByCode.get(code) ?? [])
        errors.push({
          row,
          field: 'creditCode',
          reason: say(`统一社会信用代码 ${code} 已在平台登记`, `Credit code ${code} is already registered`),
        });
    }
  }
  if (errors.length)
    return {
      errors: capErrors(
        errors.sort((a, b) => a.row - b.row),
        say,
      ),
    };
  return { rows };
}
