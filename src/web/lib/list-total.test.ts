import { describe, expect, it } from 'vitest';
import type { TLocale } from '../../contracts/common';
import type { Translate } from '../i18n';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { paginationTotal } from './list-total';

const dict = { 'zh-CN': zhCN, en } as const;
const tOf =
  (locale: TLocale): Translate =>
  (key, vars) =>
    dict[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name]));
const rows = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('the pagination of a list whose total may be capped', () => {
  it('shows an exact total as it is', () => {
    const p = paginationTotal({ items: rows(20), total: 45 }, 1, 20, tOf('zh-CN'), 'zh-CN');
    expect(p.total).toBe(45);
    expect(p.showTotal?.(45, [1, 20])).toBe('共 45 条');
    expect(p.itemRender).toBeUndefined();
  });

  it('says 共 1万条以上 / 10,000+ for a capped total and offers the next page but not the last', () => {
    const capped = { items: rows(20), total: 10_000, totalCapped: true };
    const zh = paginationTotal(capped, 1, 20, tOf('zh-CN'), 'zh-CN');
    expect(zh.showTotal?.(0, [1, 20])).toBe('共 1万条以上');
    expect(paginationTotal(capped, 1, 20, tOf('en'), 'en').showTotal?.(0, [1, 20])).toBe('10,000+ in total');
    // Pages up to the cap and one beyond exist for the pager; the last page button is not rendered.
    expect(zh.total).toBe(10_001);
    const button = 'button';
    expect(zh.itemRender?.(2, 'page', button)).toBe(button);
    expect(zh.itemRender?.(501, 'page', button)).toBeNull();
    expect(zh.itemRender?.(2, 'next', button)).toBe(button);
  });

  it('keeps offering the next page beyond the cap until a short page shows the end', () => {
    const deep = paginationTotal({ items: rows(20), total: 10_000, totalCapped: true }, 600, 20, tOf('en'), 'en');
    expect(deep.total).toBeGreaterThan(600 * 20);
    const end = paginationTotal({ items: rows(7), total: 10_000, totalCapped: true }, 601, 20, tOf('en'), 'en');
    expect(end.total).toBe(600 * 20 + 7);
  });
});
