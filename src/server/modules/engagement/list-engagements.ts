import { and, eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { TEngagement, TEngagementListQuery, TPublicFiling } from '../../../contracts/engagement';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { engagements } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import type { SessionUser } from '../../lib/access/session-user';
import { engagementPolicy, toEngagement } from './engagement.presenter';
import { engagementScope, listEngagementRows } from './engagement.repository';

/**
 * Art. 10(三): a filing is overdue when the agreement has not reached the province by its deadline (not reported
 * and the deadline passed), or reached it late.
 */
export function overdueFiling(today: string): SQL {
  return and(
    isNotNull(engagements.signedOn),
    or(
      sql`${engagements.reportedOn} is null and ${engagements.status} <> 'ended' and ${engagements.filingDeadline} < ${today}`,
      sql`${engagements.reportedOn} > ${engagements.filingDeadline}`,
    ),
  ) as SQL;
}

/** What waits for the caller's step: the county completes a tender, the city reports, the province files. */
export function awaitingStep(user: SessionUser): SQL {
  switch (user.role) {
    case 'county':
      return eq(engagements.status, 'tendered');
    case 'city':
      return eq(engagements.status, 'signed');
    case 'province':
      return eq(engagements.status, 'reported');
    default:
      return sql`false`;
  }
}

export async function listEngagements(
  ctx: RequestContext,
  q: TEngagementListQuery,
  limit: number,
  offset: number,
): Promise<{ items: TEngagement[]; total: number }> {
  const user = requireAction(ctx.user, 'engagement.read');
  const { timeline, today } = await engagementPolicy(ctx);
  const conds: SQL[] = [engagementScope(user)];
  if (q.centreId) conds.push(eq(engagements.centreId, q.centreId));
  if (q.cityCode) conds.push(eq(engagements.cityCode, q.cityCode));
  if (q.status?.length) conds.push(inArray(engagements.status, q.status));
  if (q.overdue === 'true') conds.push(overdueFiling(today));
  if (q.awaitingMe === 'true') conds.push(awaitingStep(user));
  const { rows, total } = await listEngagementRows(ctx.deps.db, and(...conds), limit, offset);
  // Art. 15, 16: each filing verdict under the version and its city's rule in force on its signing day.
  return { items: rows.map((r) => toEngagement(r, timeline, today)), total };
}

/** Art. 10(三): 省商务厅对各市州上报备案情况进行公布 — the filings the province has made, for everyone. */
export async function listPublicFilings(
  db: Db,
  limit: number,
  offset: number,
): Promise<{ items: TPublicFiling[]; total: number }> {
  // Everything the province filed, including engagements since ended (the record of who ran a centre when).
  const { rows, total } = await listEngagementRows(db, isNotNull(engagements.filedOn), limit, offset);
  return {
    items: rows.map((r) => ({
      centreName: r.centreName,
      cityName: r.cityName,
      countyName: r.countyName,
      parkName: r.parkName,
      operatorName: r.operatorName,
      operatorCreditCode: r.operatorCreditCode,
      serviceStart: r.e.serviceStart,
      serviceEnd: r.e.serviceEnd,
      signedOn: r.e.signedOn ?? '',
      filedOn: r.e.filedOn ?? '',
      filingNumber: r.e.filingNumber ?? '',
      endedOn: r.e.endedOn,
    })),
    total,
  };
}
