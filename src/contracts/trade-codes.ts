import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };

/*
 * The code lists a customs declaration uses (SPEC §2 trade record, Art. 5(十三)), as data shared by server and web.
 * Countries come from i18n-iso-countries (ISO 3166-1, with Chinese names), not a hand-typed list.
 */

countries.registerLocale(zh);
countries.registerLocale(en);

/** 进口 / 出口. The declaration number's ninth digit says the same: 1 import, 0 export. */
export const TRADE_DIRECTIONS = ['import', 'export'] as const;
export type TTradeDirection = (typeof TRADE_DIRECTIONS)[number];
export const TRADE_DIRECTION_LABELS: Record<TTradeDirection, { 'zh-CN': string; en: string }> = {
  import: { 'zh-CN': '进口', en: 'Import' },
  export: { 'zh-CN': '出口', en: 'Export' },
};

/**
 * 贸易方式 (customs supervision modes) a centre's enterprises use, from the customs code list (海关总署 监管方式代码表).
 * Kept as data: a new code is a new line here, not new logic.
 */
export const TRADE_MODES = [
  { code: '0110', 'zh-CN': '一般贸易', en: 'General trade' },
  { code: '0130', 'zh-CN': '易货贸易', en: 'Barter trade' },
  { code: '0214', 'zh-CN': '来料加工', en: 'Processing with supplied materials' },
  { code: '0245', 'zh-CN': '来料料件内销', en: 'Supplied materials sold domestically' },
  { code: '0615', 'zh-CN': '进料对口', en: 'Processing with imported materials' },
  { code: '0654', 'zh-CN': '进料深加工', en: 'Deep processing of imported materials' },
  { code: '0715', 'zh-CN': '进料非对口', en: 'Imported materials, non-matching' },
  { code: '1039', 'zh-CN': '市场采购', en: 'Market procurement' },
  { code: '1210', 'zh-CN': '保税跨境贸易电子商务', en: 'Bonded cross-border e-commerce' },
  { code: '1233', 'zh-CN': '保税仓库货物', en: 'Bonded warehouse goods' },
  { code: '1239', 'zh-CN': '保税跨境贸易电子商务A', en: 'Bonded cross-border e-commerce A' },
  { code: '1300', 'zh-CN': '修理物品', en: 'Goods for repair' },
  { code: '2025', 'zh-CN': '合资合作设备', en: 'Equipment of joint ventures' },
  { code: '2225', 'zh-CN': '外资设备物品', en: 'Equipment of foreign-invested enterprises' },
  { code: '3010', 'zh-CN': '货样广告品', en: 'Samples and advertising goods' },
  { code: '4500', 'zh-CN': '直接退运', en: 'Direct return' },
  { code: '5000', 'zh-CN': '料件进出区', en: 'Materials into/out of bonded zones' },
  { code: '5034', 'zh-CN': '区内物流货物', en: 'Logistics goods within bonded zones' },
  { code: '6033', 'zh-CN': '物流中心进出境货物', en: 'Bonded logistics centre goods' },
  { code: '9610', 'zh-CN': '跨境贸易电子商务', en: 'Cross-border e-commerce (B2C)' },
  { code: '9700', 'zh-CN': '其他', en: 'Other' },
  { code: '9710', 'zh-CN': '跨境电子商务企业对企业直接出口', en: 'Cross-border e-commerce B2B direct export' },
  { code: '9810', 'zh-CN': '跨境电子商务出口海外仓', en: 'Cross-border e-commerce export to overseas warehouses' },
] as const;
export type TTradeModeCode = (typeof TRADE_MODES)[number]['code'];
export const TRADE_MODE_CODES = TRADE_MODES.map((m) => m.code) as [TTradeModeCode, ...TTradeModeCode[]];
const tradeModeByCode = new Map<string, (typeof TRADE_MODES)[number]>(TRADE_MODES.map((m) => [m.code, m]));
export function tradeModeLabel(code: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const m = tradeModeByCode.get(code);
  return m ? `${code} ${m[locale]}` : code;
}
export function isTradeMode(code: string): code is TTradeModeCode {
  return tradeModeByCode.has(code);
}

/**
 * The 97 chapters of the Harmonized System as China's tariff uses them (chapter 77 is reserved and does not exist).
 * The first two digits of a 10-digit commodity code (商品编号) name the chapter.
 */
