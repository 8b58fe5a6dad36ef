import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { TLocale } from '../../../contracts/common';
import { validateCreditCode } from '../../../contracts/credit-code';
import { ENTERPRISE_IMPORT_HEADERS, ENTERPRISE_IMPORT_MAX_ROWS, type TImportJob } from '../../../contracts/enterprise';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centres, enterprises, importJobs, parks, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import type { SessionUser } from '../../lib/access/session-user';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { cleanFileName } from '../../lib/stored-file';
import { beijingDay } from '../../policy/policy';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;
const SPREADSHEET_ONLY = {
  field: 'file',
  'accepted_zh-CN': '请上传 .xlsx 或 .csv 文件',
  accepted_en: 'upload an .xlsx or .csv file',
};
const PROGRESS_EVERY = 500;
const CHUNK = 1000;
const MAX_STORED_ERRORS = 1000;
const YES = new Set(['是', '有', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0']);
const PHONE = /^[0-9+\-() ]{7,20}$/;

type RowError = TImportJob['errors'][number];
type Say = (zh: string, en: string) => string;
type JobRow = typeof importJobs.$inferSelect;
type NewEnterprise = Omit<typeof enterprises.$inferInsert, 'createdAt' | 'updatedAt'>;
interface CheckedRow {
  row: number;
  values: NewEnterprise;
}
/** What every row is checked against, loaded once per file. */
interface Reference {
  counties: Map<string, { name: string; cityCode: string }>;
  parks: Map<string, { id: number; countyCode: string }>;
  /** The one county whose enterprises the caller may import (a county's own; an operator's centre's). */
  allowedCounty: string | null;
  today: string;
}

/**
 * PGlite answers within the same turn of the event loop (its queries resolve as microtasks), so a loop of queries
 * would keep every other request waiting, progress polls included, until the whole file is done: let them in.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const sayIn =
  (locale: TLocale): Say =>
  (zh, en) =>
    locale === 'en' ? en : zh;

function present({ userId: _starter, ...row }: JobRow): TImportJob {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

/** The Content-Type decides; the first bytes must agree (an .xlsx is a zip, a CSV has no NUL bytes). */
function fileKind(contentType: string, body: Buffer): 'xlsx' | 'csv' {
  const type = contentType.toLowerCase();
  if (type.startsWith(XLSX_TYPE) && body.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'xlsx';
  if (type.startsWith('text/csv') && !body.subarray(0, 4096).includes(0)) return 'csv';
  throw new AppError('UNSUPPORTED_FILE', SPREADSHEET_ONLY);
}

export interface StartEnterpriseImportOptions {
  ctx: RequestContext;
  body: Buffer;
  contentType: string;
  /** The X-File-Name header as sent (URI-encoded). */
  fileName?: string;
}

/**
 * Accept a file and start its import in the background: the job is answered at once and the client polls it.
 * `done` settles when the job has finished; it rejects only on an unexpected failure, after recording the job as
 * failed, so the caller must catch it (an unhandled rejection would end the process).
 */
export async function startEnterpriseImport(
  opts: StartEnterpriseImportOptions,
): Promise<{ job: TImportJob; done: Promise<void> }> {
  const { ctx, body, contentType } = opts;
  const user = requireAction(ctx.user, 'enterprise.import');
  const kind = fileKind(contentType, body);
  const now = ctx.deps.clock();
  const fileName = cleanFileName(opts.fileName, kind);
  // The job row and its audit entry go together: starting an import is itself a state change.
  const row = await ctx.deps.db.transaction(async (tx) => {
    const [job] = await tx
      .insert(importJobs)
      .values({
        kind: 'enterprises',
        userId: user.id,
        fileName,
        status: 'running',
        phase: 'checking',
        errors: [],
        createdAt: now,
      })
      .returning();
    if (!job) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'enterprise.import.started',
      objectType: 'enterprise_import',
      objectId: job.id,
      after: { fileName, size: body.length },
    });
    return job;
  });
  if (!row) throw new Error('insert returned nothing');
  // The request is answered before the work is done: the work keeps only what it needs, not the request.
  const background: RequestContext = {
    deps: ctx.deps,
    user: { ...user },
    ip: ctx.ip,
    requestId: ctx.requestId,
    locale: ctx.locale,
  };
  const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
    runEnterpriseImport(background, row.id, body, contentType),
  );
  return { job: present(row), done };
}

