// 演示数据：湖北省开发区/园区目录，力求贴近真实，但并非官方名录。

export type ParkKind =
  | 'high_tech_zone'
  | 'economic_dev_zone'
  | 'industrial_park'
  | 'trade_upgrade_base'
  | 'cross_border_ecommerce_pilot_zone'
  | 'cross_border_ecommerce_park'
  | 'market_procurement_pilot'
  | 'bonded_zone';
// 高新技术产业开发区 / 经济技术开发区 / 工业园区 / 外贸转型升级基地 / 跨境电商综合试验区 / 跨境电商产业园 / 市场采购贸易试点 / 综合保税区

export type ParkLevel = 'national' | 'provincial' | 'other';

export interface ParkSeed {
  name: string;
  countyCode: string;
  kind: ParkKind;
  level: ParkLevel;
}

export const PARK_CATALOG: readonly ParkSeed[] = [
  // ---- 国家级高新技术产业开发区（12）----
  { name: '武汉东湖新技术开发区', countyCode: '420111', kind: 'high_tech_zone', level: 'national' },
  { name: '襄阳高新技术产业开发区', countyCode: '420606', kind: 'high_tech_zone', level: 'national' },
  { name: '宜昌高新技术产业开发区', countyCode: '420502', kind: 'high_tech_zone', level: 'national' },
  { name: '孝感高新技术产业开发区', countyCode: '420902', kind: 'high_tech_zone', level: 'national' },
  { name: '荆门高新技术产业开发区', countyCode: '420804', kind: 'high_tech_zone', level: 'national' },
  { name: '随州高新技术产业开发区', countyCode: '421303', kind: 'high_tech_zone', level: 'national' },
  { name: '仙桃高新技术产业开发区', countyCode: '429004', kind: 'high_tech_zone', level: 'national' },
  { name: '咸宁高新技术产业开发区', countyCode: '421202', kind: 'high_tech_zone', level: 'national' },
  { name: '黄冈高新技术产业开发区', countyCode: '421102', kind: 'high_tech_zone', level: 'national' },
  { name: '荆州高新技术产业开发区', countyCode: '421003', kind: 'high_tech_zone', level: 'national' },
  { name: '潜江高新技术产业开发区', countyCode: '429005', kind: 'high_tech_zone', level: 'national' },
  { name: '黄石大冶湖高新技术产业开发区', countyCode: '420281', kind: 'high_tech_zone', level: 'national' },

  // ---- 国家级经济技术开发区（7）----
  { name: '武汉经济技术开发区', countyCode: '420113', kind: 'economic_dev_zone', level: 'national' },
  { name: '武汉临空港经济技术开发区', countyCode: '420112', kind: 'economic_dev_zone', level: 'national' },
  { name: '黄石经济技术开发区', countyCode: '420205', kind: 'economic_dev_zone', level: 'national' },
  { name: '襄阳经济技术开发区', countyCode: '420607', kind: 'economic_dev_zone', level: 'national' },
  { name: '鄂州葛店经济技术开发区', countyCode: '420703', kind: 'economic_dev_zone', level: 'national' },
  { name: '荆州经济技术开发区', countyCode: '421002', kind: 'economic_dev_zone', level: 'national' },
  { name: '十堰经济技术开发区', countyCode: '420303', kind: 'economic_dev_zone', level: 'national' },

  // ---- 海关特殊监管区域：综合保税区（3）----
  { name: '武汉东湖综合保税区', countyCode: '420115', kind: 'bonded_zone', level: 'national' },
  { name: '武汉新港空港综合保税区', countyCode: '420117', kind: 'bonded_zone', level: 'national' },
  { name: '宜昌综合保税区', countyCode: '420503', kind: 'bonded_zone', level: 'national' },

  // ---- 省级开发区 / 园区 ----
  // 武汉市
  { name: '武汉阳逻经济开发区', countyCode: '420117', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '武汉盘龙城经济开发区', countyCode: '420116', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '武汉江夏经济开发区', countyCode: '420115', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '武汉蔡甸经济开发区', countyCode: '420114', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '武汉化学工业区', countyCode: '420107', kind: 'industrial_park', level: 'provincial' },
  // 黄石市
  { name: '湖北阳新经济开发区', countyCode: '420222', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '黄石新港工业园区', countyCode: '420222', kind: 'industrial_park', level: 'provincial' },
  { name: '黄石西塞山工业园区', countyCode: '420203', kind: 'industrial_park', level: 'provincial' },
  // 十堰市
  { name: '十堰高新技术产业园区', countyCode: '420304', kind: 'high_tech_zone', level: 'provincial' },
  { name: '丹江口经济开发区', countyCode: '420381', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '房县经济开发区', countyCode: '420325', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '竹山经济开发区', countyCode: '420323', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '竹溪工业园区', countyCode: '420324', kind: 'industrial_park', level: 'provincial' },
  // 宜昌市
  { name: '枝江经济开发区', countyCode: '420583', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '宜都经济开发区', countyCode: '420581', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '当阳经济开发区', countyCode: '420582', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '宜昌夷陵经济开发区', countyCode: '420506', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '秭归经济开发区', countyCode: '420527', kind: 'economic_dev_zone', level: 'provincial' },
  // 襄阳市
  { name: '枣阳经济开发区', countyCode: '420683', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '老河口经济开发区', countyCode: '420682', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '宜城经济开发区', countyCode: '420684', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '谷城经济开发区', countyCode: '420625', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '南漳经济开发区', countyCode: '420624', kind: 'economic_dev_zone', level: 'provincial' },
  // 鄂州市
  { name: '鄂州经济开发区', countyCode: '420704', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '鄂州临空经济区', countyCode: '420704', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '鄂州梁子湖工业园区', countyCode: '420702', kind: 'industrial_park', level: 'provincial' },
  // 荆门市
  { name: '钟祥经济开发区', countyCode: '420881', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '京山经济开发区', countyCode: '420882', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '沙洋经济开发区', countyCode: '420822', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '荆门东宝工业园区', countyCode: '420802', kind: 'industrial_park', level: 'provincial' },
  // 孝感市
  { name: '汉川经济开发区', countyCode: '420984', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '应城经济开发区', countyCode: '420981', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '安陆经济开发区', countyCode: '420982', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '云梦经济开发区', countyCode: '420923', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '大悟经济开发区', countyCode: '420922', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '孝感临空经济区', countyCode: '420902', kind: 'economic_dev_zone', level: 'provincial' },
  // 荆州市
  { name: '松滋经济开发区', countyCode: '421087', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '石首经济开发区', countyCode: '421081', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '监利经济开发区', countyCode: '421088', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '洪湖经济开发区', countyCode: '421083', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '公安青吉工业园区', countyCode: '421022', kind: 'industrial_park', level: 'provincial' },
  // 黄冈市
  { name: '武穴经济开发区', countyCode: '421182', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '麻城经济开发区', countyCode: '421181', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '浠水经济开发区', countyCode: '421125', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '蕲春李时珍医药工业园区', countyCode: '421126', kind: 'industrial_park', level: 'provincial' },
  { name: '黄梅小池临港经济开发区', countyCode: '421127', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '红安经济开发区', countyCode: '421122', kind: 'economic_dev_zone', level: 'provincial' },
  // 咸宁市
  { name: '赤壁高新技术产业园区', countyCode: '421281', kind: 'high_tech_zone', level: 'provincial' },
  { name: '嘉鱼经济开发区', countyCode: '421221', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '通城经济开发区', countyCode: '421222', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '崇阳经济开发区', countyCode: '421223', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '通山经济开发区', countyCode: '421224', kind: 'economic_dev_zone', level: 'provincial' },
  // 随州市
  { name: '广水经济开发区', countyCode: '421381', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '随县经济开发区', countyCode: '421321', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '随州曾都经济开发区', countyCode: '421303', kind: 'economic_dev_zone', level: 'provincial' },
  // 恩施土家族苗族自治州
  { name: '恩施高新技术产业园区', countyCode: '422801', kind: 'high_tech_zone', level: 'provincial' },
  { name: '利川经济开发区', countyCode: '422802', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '建始经济开发区', countyCode: '422822', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '巴东经济开发区', countyCode: '422823', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '咸丰经济开发区', countyCode: '422826', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '来凤经济开发区', countyCode: '422827', kind: 'economic_dev_zone', level: 'provincial' },
  // 省直管市、林区
  { name: '仙桃彭场非织造布产业园区', countyCode: '429004', kind: 'industrial_park', level: 'provincial' },
  { name: '潜江经济开发区', countyCode: '429005', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '天门经济开发区', countyCode: '429006', kind: 'economic_dev_zone', level: 'provincial' },
  { name: '天门高新技术产业园区', countyCode: '429006', kind: 'high_tech_zone', level: 'provincial' },
  { name: '神农架林区阳日工业园区', countyCode: '429021', kind: 'industrial_park', level: 'provincial' },

  // ---- 其他：外贸转型升级基地 / 跨境电商 / 市场采购贸易 ----
  {
    name: '国家外贸转型升级基地（汽车及零部件·十堰）',
    countyCode: '420303',
    kind: 'trade_upgrade_base',
    level: 'other',
  },
  { name: '国家外贸转型升级基地（非织造布·仙桃）', countyCode: '429004', kind: 'trade_upgrade_base', level: 'other' },
  { name: '国家外贸转型升级基地（医药·武穴）', countyCode: '421182', kind: 'trade_upgrade_base', level: 'other' },
  {
    name: '中国（武汉）跨境电子商务综合试验区',
    countyCode: '420112',
    kind: 'cross_border_ecommerce_pilot_zone',
    level: 'other',
  },
  {
    name: '中国（黄石）跨境电子商务综合试验区',
    countyCode: '420202',
    kind: 'cross_border_ecommerce_pilot_zone',
    level: 'other',
  },
  {
    name: '中国（宜昌）跨境电子商务综合试验区',
    countyCode: '420502',
    kind: 'cross_border_ecommerce_pilot_zone',
    level: 'other',
  },
  { name: '武汉东西湖跨境电商产业园', countyCode: '420112', kind: 'cross_border_ecommerce_park', level: 'other' },
  { name: '黄石跨境电商产业园', countyCode: '420204', kind: 'cross_border_ecommerce_park', level: 'other' },
  { name: '宜昌跨境电商产业园', countyCode: '420503', kind: 'cross_border_ecommerce_park', level: 'other' },
  { name: '汉口北市场采购贸易方式试点', countyCode: '420116', kind: 'market_procurement_pilot', level: 'other' },
];
