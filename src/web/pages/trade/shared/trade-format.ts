import type { TLocale } from '../../../../contracts/common';

/** 12,345.67 元 / CNY 12,345.67 — amounts arrive as exact decimal text and are only formatted here. */
export function formatMoney(amount: string, currency: string, locale: TLocale): string {
  const n = Number(amount);
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
  if (currency === 'CNY') {
    if (locale === 'zh-CN' && Math.abs(n) >= 100_000_000)
      return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n / 100_000_000)} 亿元`;
    if (locale === 'zh-CN' && Math.abs(n) >= 100_000)
      return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n / 10_000)} 万元`;
    return locale === 'zh-CN' ? `${text} 元` : `CNY ${text}`;
  }
  if (currency === 'USD') return locale === 'zh-CN' ? `${text} 美元` : `USD ${text}`;
  return `${currency} ${text}`;
}

/** 2026-03-15 → 2026年3月15日 in Chinese prose; English keeps the ISO day. */
export function formatDay(day: string, locale: TLocale): string {
  if (locale === 'en') return day;
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