/** A job as its starter sees it; anyone else is told it does not exist. */
export async function getImportJob(ctx: RequestContext, id: number): Promise<TImportJob> {
  const user = requireAction(ctx.user, 'enterprise.import');
  const [row] = await ctx.deps.db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), eq(importJobs.userId, user.id)));
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
}

async function finishFailed(db: Db, jobId: number, at: Date, errors: RowError[], say: Say): Promise<void> {
  const stored =
    errors.length > MAX_STORED_ERRORS
      ? [
          ...errors.slice(0, MAX_STORED_ERRORS),
          {
            row: 0,
            field: 'file',
            reason: say(
              `另有 ${errors.length - MAX_STORED_ERRORS} 条错误未列出，请先改正以上错误`,
              `${errors.length - MAX_STORED_ERRORS} more errors not listed; correct the ones above first`,
            ),
          },
        ]
      : errors;
  await db
    .update(importJobs)
    .set({ status: 'failed', phase: 'done', errors: stored, finishedAt: at })
    .where(eq(importJobs.id, jobId));
}

/**
 * Import an enterprise file (SPEC §5, all rows or none): check every row, then write them all in one transaction
 * with one audit entry. A file with any bad row fails whole with a row-by-row report, and nothing is written.
 * Never throws for a bad file; an unexpected failure is recorded on the job first and then rethrown.
 */
export async function runEnterpriseImport(
  ctx: RequestContext,
  jobId: number,
  body: Buffer,
  contentType: string,
): Promise<void> {
  const { db, clock } = ctx.deps;
  const say = sayIn(ctx.locale);
  try {
    const [job] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
    if (!job || !ctx.user) throw new Error(`import job ${jobId} not found`);
    const checked = await checkFile(ctx, ctx.user, jobId, body, contentType);
    if ('errors' in checked) return await finishFailed(db, jobId, clock(), checked.errors, say);
    await writeRows(ctx, job, checked.rows);
  } catch (err) {
    await finishFailed(
      db,
      jobId,
      clock(),
      [
        {
          row: 0,
          field: 'file',
          reason: say(
            `导入时发生内部错误，全部数据均未导入（请求编号 ${ctx.requestId}）`,
            `Internal error during the import; nothing was imported (request ${ctx.requestId})`,
          ),
        },
      ],
      say,
    );
    throw err;
  }
}

async function writeRows(ctx: RequestContext, job: JobRow, rows: CheckedRow[]): Promise<void> {
  const { db, clock } = ctx.deps;
  const say = sayIn(ctx.locale);
  await db.update(importJobs).set({ phase: 'writing' }).where(eq(importJobs.id, job.id));
  await yieldToEventLoop();
  const now = clock();
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx
          .insert(enterprises)
          .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r.values, createdAt: now, updatedAt: now })));
        await yieldToEventLoop();
      }
      await tx
        .update(importJobs)
        .set({ status: 'succeeded', phase: 'done', imported: rows.length, finishedAt: now })
        .where(eq(importJobs.id, job.id));
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'enterprise.imported',
        objectType: 'enterprise_import',
        objectId: job.id,
        after: { count: rows.length, fileName: job.fileName },
      });
    });
  } catch (err) {
    // Registered by someone else after the check (a concurrent import or registration): the unique key refuses it.
    const cause = (err as { cause?: { code?: string; constraint?: string; detail?: string } } | null)?.cause;
    if (cause?.code !== '23505' || cause.constraint !== 'enterprises_credit_code_unique') throw err;
    const code = /\(credit_code\)=\(([^)]*)\)/.exec(cause.detail ?? '')?.[1] ?? '';
    const row = rows.find((r) => r.values.creditCode === code)?.row ?? 0;
    const reason = say(
      `统一社会信用代码 ${code} 在校验后已被登记，全部数据均未导入，请核对后重新导入`,
      `Credit code ${code} was registered after the check; nothing was imported, check the file and import it again`,
    );
    await finishFailed(db, job.id, clock(), [{ row, field: 'creditCode', reason }], say);
  }
}

// ---- Phase "checking" ---------------------------------------------------------------------------------------------

function cellText(value: ExcelJS.CellValue): string {
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

/**
 * Excel saves "CSV UTF-8" with a BOM, which would otherwise stick to the first header; its plain "CSV" is GBK on a
 * Chinese Windows, read here as GB 18030 (its superset) when the bytes are not UTF-8.
 */
function csvText(body: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('gb18030').decode(body);
  }
  return text.replace(/^\uFEFF/, '');
}

