import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { TLocale } from '../../../contracts/common';
import { RATE_FILE_COLUMNS, type TExchangeRate, type TRateImportResult } from '../../../contracts/trade-intake';
import { auditContext, type RequestContext } from '../../context';
import { exchangeRates } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { loadExcelJS } from '../../lib/exceljs';
import type { ListPage } from '../../lib/list-route';
import { readSheet, SheetLimitError, SheetUnreadableError, sheetLimitRowError } from '../../lib/sheet-reader';
import { fileKind, IMPORT_MAX_CELL_CHARS, XLSX_TYPE } from '../enterprise/check-enterprise-file';
import { formatDecimal, parseDecimal } from './declaration-rules';
import { cellText } from './read-declaration-file';

/*
 * 汇率 (issue 13): the province keeps a monthly table of CNY per unit of each currency; a declaration's CNY and USD
 * values are computed with the rates of its month when it is taken in. Set from a file, checked whole and written
 * whole or not at all; the audit entry keeps the before and after of every rate that changed.
 */

const say = (l: TLocale, zh: string, en: string) => (l === 'en' ? en : zh);
const RATE_MAX_ROWS = 5000;

export async function listRates(
  ctx: RequestContext,
  q: { year?: number; month?: string; currency?: string },
  limit: number,
  offset: number,
): Promise<ListPage<TExchangeRate>> {
  requireAction(ctx.user, 'trade.read');
  const conds: SQL[] = [];
  if (q.year) conds.push(sql`${exchangeRates.month} like ${`${q.year}-%`}`);
  if (q.month) conds.push(eq(exchangeRates.month, q.month));
  if (q.currency) conds.push(eq(exchangeRates.currency, q.currency.toUpperCase()));
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    ctx.deps.db
      .select()
      .from(exchangeRates)
      .where(where)
      .orderBy(desc(exchangeRates.month), exchangeRates.currency)
      .limit(limit)
      .offset(offset),
    ctx.deps.db.select({ n: sql<number>`count(*)::int` }).from(exchangeRates).where(where),
  ]);
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      month: r.month,
      currency: r.currency.trim(),
      cnyPerUnit: r.cnyPerUnit,
      setAt: r.setAt.toISOString(),
    })),
  };
}

interface RateRow {
  row: number;
  month: string;
  currency: string;
  cnyPerUnit: string;
}
type RowError = { row: number; field: string; reason: string };

function checkRateRows(
  lines: Awaited<ReturnType<typeof readSheet>>,
  l: TLocale,
): { rows: RateRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: RateRow[] = [];
  const header = lines[0];
  const at = RATE_FILE_COLUMNS.map((c) =>
    (header?.cells ?? []).findIndex((cell) => {
      const h = cellText(cell).replace(/\s+/g, '');
      return h === c.header || h.toLowerCase() === c.alias.toLowerCase();
    }),
  );
  const missing = RATE_FILE_COLUMNS.filter((_, i) => at[i] < 0);
  if (!header || missing.length) {
    errors.push({
      row: header?.row ?? 0,
      field: 'file',
      reason: say(
        l,
        `缺少列：${missing.map((c) => c.header).join('、')}`,
        `Missing columns: ${missing.map((c) => c.alias).join(', ')}`,
      ),
    });
    return { rows, errors };
  }
  const [monthH, currencyH, rateH] = RATE_FILE_COLUMNS.map((c) => c.header);
  const seen = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const [rawMonth, rawCurrency, rawRate] = at.map((i) => line.cells[i] ?? null);
    const month =
      rawMonth instanceof Date
        ? rawMonth.toISOString().slice(0, 7)
        : cellText(rawMonth)
            .replace(/[/.年]/, '-')
            .replace(/月$/, '');
    const m = /^(\d{4})-(\d{1,2})$/.exec(month);
    const monthOk = m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && m[1] >= '1900' && m[1] <= '2099';
    const normMonth = m ? `${m[1]}-${m[2].padStart(2, '0')}` : month;
    if (!monthOk)
      errors.push({
        row: line.row,
        field: monthH,
        reason: say(l, `“${month}”不是月份，应如 2026-03`, `"${month}" is not a month such as 2026-03`),
      });
    const currency = cellText(rawCurrency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency) || currency === 'CNY')
      errors.push({
        row: line.row,
        field: currencyH,
        reason: say(
          l,
          `“${currency}”不是外币代码（ISO 4217 三位字母，人民币无需填写）`,
          `"${currency}" is not a foreign currency code (ISO 4217, three letters; CNY needs no rate)`,
        ),
      });
    const rateText = cellText(rawRate);
    const units = parseDecimal(rateText, 6);
    if (units === null || units <= 0n || units >= 10n ** 18n)
      errors.push({
        row: line.row,
        field: rateH,
        reason: say(
          l,
          `“${rateText}”不是大于 0、最多 6 位小数的折算率`,
          `"${rateText}" is not a rate above 0 with at most 6 decimals`,
        ),
      });
    const key = `${normMonth} ${currency}`;
    const first = seen.get(key);
    if (first !== undefined)
      errors.push({
        row: line.row,
        field: currencyH,
        reason: say(
          l,
          `${normMonth} 的 ${currency} 已在第 ${first} 行填写`,
          `${currency} for ${normMonth} is already on row ${first}`,
        ),
      });
    else seen.set(key, line.row);
    if (units !== null && monthOk)
      rows.push({ row: line.row, month: normMonth, currency, cnyPerUnit: formatDecimal(units, 6) });
  }
  if (lines.length <= 1)
    errors.push({ row: 0, field: 'file', reason: say(l, '文件中没有数据行', 'The file has no data rows') });
  return { rows, errors };
}

