import type { TTradeDeclarationInput } from '../../contracts/trade';
import type { TTradeDirection } from '../../contracts/trade-codes';
import type { Db } from '../db/client';
import { exchangeRates } from '../db/schema';
import type { Random } from './people';

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

/** A commodity an industry trades: 10-digit code (its chapter the first two), name, unit, USD per unit [lo, hi]. */
type Goods = [code: string, name: string, unit: string, priceLo: number, priceHi: number];

interface Industry {
  /** Words in the enterprise's name that mark the business (people.ts BUSINESSES). */
  words: string[];
  exports: Goods[];
  /** What it buys abroad: materials for processing trade, equipment. */
  imports: Goods[];
  /** Share of its declarations that are exports. */
  exportShare: number;
  /** Weighted trade modes of its exports (imports are 0110, or 0615/0214 when it processes). */
  modes: [string, number][];
}

export const INDUSTRIES: Record<string, Industry> = {
  machinery: {
    words: ['机电设备', '智能装备'],
    exports: [
      ['8479899990', '其他具有独立功能的机器', '台', 2000, 40000],
      ['8501520000', '交流多相电动机', '台', 120, 900],
      ['8483409000', '齿轮箱及其他变速装置', '台', 300, 3000],
      ['8428909000', '其他升降、搬运机械', '台', 3000, 30000],
    ],
    imports: [
      ['8482102000', '深沟球轴承', '套', 2, 40],
      ['8537109090', '其他电力控制装置', '台', 200, 4000],
    ],
    exportShare: 0.8,
    modes: [
      ['0110', 85],
      ['0615', 10],
      ['9710', 5],
    ],
  },
  electronics: {
    words: ['光电科技', '电子科技'],
    exports: [
      ['8541430000', '光伏组件', '块', 60, 160],
      ['8517620000', '通信设备', '台', 80, 2000],
      ['8471500000', '计算机处理部件', '台', 150, 1200],
      ['9001100001', '光导纤维', '千米', 20, 90],
    ],
    imports: [
      ['8542319000', '集成电路处理器', '个', 1, 60],
      ['8541410000', '发光二极管', '个', 0.05, 0.6],
    ],
    exportShare: 0.65,
    modes: [
      ['0110', 60],
      ['0615', 25],
      ['0214', 10],
      ['9810', 5],
    ],
  },
  textiles: {
    words: ['纺织服装'],
    exports: [
      ['6109100021', '棉制针织T恤衫', '件', 1.5, 6],
      ['6203420090', '棉制男式长裤', '条', 4, 15],
      ['6204620090', '棉制女式长裤', '条', 4, 16],
      ['5208120000', '未漂白平纹棉布', '米', 0.6, 2],
    ],
    imports: [['5201000000', '未梳棉花', '千克', 1.6, 2.4]],
    exportShare: 0.9,
    modes: [
      ['0110', 62],
      ['0214', 12],
      ['9610', 10],
      ['9710', 8],
      ['1039', 8],
    ],
  },
  chemicals: {
    words: ['精细化工', '磷化工', '新材料'],
    exports: [
      ['2917399090', '其他芳香多元羧酸', '千克', 1.5, 6],
      ['2809201100', '磷酸', '千克', 0.6, 1.4],
      ['3105300000', '磷酸氢二铵', '千克', 0.4, 0.8],
      ['3907610000', '聚对苯二甲酸乙二酯', '千克', 0.9, 1.6],
      ['7019120000', '玻璃纤维粗纱', '千克', 0.7, 1.5],
    ],
    imports: [
      ['2510101000', '未碾磨磷灰石', '千克', 0.08, 0.2],
      ['2902430000', '对二甲苯', '千克', 0.8, 1.3],
    ],
    exportShare: 0.7,
    modes: [
      ['0110', 90],
      ['0615', 10],
    ],
  },
  agriculture: {
    words: ['农产品', '茶业', '水产', '食品'],
    exports: [
      ['0902301000', '红茶', '千克', 6, 40],
      ['0902109000', '绿茶', '千克', 5, 30],
      ['0703200000', '鲜或冷藏大蒜', '千克', 0.6, 1.5],
      ['1605400000', '小龙虾制品', '千克', 8, 18],
      ['0306170000', '冻虾', '千克', 5, 12],
      ['2005999990', '其他蔬菜罐头', '千克', 1, 3],
    ],
    imports: [
      ['1201901000', '黄大豆', '千克', 0.45, 0.7],
      ['2301201000', '饲料用鱼粉', '千克', 1.2, 2],
    ],
    exportShare: 0.75,
    modes: [
      ['0110', 90],
      ['1039', 5],
      ['9610', 5],
    ],
  },
  auto: {
    words: ['汽车零部件'],
    exports: [
      ['8708299000', '车身未列名零件', '千克', 4, 20],
      ['8708999990', '其他机动车辆零件', '千克', 5, 25],
      ['8511409900', '起动电机', '台', 30, 150],
      ['8708301000', '制动器及其零件', '套', 15, 120],
    ],
    imports: [
      ['8708409100', '自动换挡变速箱', '台', 600, 2500],
      ['8542319000', '集成电路处理器', '个', 1, 60],
    ],
    exportShare: 0.6,
    modes: [
      ['0110', 80],
      ['0615', 15],
      ['9710', 5],
    ],
  },
  pharma: {
    words: ['生物医药', '医疗器械'],
    exports: [
      ['3004909099', '其他已配定剂量药品', '千克', 20, 200],
      ['2941909099', '其他抗菌素', '千克', 30, 150],
      ['9018390000', '针、导管及类似品', '个', 0.2, 3],
      ['6307900010', '医用口罩', '个', 0.03, 0.2],
    ],
    imports: [
      ['3002150000', '免疫制品', '千克', 500, 8000],
      ['9018129100', '彩色超声波诊断仪', '台', 15000, 90000],
    ],
    exportShare: 0.6,
    modes: [
      ['0110', 95],
      ['9710', 5],
    ],
  },
  household: {
    words: ['家居用品', '五金制品', '包装材料'],
    exports: [
      ['9403600000', '其他木家具', '件', 30, 300],
      ['6302319100', '棉制床单', '条', 3, 12],
      ['8205590000', '其他手工具', '件', 1, 12],
      ['7318159001', '钢铁螺钉及螺栓', '千克', 1.2, 3],
      ['3923210000', '聚乙烯塑料袋', '千克', 1.3, 2.5],
      ['4819100000', '瓦楞纸箱', '千克', 0.8, 1.6],
    ],
    imports: [['4707100000', '回收牛皮纸', '千克', 0.15, 0.3]],
    exportShare: 0.92,
    modes: [
      ['0110', 55],
      ['9610', 15],
      ['9710', 10],
      ['9810', 8],
      ['1039', 12],
    ],
  },
};
export type TradeIndustry = keyof typeof INDUSTRIES;
const INDUSTRY_KEYS = Object.keys(INDUSTRIES) as TradeIndustry[];

