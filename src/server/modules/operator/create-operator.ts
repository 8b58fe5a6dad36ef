import type { TCreateOperatorRequest, TOperatorDetail } from '../../../contracts/operator';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { operators } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { HUBEI } from '../region/import-regions';
import { getOperator } from './get-operator';
import { findOperatorByCreditCode } from './operator.repository';
import { checkedCreditCode, protectedIdNumber } from './operator-identity';

export interface CreateOperatorOptions {
  ctx: RequestContext;
  input: TCreateOperatorRequest;
  isDemo?: boolean;
}

/**
 * Register an operator enterprise (承办企业, Art. 10): the credit code must pass its GB 32100 check, the legal
 * representative's ID number its GB 11643 check; the number is stored encrypted and never written to the log.
 */
export async function createOperator({ ctx, input, isDemo = false }: CreateOperatorOptions): Promise<TOperatorDetail> {
  const user = requireAction(ctx.user, 'operator.create');
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  const creditCode = checkedCreditCode(input.creditCode);
  const id = protectedIdNumber(input.legalRepIdNumber, beijingDay(now), ctx.deps.fieldKey);
  if (await findOperatorByCreditCode(db, creditCode)) {
    throw new AppError('CREDIT_CODE_TAKEN', { code: creditCode, field: 'creditCode' });
  }
  const { legalRepIdNumber: _secret, ...rest } = input;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(operators)
      .values({
        ...rest,
        creditCode,
        legalRepIdEnc: id.enc,
        legalRepIdMasked: id.masked,
        // Decision 0009: the region where it registered keeps it (the province's when the province registered it).
        registeredRegionCode: user.role === 'county' && user.regionCode ? user.regionCode : HUBEI.code,
        isDemo,
        createdBy: user.id === SYSTEM_USER_ID ? null : user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    const { legalRepIdEnc: _enc, ...logged } = row;
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'operator.created',
      objectType: 'operator',
      objectId: row.id,
      after: logged,
    });
    return row;
  });
  return getOperator(ctx, created.id);
}