/**
 * Set monthly rates from a file (province only): all rows or none, with a row-by-row report. A rate already set for
 * the month and currency is replaced; declarations already taken in keep the values they were given (the rate of
 * their intake), which is why the audit keeps every replaced rate.
 */
export async function importRates(ctx: RequestContext, body: Buffer, contentType: string): Promise<TRateImportResult> {
  const user = requireAction(ctx.user, 'trade.rates');
  const l = ctx.locale;
  let lines: Awaited<ReturnType<typeof readSheet>>;
  try {
    lines = await readSheet(body, fileKind(contentType, body), {
      maxDataRows: RATE_MAX_ROWS,
      width: 12,
      maxBytes: 16 * 1024 * 1024,
      maxCellChars: IMPORT_MAX_CELL_CHARS,
    });
  } catch (err) {
    const s = (zh: string, en: string) => say(l, zh, en);
    if (err instanceof SheetLimitError)
      throw new AppError('IMPORT_REJECTED', { count: 1, errors: [sheetLimitRowError(err, s)] });
    if (err instanceof SheetUnreadableError)
      throw new AppError('IMPORT_REJECTED', {
        count: 1,
        errors: [
          {
            row: 0,
            field: 'file',
            reason: s('无法读取文件，请上传 .xlsx 或 .csv 文件', 'Cannot read the file; upload an .xlsx or .csv file'),
          },
        ],
      });
    throw err;
  }
  const { rows, errors } = checkRateRows(lines, l);
  if (errors.length) throw new AppError('IMPORT_REJECTED', { count: new Set(errors.map((e) => e.row)).size, errors });
  const now = ctx.deps.clock();
  return ctx.deps.db.transaction(async (tx) => {
    const months = [...new Set(rows.map((r) => r.month))];
    const prior = new Map(
      (await tx.select().from(exchangeRates).where(inArray(exchangeRates.month, months))).map((r) => [
        `${r.month} ${r.currency.trim()}`,
        r.cnyPerUnit,
      ]),
    );
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    let added = 0;
    let changed = 0;
    for (const r of rows) {
      const key = `${r.month} ${r.currency}`;
      const old = prior.get(key);
      if (old === r.cnyPerUnit) continue;
      if (old === undefined) added++;
      else {
        changed++;
        before[key] = old;
      }
      after[key] = r.cnyPerUnit;
    }
    for (let i = 0; i < rows.length; i += 1000)
      await tx
        .insert(exchangeRates)
        .values(rows.slice(i, i + 1000).map((r) => ({ ...r, setBy: user.id, setAt: now })))
        .onConflictDoUpdate({
          target: [exchangeRates.month, exchangeRates.currency],
          set: { cnyPerUnit: sql`excluded.cny_per_unit`, setBy: user.id, setAt: now },
          setWhere: sql`${exchangeRates.cnyPerUnit} <> excluded.cny_per_unit`,
        });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'trade.rates.imported',
      objectType: 'exchangeRates',
      objectId: null,
      before: Object.keys(before).length ? before : null,
      after: { rows: rows.length, added, changed, rates: after },
    });
    return { rows: rows.length, added, changed };
  });
}

/** Header only (no sample row to be imported by mistake); the month column is text so that Excel keeps 2026-03. */
export async function ratesTemplate(): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = '湖北省对外贸易综合服务平台';
  const sheet = wb.addWorksheet('月度汇率', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = RATE_FILE_COLUMNS.map((c, i) => ({
    header: c.header,
    width: [12, 10, 16][i],
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
export { XLSX_TYPE };
