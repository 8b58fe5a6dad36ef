import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { TLocale } from '../../../contracts/common';
import { countryName, hsChapterLabel, tradeModeLabel } from '../../../contracts/trade-codes';
import {
  NEWLY_TRADING_PAGE_SIZE,
  type TTradeBreakdownRow,
  type TTradeMonitoring,
  type TTradeMonitoringQuery,
  type TTradeTotals,
  ZTradeMonitoring,
} from '../../../contracts/trade-monitoring';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { readDb } from '../../db/read-db';
import { centres, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import type { SessionUser } from '../../lib/access/session-user';
import { beijingDay } from '../../policy/policy';
import {
  cachedFiguresAnswer,
  newlyTradingEnterprises,
  readsRegionTable,
  scopeKeyOf,
  servedTradeBeforeAfter,
  type TradeDimRow,
  type TradeFigureScope,
  tradeYearFigures,
} from '../figures';
import { newlyTradingRow } from './list-newly-trading';
import { checkFilters, filterKeyOf } from './trade-monitoring-filters';

const TOP = 15;

/** Growth of `now` over `before` as a ratio; null when there is nothing to compare with. */
export const growth = (now: number, before: number): number | null =>
  before === 0 ? null : Math.round(((now - before) / before) * 10_000) / 10_000;

/**
 * 贸易监测 (issue 13; Art. 5(十三) trade data, Art. 12 the centres' results): a year's imports and exports in the
 * caller's scope — province all, a city or a county its region, a park its enterprises, a centre the enterprises it has
 * served, an enterprise its own — narrowed by the query's filters. A filter naming a region, centre or enterprise the
 * caller may not see is refused as not found (never an empty answer that would confirm it exists).
 */
export async function getTradeMonitoring(ctx: RequestContext, q: TTradeMonitoringQuery): Promise<TTradeMonitoring> {
  const user = requireAction(ctx.user, 'trade.read');
  const db = readDb(ctx.deps);
  const today = beijingDay(ctx.deps.clock());
  const year = q.year ?? Number(today.slice(0, 4));
  // The filters are checked on every request, outside the cache: a filter outside the caller's reach is 404 now.
  await checkFilters(db, user, q);
  // The answer cache (decision 0031), keyed by everything the answer depends on besides the figures' version: the
  // scope (scopeKeyOf: never the user — two users of one scope share), the year and filters, today (months still to
  // come, before/after's ended months) and the locale (labels).
  const key = JSON.stringify([...scopeKeyOf(user), year, ...filterKeyOf(q), q.direction ?? null, today, ctx.locale]);
  return cachedFiguresAnswer(db, 'trade', key, (tx) => monitoringAnswer(tx, user, q, year, today, ctx.locale));
}

/** The answer itself, read in the snapshot the cache gives (one version of the figures). */
async function monitoringAnswer(
  db: Db,
  user: SessionUser,
  q: TTradeMonitoringQuery,
  year: number,
  today: string,
  locale: TLocale,
): Promise<TTradeMonitoring> {
  const scope: TradeFigureScope = { user, ...q };
  const centreId = q.centreId ?? (user.role === 'operator' ? (user.centreId ?? undefined) : undefined);
  const regionLevel = readsRegionTable(scope)
    ? q.countyCode || user.role === 'county'
      ? null
      : q.cityCode || user.role === 'city'
        ? 'county'
        : 'city'
    : null;

  // One after another: `db` is the cache's snapshot, one connection (node-postgres deprecates overlapping queries on
  // a client, and they would wait for each other there anyway).
  const figures = await tradeYearFigures(db, scope, year, regionLevel);
  const newly = await newlyTradingEnterprises(db, scope, year);
  const beforeAfter = centreId ? await servedTradeBeforeAfter(db, { centreId, year, today }) : null;

  const totalsOf = (y: number): TTradeTotals => {
    const t = { import: { cnyFen: 0, usdCent: 0 }, export: { cnyFen: 0, usdCent: 0 }, declarations: 0 };
    for (const m of figures.months)
      if (m.month.startsWith(String(y))) {
        t[m.direction].cnyFen += m.cnyFen;
        t[m.direction].usdCent += m.usdCent;
        t.declarations += m.items;
      }
    return {
      ...t,
      total: { cnyFen: t.import.cnyFen + t.export.cnyFen, usdCent: t.import.usdCent + t.export.usdCent },
    };
  };
  const totals = totalsOf(year);
  const previousTotals = totalsOf(year - 1);

  const monthSum = (month: string, dir?: 'import' | 'export', usd = false) =>
    figures.months
      .filter((m) => m.month === month && (!dir || m.direction === dir))
      .reduce((s, m) => s + (usd ? m.usdCent : m.cnyFen), 0);
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    const previous = `${year - 1}-${String(i + 1).padStart(2, '0')}`;
    const total = monthSum(month);
    const prev = monthSum(previous);
    return {
      month,
      importCnyFen: monthSum(month, 'import'),
      exportCnyFen: monthSum(month, 'export'),
      totalCnyFen: total,
      totalUsdCent: monthSum(month, undefined, true),
      previousCnyFen: prev,
      // A month still to come has no growth yet (not −100 %).
      growth: month > today.slice(0, 7) ? null : growth(total, prev),
    };
  });

  const breakdown = (dim: TradeDimRow['dim'], label: (code: string) => string, top: number | null) => {
    const byCode = new Map<string, TTradeBreakdownRow>();
    for (const r of figures.dims) {
      if (r.dim !== dim) continue;
      const row = byCode.get(r.value) ?? emptyRow(r.value, label(r.value));
      addTo(row, r.direction, r.cnyFen, r.usdCent);
      byCode.set(r.value, row);
    }
    const rows = [...byCode.values()].sort((a, b) => b.totalCnyFen - a.totalCnyFen || a.code.localeCompare(b.code));
    if (top !== null && rows.length > top) {
      const other = emptyRow('other', locale === 'en' ? 'Other' : '其他');
      for (const r of rows.slice(top)) {
        other.importCnyFen += r.importCnyFen;
        other.exportCnyFen += r.exportCnyFen;
        other.totalCnyFen += r.totalCnyFen;
        other.totalUsdCent += r.totalUsdCent;
      }
      rows.splice(top, rows.length - top, other);
    }
    // The share of the dimension's own whole (lines for chapters, declarations otherwise): equal to the totals.
    const whole = rows.reduce((s, r) => s + r.totalCnyFen, 0);
    for (const r of rows) r.share = whole === 0 ? 0 : Math.round((r.totalCnyFen / whole) * 10_000) / 10_000;
    return rows;
  };

  const narrowedTo = q.countyCode ?? q.cityCode;
  const regionNames = await namesOf(db, [
    ...new Set([...figures.regions.map((r) => r.code), ...(narrowedTo ? [narrowedTo] : [])]),
  ]);
  const byRegionCode = new Map<string, TTradeBreakdownRow & { previousCnyFen: number; growth: number | null }>();
  for (const r of figures.regions) {
    const row = byRegionCode.get(r.code) ?? {
      ...emptyRow(r.code, regionNames.get(r.code) ?? r.code),
      previousCnyFen: 0,
      growth: null,
    };
    if (r.year === year) addTo(row, r.direction, r.cnyFen, r.usdCent);
    else row.previousCnyFen += r.cnyFen;
    byRegionCode.set(r.code, row);
  }
  const byRegion = [...byRegionCode.values()]
    .map((r) => ({
      ...r,
      growth: growth(r.totalCnyFen, r.previousCnyFen),
      share: totals.total.cnyFen ? Math.round((r.totalCnyFen / totals.total.cnyFen) * 10_000) / 10_000 : 0,
    }))
    .sort((a, b) => b.totalCnyFen - a.totalCnyFen || a.code.localeCompare(b.code));

  const centreIds = [...new Set([...figures.centres.map((c) => c.centreId), ...(centreId ? [centreId] : [])])];
  const centreNames = centreIds.length
    ? new Map(
        (
          await db.select({ id: centres.id, name: centres.name }).from(centres).where(inArray(centres.id, centreIds))
        ).map((c) => [c.id, c.name]),
      )
    : new Map<number, string>();
  const centreRows = new Map<number, TTradeMonitoring['byCentre'][number]>();
  for (const c of figures.centres) {
    const row = centreRows.get(c.centreId) ?? {
      centreId: c.centreId,
      name: centreNames.get(c.centreId) ?? '',
      enterprises: 0,
      totalCnyFen: 0,
      totalUsdCent: 0,
      newlyTrading: 0,
    };
    row.totalCnyFen += c.cnyFen;
    row.totalUsdCent += c.usdCent;
    centreRows.set(c.centreId, row);
  }
  // Enterprises per centre are counted once whatever the direction.
  for (const c of figures.centres) {
    const row = centreRows.get(c.centreId);
    if (row) row.enterprises = Math.max(row.enterprises, c.enterprises);
  }
  for (const n of newly) {
    const row = n.centreId ? centreRows.get(n.centreId) : undefined;
    if (row) row.newlyTrading++;
  }

  return {
    year,
    regionLevel,
    regionName: narrowedTo ? (regionNames.get(narrowedTo) ?? null) : null,
    centre: centreId ? { id: centreId, name: centreNames.get(centreId) ?? '' } : null,
    totals,
    previousTotals,
    growth: {
      import: growth(totals.import.cnyFen, previousTotals.import.cnyFen),
      export: growth(totals.export.cnyFen, previousTotals.export.cnyFen),
      total: growth(totals.total.cnyFen, previousTotals.total.cnyFen),
    },
    months,
    byCountry: breakdown('country', (c) => countryName(c, locale), TOP),
    byTradeMode: breakdown('mode', (c) => tradeModeLabel(c, locale), null),
    byHsChapter: breakdown('chapter', (c) => hsChapterLabel(c, locale), TOP),
    byRegion,
    byCentre: [...centreRows.values()].sort((a, b) => b.totalCnyFen - a.totalCnyFen || a.centreId - b.centreId),
    // The first page only, in the list's order (first day, then id); the rest is paged (newly-trading route).
    newlyTrading: newly.slice(0, NEWLY_TRADING_PAGE_SIZE).map(newlyTradingRow),
    newlyTradingTotal: newly.length,
    beforeAfter: beforeAfter
      ? beforeAfter.map((b) => ({
          enterpriseId: b.enterpriseId,
          name: b.name,
          firstServedMonth: b.firstServedMonth,
          beforeCnyFen: b.before.cnyFen,
          afterCnyFen: b.after.cnyFen,
          afterMonths: b.afterMonths,
        }))
      : null,
  };
}