export const HS_CHAPTERS: Record<string, { 'zh-CN': string; en: string }> = {
  '01': { 'zh-CN': '活动物', en: 'Live animals' },
  '02': { 'zh-CN': '肉及食用杂碎', en: 'Meat and edible offal' },
  '03': { 'zh-CN': '鱼、甲壳动物、软体动物及其他水生无脊椎动物', en: 'Fish and aquatic invertebrates' },
  '04': { 'zh-CN': '乳品；蛋品；天然蜂蜜；其他食用动物产品', en: 'Dairy produce; eggs; honey' },
  '05': { 'zh-CN': '其他动物产品', en: 'Other products of animal origin' },
  '06': { 'zh-CN': '活树及其他活植物；鳞茎、根；插花及装饰用簇叶', en: 'Live trees and plants; cut flowers' },
  '07': { 'zh-CN': '食用蔬菜、根及块茎', en: 'Edible vegetables' },
  '08': { 'zh-CN': '食用水果及坚果；柑桔属水果或甜瓜的果皮', en: 'Edible fruit and nuts' },
  '09': { 'zh-CN': '咖啡、茶、马黛茶及调味香料', en: 'Coffee, tea, maté and spices' },
  '10': { 'zh-CN': '谷物', en: 'Cereals' },
  '11': { 'zh-CN': '制粉工业产品；麦芽；淀粉；菊粉；面筋', en: 'Milling products; malt; starches' },
  '12': {
    'zh-CN': '含油子仁及果实；杂项子仁及果实；工业用或药用植物；稻草、秸秆及饲料',
    en: 'Oil seeds; industrial or medicinal plants',
  },
  '13': { 'zh-CN': '虫胶；树胶、树脂及其他植物液、汁', en: 'Lac; gums, resins and other vegetable saps' },
  '14': { 'zh-CN': '编结用植物材料；其他植物产品', en: 'Vegetable plaiting materials' },
  '15': {
    'zh-CN': '动、植物或微生物油、脂及其分解产品；精制的食用油脂；动、植物蜡',
    en: 'Animal, vegetable or microbial fats and oils',
  },
  '16': {
    'zh-CN': '肉、鱼、甲壳动物、软体动物及其他水生无脊椎动物、或昆虫的制品',
    en: 'Preparations of meat, fish or insects',
  },
  '17': { 'zh-CN': '糖及糖食', en: 'Sugars and sugar confectionery' },
  '18': { 'zh-CN': '可可及可可制品', en: 'Cocoa and cocoa preparations' },
  '19': { 'zh-CN': '谷物、粮食粉、淀粉或乳的制品；糕饼点心', en: 'Preparations of cereals, flour, starch or milk' },
  '20': { 'zh-CN': '蔬菜、水果、坚果或植物其他部分的制品', en: 'Preparations of vegetables, fruit or nuts' },
  '21': { 'zh-CN': '杂项食品', en: 'Miscellaneous edible preparations' },
  '22': { 'zh-CN': '饮料、酒及醋', en: 'Beverages, spirits and vinegar' },
  '23': { 'zh-CN': '食品工业的残渣及废料；配制的动物饲料', en: 'Food industry residues; animal fodder' },
  '24': {
    'zh-CN': '烟草、烟草及烟草代用品的制品；非经燃烧吸用的产品',
    en: 'Tobacco and manufactured tobacco substitutes',
  },
  '25': { 'zh-CN': '盐；硫磺；泥土及石料；石膏料、石灰及水泥', en: 'Salt; sulphur; earths and stone; cement' },
  '26': { 'zh-CN': '矿砂、矿渣及矿灰', en: 'Ores, slag and ash' },
  '27': { 'zh-CN': '矿物燃料、矿物油及其蒸馏产品；沥青物质；矿物蜡', en: 'Mineral fuels, mineral oils' },
  '28': { 'zh-CN': '无机化学品；贵金属、稀土金属、放射性元素及其同位素的有机及无机化合物', en: 'Inorganic chemicals' },
  '29': { 'zh-CN': '有机化学品', en: 'Organic chemicals' },
  '30': { 'zh-CN': '药品', en: 'Pharmaceutical products' },
  '31': { 'zh-CN': '肥料', en: 'Fertilisers' },
  '32': {
    'zh-CN': '鞣料浸膏及染料浸膏；鞣酸及其衍生物；染料、颜料及其他着色料；油漆及清漆；油灰及其他类似胶粘剂；墨水、油墨',
    en: 'Tanning or dyeing extracts; paints; inks',
  },
  '33': { 'zh-CN': '精油及香膏；芳香料制品及化妆盥洗品', en: 'Essential oils; perfumery and cosmetics' },
  '34': {
    'zh-CN':
      '肥皂、有机表面活性剂、洗涤剂、润滑剂、人造蜡、调制蜡、光洁剂、蜡烛及类似品、塑型用膏、“牙科用蜡”及牙科用熟石膏制剂',
    en: 'Soap, washing and lubricating preparations, waxes',
  },
  '35': { 'zh-CN': '蛋白类物质；改性淀粉；胶；酶', en: 'Albuminoidal substances; glues; enzymes' },
  '36': { 'zh-CN': '炸药；烟火制品；火柴；引火合金；易燃材料制品', en: 'Explosives; pyrotechnic products; matches' },
  '37': { 'zh-CN': '照相及电影用品', en: 'Photographic or cinematographic goods' },
  '38': { 'zh-CN': '杂项化学产品', en: 'Miscellaneous chemical products' },
  '39': { 'zh-CN': '塑料及其制品', en: 'Plastics and articles thereof' },
  '40': { 'zh-CN': '橡胶及其制品', en: 'Rubber and articles thereof' },
  '41': { 'zh-CN': '生皮（毛皮除外）及皮革', en: 'Raw hides and skins and leather' },
  '42': {
    'zh-CN': '皮革制品；鞍具及挽具；旅行用品、手提包及类似容器；动物肠线（蚕胶丝除外）制品',
    en: 'Articles of leather; travel goods, handbags',
  },
  '43': { 'zh-CN': '毛皮、人造毛皮及其制品', en: 'Furskins and artificial fur' },
  '44': { 'zh-CN': '木及木制品；木炭', en: 'Wood and articles of wood; charcoal' },
  '45': { 'zh-CN': '软木及软木制品', en: 'Cork and articles of cork' },
  '46': { 'zh-CN': '稻草、秸秆、针茅或其他编结材料制品；篮筐及柳条编结品', en: 'Manufactures of straw; basketware' },
  '47': { 'zh-CN': '木浆及其他纤维状纤维素浆；回收（废碎）纸或纸板', en: 'Pulp of wood; recovered paper' },
  '48': { 'zh-CN': '纸及纸板；纸浆、纸或纸板制品', en: 'Paper and paperboard' },
  '49': {
    'zh-CN': '书籍、报纸、印刷图画及其他印刷品；手稿、打字稿及设计图纸',
    en: 'Printed books, newspapers, pictures',
  },
  '50': { 'zh-CN': '蚕丝', en: 'Silk' },
  '51': { 'zh-CN': '羊毛、动物细毛或粗毛；马毛纱线及其机织物', en: 'Wool, fine or coarse animal hair' },
  '52': { 'zh-CN': '棉花', en: 'Cotton' },
  '53': { 'zh-CN': '其他植物纺织纤维；纸纱线及其机织物', en: 'Other vegetable textile fibres; paper yarn' },
  '54': { 'zh-CN': '化学纤维长丝；化学纤维纺织材料制扁条及类似品', en: 'Man-made filaments' },
  '55': { 'zh-CN': '化学纤维短纤', en: 'Man-made staple fibres' },
  '56': {
    'zh-CN': '絮胎、毡呢及无纺织物；特种纱线；线、绳、索、缆及其制品',
    en: 'Wadding, felt and nonwovens; twine, ropes',
  },
  '57': { 'zh-CN': '地毯及纺织材料的其他铺地制品', en: 'Carpets and other textile floor coverings' },
  '58': {
    'zh-CN': '特种机织物；簇绒织物；花边；装饰毯；装饰带；刺绣品',
    en: 'Special woven fabrics; lace; embroidery',
  },
  '59': {
    'zh-CN': '浸渍、涂布、包覆或层压的纺织物；工业用纺织制品',
    en: 'Impregnated, coated or laminated textile fabrics',
  },
  '60': { 'zh-CN': '针织物及钩编织物', en: 'Knitted or crocheted fabrics' },
  '61': { 'zh-CN': '针织或钩编的服装及衣着附件', en: 'Apparel, knitted or crocheted' },
  '62': { 'zh-CN': '非针织或非钩编的服装及衣着附件', en: 'Apparel, not knitted or crocheted' },
  '63': {
    'zh-CN': '其他纺织制成品；成套物品；旧衣着及旧纺织品；碎织物',
    en: 'Other made-up textile articles; worn clothing',
  },
  '64': { 'zh-CN': '鞋靴、护腿和类似品及其零件', en: 'Footwear, gaiters and the like' },
  '65': { 'zh-CN': '帽类及其零件', en: 'Headgear and parts thereof' },
  '66': { 'zh-CN': '雨伞、阳伞、手杖、鞭子、马鞭及其零件', en: 'Umbrellas, walking-sticks, whips' },
  '67': { 'zh-CN': '已加工羽毛、羽绒及其制品；人造花；人发制品', en: 'Prepared feathers; artificial flowers' },
  '68': { 'zh-CN': '石料、石膏、水泥、石棉、云母及类似材料的制品', en: 'Articles of stone, plaster, cement, asbestos' },
  '69': { 'zh-CN': '陶瓷产品', en: 'Ceramic products' },
  '70': { 'zh-CN': '玻璃及其制品', en: 'Glass and glassware' },
  '71': {
    'zh-CN': '天然或养殖珍珠、宝石或半宝石、贵金属、包贵金属及其制品；仿首饰；硬币',
    en: 'Pearls, precious stones and metals; jewellery',
  },
  '72': { 'zh-CN': '钢铁', en: 'Iron and steel' },
  '73': { 'zh-CN': '钢铁制品', en: 'Articles of iron or steel' },
  '74': { 'zh-CN': '铜及其制品', en: 'Copper and articles thereof' },
  '75': { 'zh-CN': '镍及其制品', en: 'Nickel and articles thereof' },
  '76': { 'zh-CN': '铝及其制品', en: 'Aluminium and articles thereof' },
  '78': { 'zh-CN': '铅及其制品', en: 'Lead and articles thereof' },
  '79': { 'zh-CN': '锌及其制品', en: 'Zinc and articles thereof' },
  '80': { 'zh-CN': '锡及其制品', en: 'Tin and articles thereof' },
  '81': { 'zh-CN': '其他贱金属、金属陶瓷及其制品', en: 'Other base metals; cermets' },
  '82': { 'zh-CN': '贱金属工具、器具、利口器、餐匙、餐叉及其零件', en: 'Tools, implements, cutlery of base metal' },
  '83': { 'zh-CN': '贱金属杂项制品', en: 'Miscellaneous articles of base metal' },
  '84': { 'zh-CN': '核反应堆、锅炉、机器、机械器具及其零件', en: 'Nuclear reactors, boilers, machinery' },
  '85': {
    'zh-CN': '电机、电气设备及其零件；录音机及放声机、电视图像、声音的录制和重放设备及其零件、附件',
    en: 'Electrical machinery and equipment',
  },
  '86': {
    'zh-CN':
      '铁道及电车道机车、车辆及其零件；铁道及电车道轨道固定装置及其零件、附件；各种机械（包括电动机械）交通信号设备',
    en: 'Railway locomotives and rolling stock',
  },
  '87': { 'zh-CN': '车辆及其零件、附件，但铁道及电车道车辆除外', en: 'Vehicles other than railway' },
  '88': { 'zh-CN': '航空器、航天器及其零件', en: 'Aircraft, spacecraft and parts' },
  '89': { 'zh-CN': '船舶及浮动结构体', en: 'Ships, boats and floating structures' },
  '90': {
    'zh-CN': '光学、照相、电影、计量、检验、医疗或外科用仪器及设备、精密仪器及设备；上述物品的零件、附件',
    en: 'Optical, measuring, medical instruments',
  },
  '91': { 'zh-CN': '钟表及其零件', en: 'Clocks and watches' },
  '92': { 'zh-CN': '乐器及其零件、附件', en: 'Musical instruments' },
  '93': { 'zh-CN': '武器、弹药及其零件、附件', en: 'Arms and ammunition' },
  '94': {
    'zh-CN':
      '家具；寝具、褥垫、弹簧床垫、软坐垫及类似的填充制品；未列名灯具及照明装置；发光标志、发光铭牌及类似品；活动房屋',
    en: 'Furniture; bedding; lamps; prefabricated buildings',
  },
  '95': { 'zh-CN': '玩具、游戏品、运动用品及其零件、附件', en: 'Toys, games and sports requisites' },
  '96': { 'zh-CN': '杂项制品', en: 'Miscellaneous manufactured articles' },
  '97': { 'zh-CN': '艺术品、收藏品及古物', en: "Works of art, collectors' pieces and antiques" },
};
export function hsChapterLabel(chapter: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const c = HS_CHAPTERS[chapter];
  return c ? `第${Number(chapter)}章 ${c[locale]}` : chapter;
}

