import type { TLocale } from '../../../../../contracts/common';
import type { TTradeMonitoringQuery } from '../../../../../contracts/trade-monitoring';

/** Fen (or US cents) → 万元 (万美元) with two decimals. */
export function wan(fen: number, locale: TLocale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 1_000_000);
}

/** 0.125 → +12.5%; null → —. */
export function formatGrowth(g: number | null, locale: TLocale): string {
  if (g === null) return '—';
  const text = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'always' });
  return text.format(g);
}

export function formatShare(s: number, locale: TLocale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(s);
}

/** The page's filters that the declarations list understands too (shared-paths.md). */
export type DrillFilters = Pick<
  TTradeMonitoringQuery,
  'cityCode' | 'countyCode' | 'centreId' | 'enterpriseId' | 'direction'
> & {
  year?: number;
  month?: string;
  tradeMode?: string;
  country?: string;
  hsChapter?: string;
};

/** A link to the declarations list (helper trade-intake's page) filtered to one figure. */
export function declarationsHref(filters: DrillFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  // A month already names its year.
  if (params.has('month')) params.delete('year');
  const qs = params.toString();
  return `/trade/declarations${qs ? `?${qs}` : ''}`;
}
