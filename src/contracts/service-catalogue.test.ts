import { describe, expect, it } from 'vitest';
import {
  isSubItemOf,
  SERVICE_CATALOGUE,
  SERVICE_CATALOGUE_ARTICLE,
  SERVICE_SUB_ITEMS,
  ZServiceSubItem,
} from './service-catalogue';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_NAMES, type TServiceCategory } from './service-category';

const zhOf = (category: TServiceCategory) => SERVICE_SUB_ITEMS[category].map((subItem) => subItem['zh-CN']);

describe('service catalogue (第五条)', () => {
  it('has the 22 categories of Art. 5 in the policy’s order', () => {
    expect(SERVICE_CATALOGUE_ARTICLE).toBe('第五条');
    expect(SERVICE_CATALOGUE).toHaveLength(22);
    expect(SERVICE_CATALOGUE.map((entry) => entry.category)).toEqual([...SERVICE_CATEGORIES]);
    expect(SERVICE_CATALOGUE.map((entry) => entry.names['zh-CN'])).toEqual([
      '备案代办',
      '报关服务',
      '报检服务',
      '物流服务',
      '仓储服务',
      '退税服务',
      '结汇服务',
      '保险服务',
      '融资服务',
      '培训服务',
      '咨询服务',
      '政策宣贯',
      '数据运行监测',
      '海外市场拓展',
      '展会推介',
      '翻译服务',
      '法律服务',
      '审证服务',
      '制单服务',
      '认证服务',
      '外贸代理',
      '其他赋能服务',
    ]);
  });

  it('numbers the paragraphs 第五条（一）…（二十二）', () => {
    const numerals = '一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二';
    expect(SERVICE_CATALOGUE.map((entry) => entry.article)).toEqual(numerals.split(' ').map((n) => `第五条（${n}）`));
    expect(SERVICE_CATALOGUE[5]).toMatchObject({ category: 'tax_refund', article: '第五条（六）' });
    expect(SERVICE_CATALOGUE[21]).toMatchObject({ category: 'other_enablement', article: '第五条（二十二）' });
  });

  it('builds each entry from the names and sub-items records', () => {
    for (const entry of SERVICE_CATALOGUE) {
      expect(entry.names).toEqual(SERVICE_CATEGORY_NAMES[entry.category]);
      expect(entry.subItems).toEqual(SERVICE_SUB_ITEMS[entry.category]);
    }
  });

  it.each(SERVICE_CATEGORIES)(
    '%s: ≥ 2 listed sub-items, then other; keys snake_case and unique; names set',
    (category) => {
      const subItems = SERVICE_SUB_ITEMS[category];
      const keys = subItems.map((subItem) => subItem.key);
      expect(subItems.length).toBeGreaterThanOrEqual(3);
      expect(subItems.at(-1)).toEqual({ key: 'other', 'zh-CN': '其他', en: 'Other' });
      expect(keys.indexOf('other')).toBe(keys.length - 1);
      expect(new Set(keys).size).toBe(keys.length);
      for (const subItem of subItems) {
        expect(subItem.key).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
        expect(subItem['zh-CN'].trim()).not.toBe('');
        expect(subItem.en.trim()).not.toBe('');
      }
      expect(new Set(zhOf(category)).size).toBe(subItems.length);
    },
  );

  it('follows the policy text', () => {
    expect(zhOf('filing_agency')).toEqual([
      '海关进出口收发货人备案',
      '电子口岸IC卡申领与激活',
      '报检及原产地证备案',
      '行业特殊资质备案',
      '外汇管理局名录登记',
      '单一窗口线上申报',
      '其他',
    ]);
    expect(zhOf('customs_declaration').slice(0, 3)).toEqual(['报关单规范填制', '商品预归类', '电子数据申报与交单']);
    expect(zhOf('customs_declaration')).toContain('边角料及余料核销');
    expect(zhOf('tax_refund').some((zh) => zh.includes('退（免）税申报'))).toBe(true);
    expect(zhOf('exhibition').some((zh) => zh.includes('广交会'))).toBe(true);
    expect(zhOf('exhibition').some((zh) => zh.includes('华交会'))).toBe(true);
    expect(zhOf('inspection_declaration')).toContain('3C认证协助申请');
    expect(zhOf('insurance')).toContain('保费代缴');
    expect(zhOf('financing').some((zh) => zh.includes('信用证押汇'))).toBe(true);
    expect(zhOf('lc_review').some((zh) => zh.includes('可执行性'))).toBe(true);
    expect(zhOf('documentation').some((zh) => zh.includes('提单'))).toBe(true);
    expect(zhOf('translation').some((zh) => zh.includes('验厂'))).toBe(true);
    expect(zhOf('other_enablement').some((zh) => zh.includes('跨境电商'))).toBe(true);
  });

  it('checks sub-item membership', () => {
    expect(isSubItemOf('tax_refund', 'refund_declaration')).toBe(true);
    expect(isSubItemOf('tax_refund', 'other')).toBe(true);
    expect(isSubItemOf('logistics', 'refund_declaration')).toBe(false);
    expect(ZServiceSubItem.safeParse({ category: 'exhibition', subItem: 'domestic_fairs' }).success).toBe(true);
    expect(ZServiceSubItem.safeParse({ category: 'legal', subItem: 'domestic_fairs' }).success).toBe(false);
    expect(ZServiceSubItem.safeParse({ category: 'legal', subItem: 'Other' }).success).toBe(false);
    expect(ZServiceSubItem.safeParse({ category: 'unknown', subItem: 'other' }).success).toBe(false);
  });
});
