import { auditContext, type RequestContext } from '../../context';
import { writeAudit } from '../../lib/audit';
import { decryptField } from '../../lib/field-crypto';
import { operatorInReach } from './operator-reach';

/**
 * Show the legal representative's full ID number (issue 5): a separate permission, and every viewing is audited —
 * who looked at whose number, when, from where — though the number itself never reaches the log. Only the province
 * and the regions where the operator registered or runs or ran a centre may (decision 0009).
 */
export async function viewOperatorIdentity(ctx: RequestContext, id: number): Promise<{ legalRepIdNumber: string }> {
  const { row } = await operatorInReach(ctx, id, 'viewIdentity');
  const db = ctx.deps.db;
  const legalRepIdNumber = decryptField(row.legalRepIdEnc, ctx.deps.fieldKey);
  await db.transaction(async (tx) => {
    await writeAudit(tx, auditContext(ctx), {
      action: 'operator.identity.viewed',
      objectType: 'operator',
      objectId: id,
      after: { field: 'legalRepIdNumber', masked: row.legalRepIdMasked },
    });
  });
  return { legalRepIdNumber };
}
