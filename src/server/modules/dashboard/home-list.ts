import { count, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { HOME_LIST_LIMIT, type THomeItem, type THomeList, type THomeListKey } from '../../../contracts/dashboard';
import type { Db } from '../../db/client';

/** A home row with the fields a list does not use left empty. */
export function homeItem(item: Pick<THomeItem, 'id' | 'link' | 'title'> & Partial<THomeItem>): THomeItem {
  return { subtitle: null, service: null, status: null, day: null, overdue: false, ...item };
}

/** How many rows match: the list's total, counted on the same filter as its rows. */
export async function countWhere(db: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

/**
 * One list of a home: its first rows (the query's LIMIT is HOME_LIST_LIMIT) and the total behind them. `total` is
 * either a promise already running (a figures-layer read, cheap) or a count to run only when the rows fill the list:
 * a list shorter than its limit is its own total, and an official's lists mostly are (one statement saved each).
 */
export async function homeList(
  key: THomeListKey,
  allLink: string,
  rows: Promise<THomeItem[]>,
  total: Promise<number> | (() => Promise<number>),
): Promise<THomeList> {
  if (typeof total === 'function') {
    const items = (await rows).slice(0, HOME_LIST_LIMIT);
    return { key, allLink, items, total: items.length < HOME_LIST_LIMIT ? items.length : await total() };
  }
  const [items, n] = await Promise.all([rows, total]);
  return { key, allLink, items: items.slice(0, HOME_LIST_LIMIT), total: n };
}

/** A Date or day as the ISO text the contract carries. */
export function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value : value.toISOString();
}
