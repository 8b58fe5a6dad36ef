import type { Random } from './people';

/*
 * What the demo's and the scale set's enterprises trade (issue 13): goods by business, with their HS chapters, units
 * and plausible prices; the trade modes each business uses; Hubei's partner countries and their currencies.
 */

/** A commodity an industry trades: 10-digit code (its chapter the first two), name, unit, USD per unit [lo, hi]. */
export type Goods = [code: string, name: string, unit: string, priceLo: number, priceHi: number];

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