const bodies = new WeakMap<TTradeMonitoring, Buffer>();

/**
 * The answer as the route sends it: encoded by its response schema and stringified, as the route's serializer would
 * (fastify-type-provider-zod), once per cached answer — at 10,000,000 lines the province's answer is ~330 KB (1,864
 * newly-trading enterprises), and encoding it on every request cost more than the cache saved (decision 0031). Kept
 * beside the answer object (a WeakMap): it goes when the cache lets the answer go.
 */
export function tradeMonitoringBody(m: TTradeMonitoring): Buffer {
  let body = bodies.get(m);
  if (body === undefined) {
    // UTF-8 once, too: a string body is encoded again on every send.
    body = Buffer.from(JSON.stringify(z.encode(ZTradeMonitoring, m)));
    bodies.set(m, body);
  }
  return body;
}

function emptyRow(code: string, label: string): TTradeBreakdownRow {
  return { code, label, importCnyFen: 0, exportCnyFen: 0, totalCnyFen: 0, totalUsdCent: 0, share: 0 };
}

function addTo(row: TTradeBreakdownRow, direction: 'import' | 'export', cnyFen: number, usdCent: number) {
  if (direction === 'import') row.importCnyFen += cnyFen;
  else row.exportCnyFen += cnyFen;
  row.totalCnyFen += cnyFen;
  row.totalUsdCent += usdCent;
}

async function namesOf(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}