/** The industry an enterprise's name says it is in; by its id when the name says nothing. */
export function industryOf(name: string, id: number): TradeIndustry {
  for (const key of INDUSTRY_KEYS) if (INDUSTRIES[key].words.some((w) => name.includes(w))) return key;
  return INDUSTRY_KEYS[id % INDUSTRY_KEYS.length] as TradeIndustry;
}

/** Trading partners and how often Hubei trades with them; the currency a declaration with them is usually in. */
const COUNTRIES: [string, number, string][] = [
  ['US', 16, 'USD'],
  ['JP', 7, 'JPY'],
  ['KR', 6, 'USD'],
  ['DE', 6, 'EUR'],
  ['VN', 6, 'USD'],
  ['HK', 5, 'HKD'],
  ['MY', 4, 'USD'],
  ['RU', 5, 'USD'],
  ['AE', 4, 'USD'],
  ['IN', 4, 'USD'],
  ['BR', 3, 'USD'],
  ['TH', 3, 'USD'],
  ['ID', 3, 'USD'],
  ['GB', 3, 'GBP'],
  ['NL', 3, 'EUR'],
  ['AU', 3, 'AUD'],
  ['SA', 2, 'USD'],
  ['MX', 2, 'USD'],
  ['SG', 2, 'SGD'],
  ['FR', 2, 'EUR'],
  ['IT', 2, 'EUR'],
  ['CA', 2, 'CAD'],
  ['KZ', 2, 'USD'],
  ['PH', 1, 'USD'],
];
const COUNTRY_TOTAL = COUNTRIES.reduce((s, c) => s + c[1], 0);

export function pickWeighted<T>(r: Random, list: readonly [T, number, ...unknown[]][], total?: number): T {
  let left = r.next() * (total ?? list.reduce((s, x) => s + x[1], 0));
  for (const x of list) {
    left -= x[1];
    if (left < 0) return x[0];
  }
  return (list[0] as [T, number])[0];
}

/** A partner country with its currency: the declaration's own currency, USD now and then, CNY rarely. */
export function pickCountry(r: Random): { country: string; currency: string } {
  let left = r.next() * COUNTRY_TOTAL;
  let row = COUNTRIES[0] as [string, number, string];
  for (const c of COUNTRIES) {
    left -= c[1];
    if (left < 0) {
      row = c;
      break;
    }
  }
  const x = r.next();
  const currency = x < 0.05 ? 'CNY' : x < 0.2 && row[2] !== 'USD' ? 'USD' : row[2];
  return { country: row[0], currency };
}

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
