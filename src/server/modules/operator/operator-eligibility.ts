import type { TVerdict } from '../../../contracts/centre';
import type { Db } from '../../db/client';
import type { PolicyInForce } from '../../policy/policy';
import { operatorEligibility } from '../../policy/rules/eligibility';
import { listViolations } from './operator.repository';

/** Art. 10(一)3, 13, 14: may this operator apply or be chosen today, from its status and its recorded violations. */
export async function eligibilityOf(
  db: Db,
  operatorId: number,
  qualificationStatus: 'qualified' | 'disqualified' | 'blacklisted',
  today: string,
  policy: PolicyInForce,
): Promise<TVerdict[]> {
  const violations = await listViolations(db, operatorId);
  return operatorEligibility({ qualificationStatus, violations: violations.map((v) => v.occurredOn) }, today, policy);
}
