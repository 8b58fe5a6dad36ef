import type { TLocale } from '../../../../contracts/common';

/**
 * Money arrives in whole fen (分). On screen: 万元 with up to four decimals from 1万元 up, 元 with two decimals below,
 * in Chinese; yuan in full in English. The division is for display only; nothing is summed back from it.
 */
export function formatFen(fen: number, locale: TLocale): string {
  const yuan = fen / 100;
  if (locale === 'en') {
    return new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(yuan);
  }
  if (fen >= 1_000_000) {
    return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 }).format(yuan / 10_000)} 万元`;
  }
  return `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(yuan)} 元`;
}

/** 元 typed into a form (two decimals at most) → whole fen, rounded once here. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}
