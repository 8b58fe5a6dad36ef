import { and, eq } from 'drizzle-orm';
import type { TPolicyDraft } from '../../../contracts/policy-draft';
import { auditContext, type RequestContext } from '../../context';
import { policyDrafts } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { getPolicyDraft } from './policy-draft.presenter';
import { findPolicyDraft } from './policy-draft.repository';
import { notADraft } from './policy-draft-states';

/** The province drops a draft it will not publish; the row stays, marked discarded, with its audit entry. */
export async function discardPolicyDraft(ctx: RequestContext, id: number, version: number): Promise<TPolicyDraft> {
  requireAction(ctx.user, 'policy.draft');
  const db = ctx.deps.db;
  const before = await findPolicyDraft(db, id);
  if (!before) throw new AppError('NOT_FOUND', { id });
  if (before.status !== 'draft') throw notADraft(before.status, 'discard');
  if (before.version !== version) throw new AppError('VERSION_CONFLICT', { id, version });
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(policyDrafts)
      .set({ status: 'discarded', version: version + 1, updatedAt: now })
      .where(and(eq(policyDrafts.id, id), eq(policyDrafts.version, version), eq(policyDrafts.status, 'draft')))
      .returning();
    if (!after) throw new AppError('VERSION_CONFLICT', { id, version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'policy.draft.discarded',
      objectType: 'policy_draft',
      objectId: id,
      before: { status: before.status, version: before.version },
      after: { status: after.status, version: after.version },
    });
  });
  return getPolicyDraft(ctx, id);
}
