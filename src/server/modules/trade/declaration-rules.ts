import type { TLocale } from '../../../contracts/common';
import type { TTradeDeclarationInput, TTradeIssue } from '../../../contracts/trade';
import { HS_CHAPTERS, isTradeMode, type TTradeDirection, toCountryCode } from '../../../contracts/trade-codes';

/*
 * The checks a customs declaration passes before it is taken in (SPEC §2 trade record; Art. 5(十三) asks the centres
 * to bring enterprises' trade data together, so it must be right). Pure: no database. Each refusal names the field and
 * says why, in the caller's language; the import report turns the field into the file's column.
 */

const REASONS = {
  numberFormat: { 'zh-CN': '报关单号应为18位数字', en: 'A declaration number is 18 digits' },
  numberOffice: {
    'zh-CN': '报关单号前4位（海关关区代码）不能为0000',
    en: 'Digits 1–4 (customs office) cannot be 0000',
  },
  numberYear: {
    'zh-CN': '报关单号第5–8位（年份{noYear}）与申报日期的年份{year}不一致',
    en: 'Digits 5–8 (year {noYear}) differ from the year of the declaration date ({year})',
  },
  numberFlag: {
    'zh-CN': '报关单号第9位应为{flag}（{direction}）',
    en: 'Digit 9 must be {flag} ({direction})',
  },
  numberSequence: { 'zh-CN': '报关单号后9位（顺序号）不能全为0', en: 'The 9-digit sequence cannot be all zeros' },
  tradeMode: {
    'zh-CN': '贸易方式代码“{value}”不在海关监管方式代码表中',
    en: 'Trade mode "{value}" is not in the customs code list',
  },
  country: {
    'zh-CN': '国家（地区）代码“{value}”不是有效的ISO 3166代码',
    en: '"{value}" is not an ISO 3166 country code',
  },
  currency: {
    'zh-CN': '币制“{value}”应为3位字母的ISO 4217代码',
    en: 'Currency "{value}" must be a 3-letter ISO 4217 code',
  },
  amount: {
    'zh-CN': '金额“{value}”应为大于0、最多2位小数的数字',
    en: 'Amount "{value}" must be a number above 0 with at most 2 decimals',
  },
  quantity: {
    'zh-CN': '数量“{value}”应为不小于0、最多5位小数的数字',
    en: 'Quantity "{value}" must be a number of at least 0 with at most 5 decimals',
  },
  commodityFormat: { 'zh-CN': '商品编号“{value}”应为10位数字', en: 'Commodity code "{value}" must be 10 digits' },
  commodityChapter: {
    'zh-CN': '商品编号“{value}”的前2位（第{chapter}章）不是海关税则中的章',
    en: 'Commodity code "{value}": chapter {chapter} does not exist in the tariff',
  },
  linesSum: {
    'zh-CN': '表头总价{total}与各商品项金额之和{sum}不一致',
    en: 'The total {total} differs from the sum of the lines {sum}',
  },
  rateMissing: {
    'zh-CN': '{month}月{currency}汇率尚未维护，无法折算人民币和美元金额；请省商务厅维护后再导入',
    en: 'No {currency} rate for {month}: the province must enter the month’s rate before this can be taken in',
  },
  enterprise: {
    'zh-CN': '统一社会信用代码 {value} 的企业不在您可报送的范围内，或尚未在平台登记并审核通过',
    en: 'The enterprise {value} is outside what you may report for, or is not registered and approved on the platform',
  },
  duplicateInBatch: {
    'zh-CN': '报关单号 {value} 在本次导入中重复出现（第一次在第{first}份）',
    en: 'Declaration {value} appears twice in this intake (first as number {first})',
  },
  conflict: {
    'zh-CN': '报关单号 {value} 已在平台登记且内容不同；如需更正请联系报送单位',
    en: 'Declaration {value} is already on the platform with different content; contact whoever reported it to correct it',
  },
  future: { 'zh-CN': '申报日期{value}晚于今天', en: 'The declaration date {value} is after today' },
} as const;
export type TradeReason = keyof typeof REASONS;

