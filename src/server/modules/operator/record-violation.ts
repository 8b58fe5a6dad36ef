import type { TOperatorDetail, TRecordViolationRequest } from '../../../contracts/operator';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { operatorViolations } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { getOperator } from './get-operator';
import { operatorInReach } from './operator-reach';

/**
 * Art. 10(一)3: record a violation found by an authority; it bars the operator for the parameter's years — everywhere,
 * so only the province or a city where the operator registered or runs or ran a centre may record it (decision 0009).
 */
export async function recordViolation(
  ctx: RequestContext,
  operatorId: number,
  input: TRecordViolationRequest,
): Promise<TOperatorDetail> {
  const { user } = await operatorInReach(ctx, operatorId, 'recordViolation');
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  if (input.occurredOn > beijingDay(now)) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ field: 'occurredOn', reason: 'in the future' }],
      summary: 'occurredOn',
    });
  }
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(operatorViolations)
      .values({
        operatorId,
        ...input,
        recordedBy: user.id === SYSTEM_USER_ID ? null : user.id,
        recordedByName: user.displayName,
        recordedAt: now,
      })
      .returning();
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'operator.violation.recorded',
      objectType: 'operator',
      objectId: operatorId,
      after: row,
    });
  });
  return getOperator(ctx, operatorId);
}
