import { and, eq } from 'drizzle-orm';
import type { TOperatorDetail, TUpdateOperatorRequest } from '../../../contracts/operator';
import { auditContext, type RequestContext } from '../../context';
import { operators } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { getOperator } from './get-operator';
import { protectedIdNumber } from './operator-identity';
import { operatorInReach } from './operator-reach';

/**
 * Change an operator's particulars — by the province, or the region where it registered or runs or ran a centre
 * (decision 0009); a new legal representative's ID number is checked and encrypted again.
 */
export async function updateOperator(
  ctx: RequestContext,
  id: number,
  input: TUpdateOperatorRequest,
): Promise<TOperatorDetail> {
  const { row: current } = await operatorInReach(ctx, id, 'update');
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  const { version, legalRepIdNumber, ...changes } = input;
  const protectedId = legalRepIdNumber
    ? protectedIdNumber(legalRepIdNumber, beijingDay(now), ctx.deps.fieldKey)
    : undefined;
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(operators)
      .set({
        ...changes,
        ...(protectedId ? { legalRepIdEnc: protectedId.enc, legalRepIdMasked: protectedId.masked } : {}),
        version: version + 1,
        updatedAt: now,
      })
      .where(and(eq(operators.id, id), eq(operators.version, version)))
      .returning();
    if (updated.length === 0 || !updated[0]) throw new AppError('VERSION_CONFLICT', { id, version });
    const { legalRepIdEnc: _b, ...before } = current;
    const { legalRepIdEnc: _a, ...after } = updated[0];
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'operator.updated',
      objectType: 'operator',
      objectId: id,
      before,
      after,
    });
  });
  return getOperator(ctx, id);
}