export function tradeReason(key: TradeReason, locale: TLocale, params: Record<string, string | number> = {}): string {
  return REASONS[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** A decimal as an integer count of 10^-scale units (BigInt, exact); null when it is not such a number. */
export function parseDecimal(input: string | number, scale: number): bigint | null {
  const s =
    typeof input === 'number' ? (Number.isFinite(input) ? numberText(input) : '') : input.trim().replace(/,/g, '');
  const m = /^(\d{1,14})(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > scale && !/^0*$/.test(frac.slice(scale))) return null;
  return BigInt(m[1]) * 10n ** BigInt(scale) + BigInt((frac + '0'.repeat(scale)).slice(0, scale) || '0');
}
function numberText(n: number): string {
  // Numbers from a spreadsheet cell: 12.3 stays 12.3; 1e21 and the like are refused by the pattern.
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}
/** Units of 10^-scale as decimal text ('1234.50' for 123450n, 2). */
export function formatDecimal(units: bigint, scale: number): string {
  const neg = units < 0n;
  const a = neg ? -units : units;
  const d = 10n ** BigInt(scale);
  const whole = (a / d).toString();
  const frac = scale > 0 ? `.${(a % d).toString().padStart(scale, '0')}` : '';
  return `${neg ? '-' : ''}${whole}${frac}`;
}

/** Round a / b half away from zero (both non-negative). */
function divRound(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

/** CNY per unit, as numeric(18,6) text, to millionths. */
export function rateUnits(cnyPerUnit: string): bigint {
  const u = parseDecimal(cnyPerUnit, 6);
  if (u === null || u <= 0n) throw new Error(`bad exchange rate ${cnyPerUnit}`);
  return u;
}

/**
 * An amount in cents of its currency turned into CNY fen with the month's rate (CNY per unit, in millionths), and
 * into USD cents with the month's USD rate. Integer arithmetic, rounded half up: a line's values are computed once and
 * the declaration's are the sum of its lines', so that totals reconcile exactly with the rows.
 */
export function convert(cents: bigint, rate: bigint, usdRate: bigint): { cnyFen: bigint; usdCent: bigint } {
  const cnyFen = divRound(cents * rate, 1_000_000n);
  const usdCent = divRound(cnyFen * 1_000_000n, usdRate);
  return { cnyFen, usdCent };
}

/** A declaration as checked: normalised codes and exact amounts, before the enterprise and rates are looked up. */
export interface CheckedDeclaration {
  index: number;
  declarationNo: string;
  enterpriseCreditCode: string;
  direction: TTradeDirection;
  declaredOn: string;
  month: string;
  tradeMode: string;
  country: string;
  currency: string;
  amountCents: bigint;
  orderNo: string | null;
  foreignCustomer: string | null;
  lines: {
    lineNo: number;
    commodityCode: string;
    hsChapter: string;
    goodsName: string;
    quantity: string;
    unit: string;
    amountCents: bigint;
  }[];
}

/**
 * Check one declaration alone: the number's parts, codes, amounts, that the lines add up. Issues carry the
 * declaration's index (and the line's 1-based number). `today` (Beijing day) refuses a date in the future.
 */
export function checkDeclaration(
  input: TTradeDeclarationInput,
  index: number,
  locale: TLocale,
  today: string,
): { ok: true; value: CheckedDeclaration } | { ok: false; issues: TTradeIssue[] } {
  const issues: TTradeIssue[] = [];
  const add = (field: string, key: TradeReason, params: Record<string, string | number> = {}, line?: number) =>
    issues.push({ index, ...(line ? { line } : {}), field, reason: tradeReason(key, locale, params) });

  const no = input.declarationNo.trim();
  if (!/^\d{18}$/.test(no)) add('declarationNo', 'numberFormat');
  else {
    if (no.slice(0, 4) === '0000') add('declarationNo', 'numberOffice');
    const noYear = no.slice(4, 8);
    const year = input.declaredOn.slice(0, 4);
    if (noYear !== year) add('declarationNo', 'numberYear', { noYear, year });
    const flag = input.direction === 'import' ? '1' : '0';
    if (no[8] !== flag)
      add('declarationNo', 'numberFlag', {
        flag,
        direction: locale === 'zh-CN' ? (flag === '1' ? '进口' : '出口') : input.direction,
      });
    if (/^0{9}$/.test(no.slice(9))) add('declarationNo', 'numberSequence');
  }
  if (input.declaredOn > today) add('declaredOn', 'future', { value: input.declaredOn });
  const mode = input.tradeMode.trim();
  if (!isTradeMode(mode)) add('tradeMode', 'tradeMode', { value: mode });
  const country = toCountryCode(input.country);
  if (!country) add('country', 'country', { value: input.country });
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) add('currency', 'currency', { value: input.currency });
  const amountCents = parseDecimal(input.amount, 2);
  if (amountCents === null || amountCents <= 0n) add('amount', 'amount', { value: String(input.amount) });

  const lines: CheckedDeclaration['lines'] = [];
  input.lines.forEach((l, i) => {
    const lineNo = i + 1;
    const code = l.commodityCode.trim();
    if (!/^\d{10}$/.test(code)) add('commodityCode', 'commodityFormat', { value: code }, lineNo);
    else if (!HS_CHAPTERS[code.slice(0, 2)])
      add('commodityCode', 'commodityChapter', { value: code, chapter: code.slice(0, 2) }, lineNo);
    const qty = parseDecimal(l.quantity, 5);
    if (qty === null) add('quantity', 'quantity', { value: String(l.quantity) }, lineNo);
    const cents = parseDecimal(l.amount, 2);
    if (cents === null || cents <= 0n) add('lineAmount', 'amount', { value: String(l.amount) }, lineNo);
    lines.push({
      lineNo,
      commodityCode: code,
      hsChapter: code.slice(0, 2),
      goodsName: l.goodsName.trim(),
      quantity: qty === null ? '0' : formatDecimal(qty, 5),
      unit: l.unit.trim(),
      amountCents: cents ?? 0n,
    });
  });
  if (issues.length === 0 && amountCents !== null) {
    const sum = lines.reduce((s, l) => s + l.amountCents, 0n);
    if (sum !== amountCents)
      add('amount', 'linesSum', { total: formatDecimal(amountCents, 2), sum: formatDecimal(sum, 2) });
  }
  if (issues.length > 0 || amountCents === null || !country) return { ok: false, issues };
  return {
    ok: true,
    value: {
      index,
      declarationNo: no,
      enterpriseCreditCode: input.enterpriseCreditCode.trim().toUpperCase(),
      direction: input.direction,
      declaredOn: input.declaredOn,
      month: input.declaredOn.slice(0, 7),
      tradeMode: mode,
      country,
      currency,
      amountCents,
      orderNo: input.orderNo?.trim() || null,
      foreignCustomer: input.foreignCustomer?.trim() || null,
      lines,
    },
  };
}
