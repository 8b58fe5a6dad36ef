import { auditContext, type RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { decryptField } from '../../lib/field-crypto';
import { findOperatorRow } from './operator.repository';

/**
 * Show the legal representative's full ID number (issue 5): a separate permission, and every viewing is audited —
 * who looked at whose number, when, from where — though the number itself never reaches the log.
 */
export async function viewOperatorIdentity(ctx: RequestContext, id: number): Promise<{ legalRepIdNumber: string }> {
  requireAction(ctx.user, 'operator.viewIdentity');
  const db = ctx.deps.db;
  const row = await findOperatorRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', { id });
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