async function readSheet(body: Buffer, contentType: string): Promise<ExcelJS.Worksheet | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (fileKind(contentType, body) === 'csv') {
      // Cells stay text: ExcelJS would turn 18-digit codes into rounded numbers and drop leading zeros.
      const text = csvText(body);
      return await workbook.csv.read(Readable.from([text]), { map: (datum: string) => datum });
    }
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  return workbook.worksheets[0] ?? null;
}

async function loadReference(db: Db, user: SessionUser, today: string): Promise<Reference> {
  const all = await db
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      parentCode: regions.parentCode,
      cityCode: regions.cityCode,
    })
    .from(regions);
  const parents = new Set(all.map((r) => r.parentCode));
  const counties = new Map<string, { name: string; cityCode: string }>();
  for (const r of all) {
    // County level: the counties, and the province-administered cities without counties (仙桃, 潜江, 天门, 神农架).
    if (r.cityCode && (r.level === 'county' || (r.level === 'city' && !parents.has(r.code))))
      counties.set(r.code, { name: r.name, cityCode: r.cityCode });
  }
  const parkRows = await db.select({ id: parks.id, name: parks.name, countyCode: parks.countyCode }).from(parks);
  let allowedCounty: string | null = null;
  if (user.role === 'county') allowedCounty = user.regionCode;
  if (user.role === 'operator' && user.centreId) {
    const [centre] = await db
      .select({ countyCode: centres.countyCode })
      .from(centres)
      .where(eq(centres.id, user.centreId));
    allowedCounty = centre?.countyCode ?? null;
  }
  return { counties, parks: new Map(parkRows.map((p) => [p.name, p])), allowedCounty, today };
}

function parseDay(value: ExcelJS.CellValue): string | null | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  const text = cellText(value);
  if (text === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : undefined;
}

/** One data row against the rules of ZEnterpriseParticulars, the caller's scope and the reference data. */
function checkRow(
  row: number,
  cells: ExcelJS.CellValue[],
  ref: Reference,
  locale: TLocale,
): { code: string | null; values: NewEnterprise | null; errors: RowError[] } {
  const say = sayIn(locale);
  const errors: RowError[] = [];
  const bad = (field: string, zh: string, en: string) => errors.push({ row, field, reason: say(zh, en) });
  const [rawCode, name, countyCode, parkName, person, phone, email, trade] = cells.map(cellText);
  let code: string | null = null;
  const credit = validateCreditCode(rawCode);
  if (typeof cells[0] === 'number')
    bad(
      'creditCode',
      '该单元格为数字格式，Excel 会改变18位代码，请将该列设为文本后重新填写',
      'The cell is a number and Excel alters 18-digit codes; format the column as text and enter the code again',
    );
  else if (credit.ok) code = credit.code;
  else errors.push({ row, field: 'creditCode', reason: credit.message[locale] });
  if (name.length < 4 || name.length > 100)
    bad('name', '企业名称应为4至100个字', 'The name must have 4 to 100 characters');
  const county = ref.counties.get(countyCode);
  if (!county)
    bad(
      'countyCode',
      `“${countyCode}”不是湖北省县级行政区划代码`,
      `"${countyCode}" is not the code of a county-level division of Hubei`,
    );
  else if (countyCode !== ref.allowedCounty) {
    const own = ref.allowedCounty ? ref.counties.get(ref.allowedCounty)?.name : undefined;
    bad(
      'countyCode',
      `${county.name}不在您的管辖范围内${own ? `，只能导入${own}的企业` : ''}`,
      `${county.name} is outside your scope${own ? `; you may import only enterprises of ${own}` : ''}`,
    );
  }
  const park = parkName ? ref.parks.get(parkName) : undefined;
  if (parkName && !park)
    bad('park', `“${parkName}”不是已登记的开发区（园区）`, `"${parkName}" is not a registered development zone`);
  else if (park && county && park.countyCode !== countyCode)
    bad('park', `${parkName}不在${county.name}`, `${parkName} is not in ${county.name}`);
  if (person.length < 2 || person.length > 50)
    bad('contactPerson', '联系人应为2至50个字', 'The contact person must have 2 to 50 characters');
  if (!PHONE.test(phone))
    bad(
      'contactPhone',
      `“${phone}”不是有效的电话号码（7至20位数字，可含 +、-、括号、空格）`,
      `"${phone}" is not a phone number (7 to 20 digits, +, -, brackets or spaces)`,
    );
  if (email && (email.length > 100 || !z.email().safeParse(email).success))
    bad('contactEmail', `“${email}”不是有效的电子邮箱`, `"${email}" is not a valid e-mail address`);
  const hasTradeRecord = YES.has(trade.toLowerCase()) ? true : NO.has(trade.toLowerCase()) ? false : undefined;
  if (hasTradeRecord === undefined)
    bad('hasTradeRecord', `“${trade}”应填“是”或“否”`, `"${trade}" must be 是 (yes) or 否 (no)`);
  const firstTradeOn = parseDay(cells[8] ?? null);
  if (firstTradeOn === undefined)
    bad(
      'firstTradeOn',
      `“${cellText(cells[8] ?? null)}”不是 YYYY-MM-DD 格式的日期`,
      `"${cellText(cells[8] ?? null)}" is not a date in the form YYYY-MM-DD`,
    );
  else if (firstTradeOn && firstTradeOn > ref.today)
    bad(
      'firstTradeOn',
      `首次进出口日期 ${firstTradeOn} 晚于今天`,
      `The first trade date ${firstTradeOn} is in the future`,
    );
  if (errors.length || !code || !county || hasTradeRecord === undefined || firstTradeOn === undefined)
    return { code, values: null, errors };
  return {
    code,
    errors,
    values: {
      creditCode: code,
      name,
      countyCode,
      cityCode: county.cityCode,
      parkId: park?.id ?? null,
      contactPerson: person,
      contactPhone: phone,
      contactEmail: email || null,
      hasTradeRecord,
      firstTradeOn,
      status: 'approved',
      source: 'import',
      isDemo: false,
    },
  };
}

