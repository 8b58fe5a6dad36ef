import type {
  TNewlyTrading,
  TNewlyTradingPage,
  TNewlyTradingQuery,
  TTradeMonitoringQuery,
} from '../../../contracts/trade-monitoring';
import type { RequestContext } from '../../context';
import { readDb } from '../../db/read-db';
import { requireAction } from '../../lib/access/require-access';
import { beijingDay } from '../../policy/policy';
import { cachedFiguresAnswer, type NewlyTradingEnterprise, newlyTradingEnterprises, scopeKeyOf } from '../figures';
import { checkFilters, filterKeyOf } from './trade-monitoring-filters';

/** A 新开口 row as the page shows it. */
export const newlyTradingRow = (n: NewlyTradingEnterprise): TNewlyTrading => ({
  enterpriseId: n.enterpriseId,
  name: n.name,
  firstOn: n.firstOn,
  centreId: n.centreId,
  centreName: n.centreName,
});

/**
 * 新开口企业 (Art. 12(一)) of a year in the caller's scope, narrowed by the monitoring page's filters — the whole list,
 * in the monitoring answer's order (first day of the year's trade, then enterprise id). The same action and the same
 * filter check as GET /api/trade/monitoring, before the cache: a filter outside the caller's reach is 404.
 *
 * Cached (decision 0031) as one entry per scope, year and filters — the whole list, not one entry per page: a page
 * costs the whole query anyway (every candidate is ranked before the order is known), so one computation serves every
 * page and size of that list until the figures' version moves, and a page is a slice of it. The key holds neither the
 * day nor the locale: the list depends on neither (names are the register's); nor the direction, which does not narrow
 * it. The province's list at 10,000,000 lines is ~1,900 rows (~0.2 MB), well inside the cache's bound.
 */
export async function newlyTradingOfScope(
  ctx: RequestContext,
  q: TTradeMonitoringQuery,
): Promise<{ year: number; rows: readonly TNewlyTrading[] }> {
  const user = requireAction(ctx.user, 'trade.read');
  const db = readDb(ctx.deps);
  const year = q.year ?? Number(beijingDay(ctx.deps.clock()).slice(0, 4));
  await checkFilters(db, user, q);
  const key = JSON.stringify(['newly-trading', ...scopeKeyOf(user), year, ...filterKeyOf(q)]);
  const rows = await cachedFiguresAnswer(db, 'trade', key, async (tx) =>
    (await newlyTradingEnterprises(tx, { user, ...q, direction: undefined }, year)).map(newlyTradingRow),
  );
  return { year, rows };
}

/** One page of the list (GET /api/trade/monitoring/newly-trading): the monitoring answer carries only the first. */
export async function listNewlyTrading(ctx: RequestContext, q: TNewlyTradingQuery): Promise<TNewlyTradingPage> {
  const { page, pageSize, ...filters } = q;
  const { rows } = await newlyTradingOfScope(ctx, filters);
  const from = (page - 1) * pageSize;
  return { items: rows.slice(from, from + pageSize), total: rows.length };
}
