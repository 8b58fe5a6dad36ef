import type { TTradeDeclarationInput } from '../../contracts/trade';
import type { TTradeDirection } from '../../contracts/trade-codes';
import type { Db } from '../db/client';
import { exchangeRates } from '../db/schema';
import type { Random } from './people';
import { type Goods, INDUSTRIES, pickCountry, pickWeighted, type TradeIndustry } from './trade-goods';

/*
 * Trade factories shared by the demo, the scale generator and the tests (CONVENTIONS §12, issue 13): the province's
 * monthly exchange rates, what an enterprise of a given business declares (commodity lines by HS chapter, trade
 * modes, countries, currencies) and a declaration built from it in the shape every intake hands to the one check and
 * write path (modules/trade/ingest-declarations.ts, Art. 5(十三)).
 */

/** CNY per unit in 2023-01, and the drift a month may bring (a share, either way). */
const RATE_START: Record<string, [number, number]> = {
  USD: [6.78, 0.008],
  EUR: [7.35, 0.012],
  JPY: [0.0522, 0.015],
  HKD: [0.866, 0.008],
  GBP: [8.3, 0.012],
  KRW: [0.00542, 0.014],
  AUD: [4.72, 0.014],
  CAD: [5.06, 0.01],
  SGD: [5.12, 0.008],
  RUB: [0.097, 0.03],
  AED: [1.846, 0.008],
};
export const DEMO_CURRENCIES = Object.keys(RATE_START);

/** 'YYYY-MM' months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return out;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/**
 * The province's monthly rates (CNY per unit, 6 decimals) from 2023-01 on, as the province would enter them: each
 * currency a small seeded random walk from its January 2023 value (the yuan weakening somewhat over 2023, as it did),
 * the same for every caller so that the demo, the scale set and the tests agree. Months before 2023-01 continue the
 * walk backwards from the same start.
 */
export function monthlyRates(from: string, to: string): { month: string; currency: string; cnyPerUnit: string }[] {
  const months = monthsBetween(from < '2023-01' ? from : '2023-01', to);
  const out: { month: string; currency: string; cnyPerUnit: string }[] = [];
  for (const [ci, [currency, [start, drift]]] of Object.entries(RATE_START).entries()) {
    let state = 0x9e3779b9 ^ (ci * 7919);
    const step = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4294967296 - 0.5;
    };
    let value = start;
    for (const month of months.filter((m) => m >= '2023-01')) {
      if (month >= from) out.push({ month, currency, cnyPerUnit: value.toFixed(6) });
      // A little weaker yuan through 2023 (USD 6.78 → ~7.1), then a sideways drift.
      const trend = month < '2024-01' && currency !== 'RUB' ? 0.004 : 0;
      value *= 1 + trend + step() * 2 * drift;
    }
    value = start;
    for (const month of months.filter((m) => m < '2023-01').reverse()) {
      value /= 1 + step() * 2 * drift;
      if (month >= from) out.push({ month, currency, cnyPerUnit: value.toFixed(6) });
    }
  }
  return out.sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency));
}

/**
 * Enter the months' rates that are not there yet (a month already set by the province keeps its value), as set by
 * `setBy` at `setAt`. Returns the number of rates added.
 */
export async function makeRates(
  db: Db,
  rows: { month: string; currency: string; cnyPerUnit: string; setAt: Date; setBy?: number | null }[],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const r = await db
      .insert(exchangeRates)
      .values(rows.slice(i, i + 500).map((x) => ({ ...x, setBy: x.setBy ?? null })))
      .onConflictDoNothing()
      .returning({ month: exchangeRates.month });
    added += r.length;
  }
  return added;
}

export { INDUSTRIES, industryOf, pickCountry, pickWeighted, type TradeIndustry } from './trade-goods';

/**
 * 报关单号: the customs office (4 digits; 湖北's offices are 47xx), the year, 1 for an import or 0 for an export, and
 * a 9-digit sequence that must not be all zeros.
 */
export function declarationNumber(office: string, year: string, direction: TTradeDirection, seq: number): string {
  return `${office}${year}${direction === 'import' ? '1' : '0'}${String(seq).padStart(9, '0')}`;
}

/** The customs office under which a city's enterprises mostly declare (武汉海关's offices, 47xx). */
export function customsOffice(cityCode: string): string {
  return `47${String((Number(cityCode.slice(2, 4)) * 7) % 100).padStart(2, '0')}`;
}

