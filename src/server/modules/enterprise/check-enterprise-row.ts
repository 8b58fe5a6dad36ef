import { eq } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import type { TLocale } from '../../../contracts/common';
import { validateCreditCode } from '../../../contracts/credit-code';
import type { Db } from '../../db/client';
import { centres, type enterprises, parks, regions } from '../../db/schema';
import type { SessionUser } from '../../lib/access/session-user';
import type { RowError } from './import-job.repository';

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0']);
const PHONE = /^[0-9+\-() ]{7,20}$/;

export type Say = (zh: string, en: string) => string;
export type NewEnterprise = Omit<typeof enterprises.$inferInsert, 'createdAt' | 'updatedAt'>;
/** What every row is checked against, loaded once per file. */
interface Reference {
  counties: Map<string, { name: string; cityCode: string }>;
  parks: Map<string, { id: number; countyCode: string }>;
  /** The one county whose enterprises the caller may import (a county's own; an operator's centre's). */
  allowedCounty: string | null;
  today: string;
}

export const sayIn =
  (locale: TLocale): Say =>
  (zh, en) =>
    locale === 'en' ? en : zh;

export function cellText(value: ExcelJS.CellValue): string {
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

export async function loadReference(db: Db, user: SessionUser, today: string): Promise<Reference> {
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
export function checkRow(
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
