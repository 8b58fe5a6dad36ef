import type { TCreatePolicyDraftRequest, TPolicyDraft } from '../../../contracts/policy-draft';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { policyDrafts } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { invalidField } from '../../lib/errors';
import { policyInForce, policyOfVersion } from '../../policy/policy';
import { getPolicyDraft, todayOf } from './policy-draft.presenter';

/**
 * Art. 16: the province starts a new parameter version as a copy of a published one — the version in force today
 * unless it names another — and edits the copy; nothing in force changes until it is published.
 */
export async function createPolicyDraft(
  ctx: RequestContext,
  request: TCreatePolicyDraftRequest,
): Promise<TPolicyDraft> {
  const user = requireAction(ctx.user, 'policy.draft');
  const db = ctx.deps.db;
  const source =
    request.basedOnVersion === null
      ? await policyInForce(db, todayOf(ctx))
      : await policyOfVersion(db, request.basedOnVersion).catch(() => {
          throw invalidField('basedOnVersion', {
            'zh-CN': `不存在第 ${request.basedOnVersion} 版政策参数`,
            en: `there is no policy version ${request.basedOnVersion}`,
          });
        });
  const now = ctx.deps.clock();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(policyDrafts)
      .values({
        title: request.title,
        basis: request.basis,
        parameters: source.parameters,
        basedOnVersion: source.version,
        status: 'draft',
        createdBy: user.id === SYSTEM_USER_ID ? null : user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'policy.draft.created',
      objectType: 'policy_draft',
      objectId: row.id,
      after: row,
    });
    return row.id;
  });
  return getPolicyDraft(ctx, id);
}
