import type { TOperatorChangeStatus } from '../../../../../contracts/engagement';

/** Blue while with the offices, green once approved, red when rejected. */
export const CHANGE_STATUS_COLOURS: Record<TOperatorChangeStatus, string> = {
  submitted: 'processing',
  forwarded: 'gold',
  approved: 'success',
  rejected: 'error',
};

/** Art. 10(六) in parameter version 1: 变更之日起1个月内. Used only until the version in force has loaded. */
export const DEFAULT_CHANGE_MONTHS = 1;

const DAY_MS = 86_400_000;

function parse(day: string): { y: number; m: number; d: number } {
  const [y, m, d] = day.split('-').map(Number);
  return { y, m, d };
}

/**
 * 2026-01-31 + 1 month → 2026-02-28: the same day of the month N months later, or that month's last day when it is
 * shorter. The same rule as the server's deadline; here only to show the county the date before it applies.
 */
export function addMonthsClamped(day: string, months: number): string {
  const { y, m, d } = parse(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Days of service from the first day to the last, both counted (1 March to 31 March is 31 days). */
export function inclusiveDays(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS) + 1;
}
