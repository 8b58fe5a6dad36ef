import type { TLocale } from '../../../../contracts/common';

/** 0.6667 → 66.67%: rates come with four decimals, so two show them exactly. */
export function formatRate(rate: number | null, locale: TLocale): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(rate);
}

/** Hours (one decimal) or a mean score (two decimals); a dash when there was nothing to average. */
export function formatMean(value: number | null, locale: TLocale, digits: number): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** Five-level colours of the 好评 scheme: greens for good, orange and red for the two that open a rectification. */
export const LEVEL_COLOURS = {
  very_satisfied: '#237804',
  satisfied: '#52c41a',
  basic: '#95de64',
  dissatisfied: '#fa8c16',
  very_dissatisfied: '#f5222d',
} as const;
