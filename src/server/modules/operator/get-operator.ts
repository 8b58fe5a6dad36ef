import { and, eq, isNotNull, or } from 'drizzle-orm';
import type { TOperatorDetail } from '../../../contracts/operator';
import type { RequestContext } from '../../context';
import { engagements, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { beijingDay, policyInForce } from '../../policy/policy';
import { operatorEligibility } from '../../policy/rules/eligibility';
import { engagementScope, listEngagementRows } from '../engagement/engagement.repository';
import { findOperatorRow, listViolations, toOperator } from './operator.repository';
import { operatorActionsOf } from './operator-reach';

/** An operator with its violations and its eligibility today (Art. 10(一), 13, 14) under the policy in force. */
export async function getOperator(ctx: RequestContext, id: number): Promise<TOperatorDetail> {
  requireAction(ctx.user, 'operator.read');
  const db = ctx.deps.db;
  const row = await findOperatorRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const today = beijingDay(ctx.deps.clock());
  const user = ctx.user;
  const [violations, policy, region, allowedActions] = await Promise.all([
    listViolations(db, id),
    policyInForce(db, today),
    db.select({ name: regions.name }).from(regions).where(eq(regions.code, row.registeredRegionCode)).limit(1),
    operatorActionsOf(db, user, id),
  ]);
  const eligibility = operatorEligibility(
    { qualificationStatus: row.qualificationStatus, violations: violations.map((v) => v.occurredOn) },
    today,
    policy,
  );
  const { rows } = await listEngagementRows(
    db,
    and(
      eq(engagements.operatorId, id),
      user ? or(isNotNull(engagements.filedOn), engagementScope(user)) : isNotNull(engagements.filedOn),
    ),
    100,
    0,
  );
  return {
    ...toOperator(row),
    registeredRegionCode: row.registeredRegionCode,
    registeredRegionName: region[0]?.name ?? null,
    allowedActions,
    violations,
    eligibility,
    eligible: eligibility.every((v) => v.ok),
    engagements: rows.map((r) => ({
      id: r.e.id,
      centreId: r.e.centreId,
      centreName: r.centreName,
      cityName: r.cityName,
      status: r.e.status,
      serviceStart: r.e.serviceStart,
      serviceEnd: r.e.serviceEnd,
      filingNumber: r.e.filingNumber,
      endedOn: r.e.endedOn,
    })),
  };
}
