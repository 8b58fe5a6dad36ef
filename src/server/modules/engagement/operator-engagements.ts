import { and, eq, isNotNull, or } from 'drizzle-orm';
import type { TOperatorDetail } from '../../../contracts/operator';
import type { Db } from '../../db/client';
import { engagements } from '../../db/schema';
import type { SessionUser } from '../../lib/access/session-user';
import { engagementScope, listEngagementRows } from './engagement.repository';

/** Most engagements one operator's page lists; an operator runs a handful of centres at most. */
const OPERATOR_ENGAGEMENTS_SHOWN = 100;

/**
 * The centres an operator runs or ran (Art. 10), for its page: filings are public (Art. 10(三), 省商务厅…进行公布),
 * engagements still on their way to a filing only within the caller's scope.
 */
export async function listOperatorEngagements(
  db: Db,
  user: SessionUser | null | undefined,
  operatorId: number,
): Promise<TOperatorDetail['engagements']> {
  const { rows } = await listEngagementRows(
    db,
    and(
      eq(engagements.operatorId, operatorId),
      user ? or(isNotNull(engagements.filedOn), engagementScope(user)) : isNotNull(engagements.filedOn),
    ),
    OPERATOR_ENGAGEMENTS_SHOWN,
    0,
  );
  return rows.map((r) => ({
    id: r.e.id,
    centreId: r.e.centreId,
    centreName: r.centreName,
    cityName: r.cityName,
    status: r.e.status,
    serviceStart: r.e.serviceStart,
    serviceEnd: r.e.serviceEnd,
    filingNumber: r.e.filingNumber,
    endedOn: r.e.endedOn,
  }));
}
