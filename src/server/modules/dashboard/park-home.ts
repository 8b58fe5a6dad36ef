import { and, asc, eq, sql } from 'drizzle-orm';
import type { TDashboard } from '../../../contracts/dashboard';
import type { Db } from '../../db/client';
import { centres, engagements, operators } from '../../db/schema';
import { centreScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { openRecordsOfCentre } from '../figures';

/**
 * A park committee's centre(s) (Art. 9, 10): where each stands, the operator now engaged (at most one engagement per
 * centre is not ended) and its open service records. A park holds one or two centres, so no LIMIT is needed beyond
 * the scope; its open records come from the figures layer's centre table.
 */
export async function parkCentres(db: Db, user: SessionUser): Promise<NonNullable<TDashboard['parkCentres']>> {
  const rows = await db
    .select({
      id: centres.id,
      name: centres.name,
      status: centres.status,
      operatorName: operators.name,
      engagementStatus: engagements.status,
      serviceEnd: engagements.serviceEnd,
      openServices: openRecordsOfCentre(centres.id),
    })
    .from(centres)
    .leftJoin(engagements, and(eq(engagements.centreId, centres.id), sql`${engagements.status} <> 'ended'`))
    .leftJoin(operators, eq(operators.id, engagements.operatorId))
    .where(centreScope(user))
    .orderBy(asc(centres.id))
    .limit(20);
  return rows.map((r) => ({
    ...r,
    operatorName: r.operatorName ?? null,
    engagementStatus: r.engagementStatus ?? null,
    serviceEnd: r.serviceEnd ?? null,
  }));
}
