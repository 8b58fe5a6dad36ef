/**
 * A window of Beijing days split into the whole months the month table answers and the cut edge days that must come
 * from the raw rows, so that every window is exact and the common one (whole months) touches no raw row.
 */
export interface WindowSplit {
  /** Whole months covered, 'YYYY-MM' inclusive (null end: open); null when no whole month is covered. */
  months: { from: string | null; to: string | null } | null;
  /** Day ranges (inclusive) to count from the raw rows. */
  edges: { from: string; to: string }[];
}

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => dayOf(dayMs(day) + n * DAY_MS);
export function lastDayOfMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return dayOf(Date.UTC(y, m, 0));
}
const firstOfNextMonth = (day: string) => addDays(lastDayOfMonth(day), 1);
const lastOfPreviousMonth = (day: string) => addDays(`${day.slice(0, 8)}01`, -1);

/**
 * Split [from, to] (Beijing days, either open). `to` on or after today counts as the end of its month: nothing is
 * submitted after today, so the rest of the month holds no record.
 */
export function splitWindow(
  from: string | null | undefined,
  to: string | null | undefined,
  today: string,
): WindowSplit {
  const fullStart = !from ? null : from.endsWith('-01') ? from : firstOfNextMonth(from);
  const toWhole = !!to && (to === lastDayOfMonth(to) || to >= today);
  const fullEnd = !to ? null : toWhole ? lastDayOfMonth(to) : lastOfPreviousMonth(to);
  if (from && to && fullStart && fullEnd && fullStart > fullEnd) return { months: null, edges: [{ from, to }] };
  const edges: WindowSplit['edges'] = [];
  if (from && fullStart && from !== fullStart) edges.push({ from, to: addDays(fullStart, -1) });
  if (to && fullEnd && !toWhole) edges.push({ from: addDays(fullEnd, 1), to });
  return {
    months: { from: fullStart ? fullStart.slice(0, 7) : null, to: fullEnd ? fullEnd.slice(0, 7) : null },
    edges,
  };
}

/** Whether the month table alone answers the window. */
export function isWholeMonths(from: string | null | undefined, to: string | null | undefined, today: string): boolean {
  if (from && to && from > to) return false;
  return splitWindow(from, to, today).edges.length === 0;
}

/** The instant a Beijing day starts. */
export const beijingDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
