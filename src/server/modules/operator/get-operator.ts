import { eq } from 'drizzle-orm';
import type { TOperatorDetail } from '../../../contracts/operator';
import type { RequestContext } from '../../context';
import { regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { beijingDay, policyInForce } from '../../policy/policy';
import { operatorEligibility } from '../../policy/rules/eligibility';
import { listOperatorEngagements } from '../engagement';
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
  const [violations, policy, region, allowedActions, engagements] = await Promise.all([
    listViolations(db, id),
    policyInForce(db, today),
    db.select({ name: regions.name }).from(regions).where(eq(regions.code, row.registeredRegionCode)).limit(1),
    operatorActionsOf(db, user, id),
    listOperatorEngagements(db, user, id),
  ]);
  const eligibility = operatorEligibility(
    { qualificationStatus: row.qualificationStatus, violations: violations.map((v) => v.occurredOn) },
    today,
    policy,
  );
  return {
    ...toOperator(row),
    registeredRegionCode: row.registeredRegionCode,
    registeredRegionName: region[0]?.name ?? null,
    allowedActions,
    violations,
    eligibility,
    eligible: eligibility.every((v) => v.ok),
    engagements,
  };
}
