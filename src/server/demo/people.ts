/**
 * Made-up but plausible particulars for the demo data set: people's names, mobile and office numbers, company
 * names. Everything is drawn from a seeded generator, so that every load of the demo holds the same data (tests and
 * screenshots can rely on it) while centres, people and months still differ from one another.
 */

/** mulberry32: small, fast and good enough to vary demo data; the same seed gives the same sequence. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T,
    chance: (p) => next() < p,
  };
}

export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

// The commonest surnames of Hubei and of China, most frequent first (some appear twice to weigh them).
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '余',
  '程',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '蔡',
  '蒋',
  '杜',
  '叶',
  '汪',
  '熊',
  '雷',
  '万',
  '邓',
  '夏',
  '付',
  '方',
  '舒',
] as const;
const GIVEN_ONE = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '军',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '婷',
  '斌',
  '鹏',
  '辉',
  '丹',
  '琳',
  '峰',
  '倩',
  '亮',
  '宁',
  '欢',
  '颖',
  '浩',
] as const;
const GIVEN_TWO = [
  '志强',
  '秀英',
  '晓明',
  '海燕',
  '建华',
  '丽娟',
  '文静',
  '俊杰',
  '思远',
  '雨涵',
  '子豪',
  '建国',
  '红梅',
  '国庆',
  '晓东',
  '春燕',
  '永刚',
  '玉兰',
  '德胜',
  '慧敏',
  '家豪',
  '梦瑶',
  '宏伟',
  '雪梅',
  '立新',
  '诗琪',
  '天佑',
  '佳怡',
  '振华',
  '晓燕',
  '荆生',
  '楚阳',
  '汉卿',
  '江涛',
  '欣怡',
  '博文',
] as const;

/** A full name: a surname and one or two given characters. */
export function personName(r: Random): string {
  return r.pick(SURNAMES) + (r.chance(0.35) ? r.pick(GIVEN_ONE) : r.pick(GIVEN_TWO));
}

/** How a centre or company refers to its contact: 李主任, 周经理, or the full name. */
export function contactName(r: Random, titles: readonly string[] = ['主任', '科长', '经理']): string {
  return r.chance(0.5) ? personName(r) : r.pick(SURNAMES) + r.pick(titles);
}

// Mobile number prefixes of the three carriers.
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '177',
  '180',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
] as const;

export function mobileNumber(r: Random): string {
  return `${r.pick(MOBILE_PREFIXES)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** 长途区号 of Hubei's cities (GB/T 2260 city code → area code); the 省直辖 cities share 0728, 神农架 0719. */
export const AREA_CODES: Record<string, string> = {
  '420100': '027',
  '420200': '0714',
  '420300': '0719',
  '420500': '0717',
  '420600': '0710',
  '420700': '0711',
  '420800': '0724',
  '420900': '0712',
  '421000': '0716',
  '421100': '0713',
  '421200': '0715',
  '421300': '0722',
  '422800': '0718',
  '429004': '0728',
  '429005': '0728',
  '429006': '0728',
  '429021': '0719',
};

/** An office number in the city: 8 digits in 武汉, 7 elsewhere, as the local numbering plans have them. */
export function officeNumber(r: Random, cityCode: string): string {
  const area = AREA_CODES[cityCode] ?? '027';
  const digits = area === '027' ? 8 : 7;
  return `${area}-${r.int(2, 8)}${String(r.int(0, 10 ** (digits - 1) - 1)).padStart(digits - 1, '0')}`;
}

const TRADE_NAMES = [
  '华晟',
  '恒通',
  '楚天',
  '荆楚',
  '江汉',
  '汉江',
  '鼎丰',
  '瑞达',
  '宏远',
  '嘉禾',
  '博远',
  '长江',
  '金桥',
  '盛隆',
  '众合',
  '联创',
  '天成',
  '东湖',
  '兴业',
  '华信',
  '佳诚',
  '安琪',
  '凯瑞',
  '隆泰',
  '德润',
  '森源',
  '海川',
  '新航',
  '正昌',
  '铭扬',
  '亿丰',
  '明远',
  '锦程',
  '双环',
  '宝丰',
  '三江',
  '云帆',
  '通达',
  '和盛',
  '银河',
] as const;
const BUSINESSES = [
  '光电科技',
  '机电设备',
  '纺织服装',
  '精细化工',
  '农产品',
  '汽车零部件',
  '生物医药',
  '电子科技',
  '食品',
  '新材料',
  '智能装备',
  '磷化工',
  '茶业',
  '家居用品',
  '五金制品',
  '医疗器械',
  '包装材料',
  '水产',
] as const;
const FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '进出口有限公司', '贸易有限公司'] as const;

/** A company name in the usual shape: place, trade name, business, form (湖北省市场主体登记名称规范). */
export function companyName(r: Random, place: string): string {
  return `${place}${r.pick(TRADE_NAMES)}${r.pick(BUSINESSES)}${r.pick(FORMS)}`;
}

/** A place name as company names use it: 仙桃, 恩施, 东西湖 — without 市, 区, 县 or 土家族苗族自治州. */
export function shortPlace(name: string): string {
  return name.replace(/(土家族苗族自治州|土家族自治县|自治县|林区|新区|市|区|县)$/, '');
}
