import { and, asc, eq, ne, notExists } from 'drizzle-orm';
import type { TSanctionPreview, TSanctionPreviewQuery } from '../../../contracts/sanction';
import type { RequestContext } from '../../context';
import { centres, engagements, fundPayments, fundRecoveries } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { findOperatorRow } from '../operator';
import { groundsRefusal, recoveryCalledFor, statusAfter, statusRefusal } from './sanction-rules';

/**
 * GET /api/sanctions/preview: what a decision would do if made now — the engagements it would end, the payments it
 * would list for recovery (Art. 14), the status it would leave, or the rule that refuses it — so the province sees
 * the effects before it confirms. It changes nothing; applySanction computes the same sets in its transaction.
 */
export async function previewSanction(ctx: RequestContext, q: TSanctionPreviewQuery): Promise<TSanctionPreview> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  requireAction(ctx.user, 'sanction.decide');
  const db = ctx.deps.db;
  const operator = await findOperatorRow(db, q.operatorId);
  if (!operator) throw new AppError('NOT_FOUND', { id: q.operatorId });
  const grounds = q.grounds ?? [];
  const running = await db
    .select({
      id: engagements.id,
      centreId: engagements.centreId,
      centreName: centres.name,
      status: engagements.status,
    })
    .from(engagements)
    .innerJoin(centres, eq(centres.id, engagements.centreId))
    .where(and(eq(engagements.operatorId, operator.id), ne(engagements.status, 'ended')))
    .orderBy(asc(engagements.id));
  const recovers = recoveryCalledFor(q.kind, grounds);
  const payments = recovers
    ? await db
        .select({ p: fundPayments, centreName: centres.name })
        .from(fundPayments)
        .innerJoin(centres, eq(centres.id, fundPayments.centreId))
        .where(
          and(
            eq(fundPayments.operatorId, operator.id),
            eq(fundPayments.status, 'confirmed'),
            notExists(
              db
                .select({ id: fundRecoveries.id })
                .from(fundRecoveries)
                .where(eq(fundRecoveries.paymentId, fundPayments.id)),
            ),
          ),
        )
        .orderBy(asc(fundPayments.id))
    : [];
  const refusal =
    statusRefusal(q.kind, operator.qualificationStatus) ?? (grounds.length ? groundsRefusal(q.kind, grounds) : null);
  const before = operator.qualificationStatus;
  const after = statusAfter(q.kind);
  return {
    operatorName: operator.name,
    refusal,
    qualificationBefore: before,
    qualificationAfter: before === 'blacklisted' ? before : after,
    engagementsEnded: running.map((e) => ({
      engagementId: e.id,
      centreId: e.centreId,
      centreName: e.centreName,
      status: e.status,
    })),
    recoveryCalledFor: recovers,
    recoveries: payments.map(({ p, centreName }) => ({
      recoveryId: null,
      paymentId: p.id,
      centreId: p.centreId,
      centreName,
      year: Number(p.year),
      paidOn: p.paidOn,
      dueFen: p.amountFen,
      recoveredFen: 0,
      status: null,
    })),
    recoveryTotalFen: payments.reduce((s, { p }) => s + p.amountFen, 0),
  };
}
