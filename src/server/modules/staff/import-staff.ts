import type ExcelJS from 'exceljs';
import { z } from 'zod';
import type { TLocale } from '../../../contracts/common';
import { STAFF_IMPORT_HEADERS, type TImportRowError, type TStaffInput, ZStaffInput } from '../../../contracts/staff';
import { auditContext, type RequestContext } from '../../context';
import { centreStaff } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import {
  readSheet,
  SheetLimitError,
  type SheetRow,
  SheetUnreadableError,
  sheetLimitRowError,
} from '../../lib/sheet-reader';
import { recheckCentreConditions } from '../centre';
import { deliverOutbound } from '../message/notify';
import { centreFor } from './staff-roster';

export const MAX_IMPORT_ROWS = 500;
const SPREADSHEET_ONLY = {
  field: 'file',
  'accepted_zh-CN': '请上传 .xlsx 或 .csv 文件',
  accepted_en: 'upload an .xlsx or .csv file',
};

const zhLocale = z.locales.zhCN().localeError;
function zodReasonZh(issue: z.core.$ZodIssue): string {
  const out = zhLocale(issue as unknown as Parameters<typeof zhLocale>[0]);
  return (typeof out === 'string' ? out : out?.message) || issue.message;
}
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FIELDS = ['name', 'tradeYears', 'customsDeclarant', 'foreignLanguage', 'socialInsuranceProof'] as const;
const YES = new Set(['是', '有', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0']);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return String(value).trim();
}

/** Bytes of the workbook's parts once unpacked: a roster of 500 rows is well under 1 MB. */
const ROSTER_MAX_UNPACKED_BYTES = 16 * 1024 * 1024;
const ROSTER_MAX_CELL_CHARS = 1000;

/** The non-blank rows (header included), with the limits checked as the file is read. */
async function readRoster(
  body: Buffer,
  contentType: string,
  locale: TLocale,
): Promise<{ lines: SheetRow[] } | { errors: TImportRowError[] }> {
  const say = (zh: string, en: string) => (locale === 'en' ? en : zh);
  try {
    const kind = contentType.startsWith('text/csv') ? 'csv' : 'xlsx';
    const lines = await readSheet(body, kind, {
      maxDataRows: MAX_IMPORT_ROWS,
      width: FIELDS.length,
      maxBytes: ROSTER_MAX_UNPACKED_BYTES,
      maxCellChars: ROSTER_MAX_CELL_CHARS,
    });
    return { lines };
  } catch (err) {
    if (err instanceof SheetLimitError)
      return {
        errors: [sheetLimitRowError(err, say)],
      };
    if (err instanceof SheetUnreadableError) throw new AppError('UNSUPPORTED_FILE', SPREADSHEET_ONLY);
    throw err;
  }
}

function parseBool(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

/** Every row checked; the report lists each bad cell by its spreadsheet row number and column. */
export function checkRows(lines: SheetRow[], locale: TLocale): { rows: TStaffInput[]; errors: TImportRowError[] } {
  const say = (zh: string, en: string) => (locale === 'en' ? en : zh);
  const errors: TImportRowError[] = [];
  const [first, ...data] = lines;
  const header = FIELDS.map((_, i) => (first?.row === 1 ? cellText(first.cells[i] ?? null) : ''));
  if (header.join('|') !== STAFF_IMPORT_HEADERS.join('|')) {
    errors.push({
      row: 1,
      field: 'header',
      reason: say(
        `表头应为：${STAFF_IMPORT_HEADERS.join('、')}`,
        `the header row must be: ${STAFF_IMPORT_HEADERS.join(', ')}`,
      ),
    });
    return { rows: [], errors };
  }
  const rows: TStaffInput[] = [];
  for (const line of data) {
    const r = line.row;
    const cells = FIELDS.map((_, i) => cellText(line.cells[i] ?? null));
    const [name, years, declarant, language, proof] = cells as [string, string, string, string, string];
    const candidate = {
      name,
      tradeYears: years === '' || Number.isNaN(Number(years)) ? Number.NaN : Number(years),
      customsDeclarant: parseBool(declarant),
      foreignLanguage: parseBool(language),
      socialInsuranceProof: proof,
    };
    const before = errors.length;
    if (Number.isNaN(candidate.tradeYears))
      errors.push({
        row: r,
        field: 'tradeYears',
        reason: say(`“${years}”不是年数`, `"${years}" is not a number of years`),
      });
    if (candidate.customsDeclarant === undefined) {
      errors.push({
        row: r,
        field: 'customsDeclarant',
        reason: say(`“${declarant}”应填“是”或“否”`, `"${declarant}" must be 是 (yes) or 否 (no)`),
      });
    }
    if (candidate.foreignLanguage === undefined) {
      errors.push({
        row: r,
        field: 'foreignLanguage',
        reason: say(`“${language}”应填“是”或“否”`, `"${language}" must be 是 (yes) or 否 (no)`),
      });
    }
    if (errors.length > before) continue;
    const parsed = ZStaffInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({
          row: r,
          field: String(issue.path[0] ?? ''),
          reason: locale === 'en' ? issue.message : zodReasonZh(issue),
        });
      }
      continue;
    }
    rows.push(parsed.data);
  }
  if (rows.length === 0 && errors.length === 0)
    errors.push({ row: 0, field: 'file', reason: say('文件中没有数据行', 'the file has no data rows') });
  return { rows, errors };
}

/**
 * Import a roster file (.xlsx or .csv) into a centre: all rows or none (SPEC §5). A file with any bad row is
 * refused whole with a row-by-row report, and nothing changes.
 */
export async function importStaff(
  ctx: RequestContext,
  centreId: number,
  body: Buffer,
  contentType: string,
): Promise<{ imported: number }> {
  const centre = await centreFor(ctx, centreId, 'staff.manage');
  if (!contentType.startsWith('text/csv') && !contentType.startsWith(XLSX_TYPE)) {
    throw new AppError('UNSUPPORTED_FILE', SPREADSHEET_ONLY);
  }
  const read = await readRoster(body, contentType, ctx.locale);
  const { rows, errors } = 'errors' in read ? { rows: [], errors: read.errors } : checkRows(read.lines, ctx.locale);
  if (errors.length) throw new AppError('IMPORT_REJECTED', { count: new Set(errors.map((e) => e.row)).size, errors });
  const now = ctx.deps.clock();
  const sent = await ctx.deps.db.transaction(async (tx) => {
    await tx
      .insert(centreStaff)
      .values(rows.map((r) => ({ ...r, centreId: centre.id, isDemo: centre.isDemo, createdAt: now })));
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'staff.imported',
      objectType: 'centre',
      objectId: centre.id,
      after: { count: rows.length, names: rows.map((r) => r.name) },
    });
    // Art. 9(四): the roster changed, so may the centre's staffing condition.
    return recheckCentreConditions(tx, ctx, [centre.id], now);
  });
  deliverOutbound(ctx.deps, sent);
  return { imported: rows.length };
}
