import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import {
  NEWLY_TRADING_PAGE_SIZE,
  type TNewlyTrading,
  type TTradeMonitoring,
  ZNewlyTradingPage,
} from '../../src/contracts/trade-monitoring';
import { as } from './app';

/**
 * Every page of GET /api/trade/monitoring/newly-trading for `query`, `pageSize` rows at a time, concatenated (issue
 * 13: the monitoring answer carries only the first page). Each page must say the same total and hold exactly the rows
 * left up to its size, and the page after the last must be empty.
 */
export async function newlyTradingPages(
  app: FastifyInstance,
  cookie: string,
  query: string,
  pageSize: number,
): Promise<TNewlyTrading[]> {
  const rows: TNewlyTrading[] = [];
  let total: number | undefined;
  for (let page = 1; ; page++) {
    const url = `/api/trade/monitoring/newly-trading?${query}&page=${page}&pageSize=${pageSize}`;
    const res = await as(app, cookie, { method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    const body = ZNewlyTradingPage.parse(res.json());
    total ??= body.total;
    expect(body.total, url).toBe(total);
    expect(body.items, url).toHaveLength(Math.max(0, Math.min(pageSize, total - rows.length)));
    if (body.items.length === 0) break;
    rows.push(...body.items);
  }
  expect(rows).toHaveLength(total);
  return rows;
}

/** The monitoring answer holds the list's first page and its exact total. */
export function expectFirstPageOf(m: TTradeMonitoring, all: readonly TNewlyTrading[]) {
  expect(m.newlyTrading).toEqual(all.slice(0, NEWLY_TRADING_PAGE_SIZE));
  expect(m.newlyTradingTotal).toBe(all.length);
}
