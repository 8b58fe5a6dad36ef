import { and, eq } from 'drizzle-orm';
import type { TTradeMonitoringQuery } from '../../../contracts/trade-monitoring';
import type { Db } from '../../db/client';
import { centres, enterprises, regions } from '../../db/schema';
import { centreScope, tradeEnterpriseScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';

/*
 * What the monitoring page's answers share (GET /api/trade/monitoring and its newly-trading pages): the filters'
 * check, and the filter part of their cache keys (decision 0031; the scope part is the figures' scopeKeyOf).
 */

/** The filters an answer depends on besides the scope and the year (cache keys, decision 0031). */
export const filterKeyOf = (q: TTradeMonitoringQuery) => [
  q.cityCode ?? null,
  q.countyCode ?? null,
  q.centreId ?? null,
  q.enterpriseId ?? null,
];

/** A region, centre or enterprise filter outside the caller's reach is not found (never an empty answer). */
export async function checkFilters(db: Db, user: SessionUser, q: TTradeMonitoringQuery): Promise<void> {
  if (q.enterpriseId) {
    const [e] = await db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.id, q.enterpriseId), tradeEnterpriseScope(user)));
    if (!e) throw new AppError('NOT_FOUND', { enterpriseId: q.enterpriseId });
  }
  if (q.centreId) {
    const [c] = await db
      .select({ id: centres.id })
      .from(centres)
      .where(and(eq(centres.id, q.centreId), centreScope(user)));
    if (!c) throw new AppError('NOT_FOUND', { centreId: q.centreId });
  }
  for (const [field, code] of [
    ['cityCode', q.cityCode],
    ['countyCode', q.countyCode],
  ] as const) {
    if (!code) continue;
    const [r] = await db
      .select({ code: regions.code, level: regions.level, cityCode: regions.cityCode })
      .from(regions)
      .where(eq(regions.code, code));
    const want = field === 'cityCode' ? 'city' : 'county';
    const ok =
      r !== undefined &&
      r.level === want &&
      (user.role === 'city'
        ? r.cityCode === user.regionCode
        : user.role === 'county'
          ? field === 'countyCode'
            ? r.code === user.regionCode
            : await countyInCity(db, user.regionCode, r.code)
          : true);
    if (!ok) throw new AppError('NOT_FOUND', { [field]: code });
  }
}

async function countyInCity(db: Db, county: string | null, city: string): Promise<boolean> {
  if (!county) return false;
  const [r] = await db.select({ cityCode: regions.cityCode }).from(regions).where(eq(regions.code, county));
  return r?.cityCode === city;
}