/** ISO 3166-1 alpha-2 codes (upper case) that exist. */
export function isCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}
/** The country's name in the locale; the code itself when unknown. */
export function countryName(code: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return countries.getName(code, locale === 'zh-CN' ? 'zh' : 'en') ?? code;
}
/** Every country, for pickers: [code, Chinese name, English name]. */
export function countryList(): { code: string; 'zh-CN': string; en: string }[] {
  const zhNames = countries.getNames('zh');
  const enNames = countries.getNames('en');
  return Object.keys(countries.getAlpha2Codes())
    .map((code) => ({ code, 'zh-CN': zhNames[code] ?? code, en: enNames[code] ?? code }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
/** A country code as an import file or another system may give it: 'us', 'USA' (alpha-3), '840' (numeric). */
export function toCountryCode(input: string): string | null {
  const s = input.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(s)) return countries.isValid(s) ? s : null;
  if (/^[A-Z]{3}$/.test(s)) return countries.alpha3ToAlpha2(s) ?? null;
  if (/^\d{3}$/.test(s)) return countries.numericToAlpha2(s) ?? null;
  return null;
}

/** Currencies a declaration may be in: ISO 4217 alphabetic codes. The monthly rate table must hold the month's rate. */
export const ZCURRENCY_PATTERN = /^[A-Z]{3}$/;