async function checkFile(
  ctx: RequestContext,
  user: SessionUser,
  jobId: number,
  body: Buffer,
  contentType: string,
): Promise<{ rows: CheckedRow[] } | { errors: RowError[] }> {
  const { db } = ctx.deps;
  const say = sayIn(ctx.locale);
  const sheet = await readSheet(body, contentType);
  if (!sheet)
    return {
      errors: [
        {
          row: 0,
          field: 'file',
          reason: say('无法读取文件，请上传 .xlsx 或 .csv 文件', 'Cannot read the file; upload an .xlsx or .csv file'),
        },
      ],
    };
  const width = ENTERPRISE_IMPORT_HEADERS.length;
  const header = ENTERPRISE_IMPORT_HEADERS.map((_, i) => cellText(sheet.getRow(1).getCell(i + 1).value));
  if (header.join('|') !== ENTERPRISE_IMPORT_HEADERS.join('|')) {
    const expected = ENTERPRISE_IMPORT_HEADERS.join(say('、', ', '));
    return {
      errors: [
        { row: 1, field: 'header', reason: say(`表头应为：${expected}`, `The header row must be: ${expected}`) },
      ],
    };
  }
  const lines: { row: number; cells: ExcelJS.CellValue[] }[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const cells = Array.from({ length: width }, (_, i) => sheet.getRow(r).getCell(i + 1).value);
    if (cells.some((c) => cellText(c) !== '')) lines.push({ row: r, cells });
  }
  await db.update(importJobs).set({ total: lines.length }).where(eq(importJobs.id, jobId));
  if (lines.length > ENTERPRISE_IMPORT_MAX_ROWS)
    return {
      errors: [
        {
          row: 0,
          field: 'file',
          reason: say(
            `文件有 ${lines.length} 行数据，每次最多导入 ${ENTERPRISE_IMPORT_MAX_ROWS} 行，请分成多个文件`,
            `The file has ${lines.length} data rows; at most ${ENTERPRISE_IMPORT_MAX_ROWS} per file, split it`,
          ),
        },
      ],
    };
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
      await db.update(importJobs).set({ processed }).where(eq(importJobs.id, jobId));
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
  if (errors.length) return { errors: errors.sort((a, b) => a.row - b.row) };
  return { rows };
}

/**
 * Header only: a sample row would be imported by whoever forgot to delete it. The code and phone columns are text,
 * so that Excel keeps 18-digit codes and leading zeros as typed.
 */
export async function enterpriseImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '湖北省对外贸易综合服务平台';
  const sheet = workbook.addWorksheet('外贸企业', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [24, 32, 16, 26, 12, 18, 26, 14, 16];
  sheet.columns = ENTERPRISE_IMPORT_HEADERS.map((header, i) => ({
    header,
    width: widths[i],
    style: [0, 2, 5].includes(i) ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
