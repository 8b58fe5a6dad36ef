import type { TOperatorDetail, TRecordViolationRequest } from '../../../contracts/operator';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { operatorViolations } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { getOperator } from './get-operator';
import { findOperatorRow } from './operator.repository';

/** Art. 10(一)3: record a violation found by an authority; it bars the operator for the parameter's years. */
export async function recordViolation(
  ctx: RequestContext,
  operatorId: number,
  input: TRecordViolationRequest,
): Promise<TOperatorDetail> {
  const user = requireAction(ctx.user, 'operator.recordViolation');
  const db = ctx.deps.db;
  if (!(await findOperatorRow(db, operatorId))) throw new AppError('NOT_FOUND', { id: operatorId });
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
