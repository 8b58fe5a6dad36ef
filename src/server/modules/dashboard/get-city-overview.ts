import { and, eq } from 'drizzle-orm';
import type { TRegionOverview } from '../../../contracts/dashboard';
import type { RequestContext } from '../../context';
import { regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { cachedSnapshotAnswer, scopeKeyOf } from '../figures';
import { regionOverview } from './region-overview';

/** The province's overview drilled into one city: the same figures, one row per county (issue 11). */
export async function getCityOverview(ctx: RequestContext, cityCode: string): Promise<TRegionOverview> {
  const user = requireAction(ctx.user, 'dashboard.overview');
  const db = ctx.deps.db;
  const [city] = await db
    .select({ code: regions.code })
    .from(regions)
    .where(and(eq(regions.code, cityCode), eq(regions.level, 'city')))
    .limit(1);
  if (!city) throw new AppError('NOT_FOUND', { cityCode });
  const today = beijingDay(ctx.deps.clock());
  // Kept under the database's snapshot like the home it is drilled from (decision 0034), keyed by the caller's scope
  // (today the province's alone has dashboard.overview), the city and the day.
  const key = JSON.stringify([...scopeKeyOf(user), cityCode, today]);
  return cachedSnapshotAnswer(db, `city-overview:${key}`, () =>
    regionOverview(db, user, today, { by: 'county', cityCode }),
  );
}
