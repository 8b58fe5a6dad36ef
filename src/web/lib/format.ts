import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { TLocale } from '../../contracts/common';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The platform keeps Beijing time wherever the browser is: a deadline or a decision date must read the same for an
 * official in 武汉 and a reviewer abroad. Date-only values (2026-11-24) are calendar days and are not shifted.
 */
const ZONE = 'Asia/Shanghai';
function beijing(iso: string) {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dayjs(iso) : dayjs(iso).tz(ZONE);
}

/** Today's calendar day in Beijing (2026-11-24), the day the server counts deadlines from. */
export function todayInBeijing(): string {
  return dayjs().tz(ZONE).format('YYYY-MM-DD');
}

/** 2026-11-24 14:03 in both languages: tables need a compact, sortable form. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? beijing(iso).format('YYYY-MM-DD HH:mm') : '—';
}

/** 2026年11月24日 in Chinese, Nov 24, 2026 in English. */
export function formatDate(iso: string | null | undefined, locale: TLocale): string {
  if (!iso) return '—';
  return beijing(iso).format(locale === 'en' ? 'MMM D, YYYY' : 'YYYY年M月D日');
}

export function formatNumber(n: number, locale: TLocale): string {
  return new Intl.NumberFormat(locale).format(n);
}

export function formatYuan(amount: number, locale: TLocale): string {
  if (locale === 'zh-CN' && amount >= 10000 && amount % 100 === 0) {
    return `${new Intl.NumberFormat('zh-CN').format(amount / 10000)} 万元`;
  }
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }).format(amount);
}

/**
 * A sum in 万元 (12.5 万元), as budgets and agreements state them; English readers get yuan in full. Amounts are
 * stored in 元.
 */
export function formatWan(amount: number, locale: TLocale): string {
  if (locale === 'en') return formatYuan(amount, locale);
  return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 }).format(amount / 10000)} 万元`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 6 → 六, 10 → 十, 12 → 十二, 21 → 二十一 (article numbers of the policy, 1–99). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${units === 0 ? '' : DIGITS[units]}`;
}

/**
 * A sum kept in whole fen (分, issue 15), shown in 元 to the fen: 369,863.01 元 — or in 万元 when it is a round
 * number of 元 of at least 1万 (40 万元). English readers get yuan in full.
 */
export function formatFen(fen: number, locale: TLocale): string {
  const yuan = fen / 100;
  if (locale === 'en')
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency: 'CNY',
      minimumFractionDigits: fen % 100 === 0 ? 0 : 2,
    }).format(yuan);
  if (fen % 1_000_000 === 0 && fen !== 0) return formatWan(yuan, locale);
  const digits = fen % 100 === 0 ? 0 : 2;
  return `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(yuan)} 元`;
}

/** 元 typed into a form (two decimals at most) → whole fen, rounded once here. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** A sum kept in whole fen, in 万元 for overview tables (36.9863 万元); English readers get yuan in full. */
export function formatFenWan(fen: number, locale: TLocale): string {
  if (locale === 'en') return formatFen(fen, locale);
  return fen === 0
    ? '0'
    : `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(fen / 1_000_000)} 万元`;
}

/**
 * An InputNumber's display without the trailing zero its step would add (a weight of 7 reads 7, not 7.0; 7.5 stays),
 * and what the user is typing left as typed.
 */
export function plainNumber(value: number | string | undefined, info: { userTyping: boolean; input: string }): string {
  if (info.userTyping) return info.input;
  if (value === undefined || value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? String(n) : String(value);
}