export interface DeclarationPlan {
  industry: TradeIndustry;
  direction: TTradeDirection;
  declaredOn: string;
  /** CNY per unit of each currency in the declaration's month, to size amounts in its currency. */
  rates: Map<string, number>;
  /** The declaration's size in USD, roughly (lines are drawn around it). */
  usd: number;
  office: string;
  seq: number;
}

/** A declaration as drawn: amounts in whole cents of its currency (numbers), before it is written as text. */
export interface DrawnDeclaration {
  declarationNo: string;
  direction: TTradeDirection;
  declaredOn: string;
  tradeMode: string;
  country: string;
  currency: string;
  totalCents: number;
  orderNo: string | null;
  lines: { code: string; name: string; unit: string; quantity: number; cents: number }[];
}

/**
 * A declaration of an enterprise of `industry`: 1–6 lines of its goods (its exports, or the materials and equipment it
 * buys), a trade mode it uses, a partner country and currency, amounts in whole cents whose sum is the total.
 */
export function drawDeclaration(r: Random, p: DeclarationPlan): DrawnDeclaration {
  const ind = INDUSTRIES[p.industry];
  const exporting = p.direction === 'export';
  const goods = exporting ? ind.exports : ind.imports;
  let tradeMode = exporting ? pickWeighted(r, ind.modes) : '0110';
  // Processing trade imports its materials under the same mode as it exports the goods.
  if (!exporting && ind.modes.some(([m]) => m === '0615' || m === '0214') && r.chance(0.3))
    tradeMode = ind.modes.some(([m]) => m === '0615') ? '0615' : '0214';
  const { country, currency } = pickCountry(r);
  const perUnit = (p.rates.get('USD') ?? 7) / (currency === 'CNY' ? 1 : (p.rates.get(currency) ?? 7));
  const lineCount = Math.min(goods.length + 2, 1 + Math.floor(-Math.log(1 - r.next()) * 1.4));
  const lines: DrawnDeclaration['lines'] = [];
  let totalCents = 0;
  const first = r.int(0, goods.length - 1);
  for (let i = 0; i < lineCount; i++) {
    const [code, name, unit, lo, hi] = goods[(i + first) % goods.length] as Goods;
    const price = lo + (hi - lo) * r.next();
    const lineUsd = (p.usd / lineCount) * (0.5 + r.next());
    const quantity = Math.max(1, Math.round(lineUsd / price));
    const cents = Math.max(100, Math.round(quantity * price * perUnit * 100));
    totalCents += cents;
    lines.push({ code, name, unit, quantity, cents });
  }
  return {
    declarationNo: declarationNumber(p.office, p.declaredOn.slice(0, 4), p.direction, p.seq),
    direction: p.direction,
    declaredOn: p.declaredOn,
    tradeMode,
    country,
    currency,
    totalCents,
    orderNo: r.chance(0.6)
      ? `PO${p.declaredOn.replaceAll('-', '').slice(2)}${String(p.seq % 10000).padStart(4, '0')}`
      : null,
    lines,
  };
}

/** Whole cents as decimal text ('1234.05'), exact for any safe integer. */
export function centsText(cents: number): string {
  const s = String(cents).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** The drawn declaration as an intake receives it (TTradeDeclarationInput). */
export function declarationInput(d: DrawnDeclaration, creditCode: string): TTradeDeclarationInput {
  return {
    declarationNo: d.declarationNo,
    enterpriseCreditCode: creditCode,
    direction: d.direction,
    declaredOn: d.declaredOn,
    tradeMode: d.tradeMode,
    country: d.country,
    currency: d.currency,
    amount: centsText(d.totalCents),
    orderNo: d.orderNo,
    foreignCustomer: null,
    lines: d.lines.map((l) => ({
      commodityCode: l.code,
      goodsName: l.name,
      quantity: String(l.quantity),
      unit: l.unit,
      amount: centsText(l.cents),
    })),
  };
}

/** A declaration of the enterprise `creditCode`, ready for an intake. */
export function buildDeclaration(r: Random, p: DeclarationPlan & { creditCode: string }): TTradeDeclarationInput {
  return declarationInput(drawDeclaration(r, p), p.creditCode);
}

/** Working days (Monday–Friday) of a month from `fromDay` to `toDay` (both 'YYYY-MM-DD', included). */
export function workingDays(month: string, fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let d = 1; d <= days; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    if (day < fromDay || day > toDay) continue;
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(day);
  }
  return out;
}
