import { and, eq, sql } from 'drizzle-orm';
import { ZPolicyParameters } from '../../../contracts/policy';
import type { TPolicyDraft, TPublishPolicyDraftRequest } from '../../../contracts/policy-draft';
import { auditContext, type RequestContext } from '../../context';
import { policyDrafts, policyVersions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { ADVISORY_LOCK } from '../../lib/advisory-locks';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { checkPolicyParameters } from '../../policy/parameter-checks';
import { getPolicyDraft, todayOf } from './policy-draft.presenter';
import { findPolicyDraft, latestPublished } from './policy-draft.repository';
import { notADraft } from './policy-draft-states';
import { parameterProblems } from './update-policy-draft';

/**
 * Art. 16: the province publishes a draft as the next parameter version, effective from a day that is today or later
 * — a version is never retroactive, so no decision already made changes under it — and not before the latest
 * version already published (versions take effect in the order they are numbered). The new row is final: the
 * database refuses any UPDATE or DELETE of policy_versions (migration 0032). Rules read it from its effective day on.
 */
export async function publishPolicyDraft(
  ctx: RequestContext,
  id: number,
  request: TPublishPolicyDraftRequest,
): Promise<TPolicyDraft> {
  const user = requireAction(ctx.user, 'policy.publish');
  const db = ctx.deps.db;
  const draft = await findPolicyDraft(db, id);
  if (!draft) throw new AppError('NOT_FOUND', { id });
  if (draft.status !== 'draft') throw notADraft(draft.status, 'publish');
  if (draft.version !== request.version) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
  const today = todayOf(ctx);
  if (request.effectiveFrom < today)
    throw invalidField('effectiveFrom', {
      'zh-CN': `生效日期不能早于今天（${today}）：新版本不溯及既往（第十六条）`,
      en: `the effective date cannot be before today (${today}): a new version is never retroactive (Art. 16)`,
    });
  const parameters = ZPolicyParameters.parse(draft.parameters);
  const problems = checkPolicyParameters(parameters);
  if (problems.length) throw parameterProblems(problems);
  const now = ctx.deps.clock();

  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCK.policyPublish})`);
    const latest = await latestPublished(tx);
    if (latest.effectiveFrom && request.effectiveFrom < latest.effectiveFrom)
      throw invalidField('effectiveFrom', {
        'zh-CN': `生效日期不能早于第 ${latest.version} 版的生效日期（${latest.effectiveFrom}）（第十六条）`,
        en: `the effective date cannot be before that of version ${latest.version} (${latest.effectiveFrom}) (Art. 16)`,
      });
    const number = latest.version + 1;
    const [row] = await tx
      .insert(policyVersions)
      .values({
        version: number,
        title: draft.title,
        effectiveFrom: request.effectiveFrom,
        basis: draft.basis,
        parameters,
        publishedAt: now,
        publishedBy: user.displayName,
      })
      .returning();
    // Guarded by the version the caller saw: published or edited by someone else meanwhile → nothing is written.
    const [after] = await tx
      .update(policyDrafts)
      .set({
        status: 'published',
        effectiveFrom: request.effectiveFrom,
        publishedVersion: number,
        version: request.version + 1,
        updatedAt: now,
      })
      .where(and(eq(policyDrafts.id, id), eq(policyDrafts.version, request.version), eq(policyDrafts.status, 'draft')))
      .returning();
    if (!after) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'policy.version.published',
      objectType: 'policy_version',
      objectId: number,
      after: { ...row, draftId: id },
    });
  });
  return getPolicyDraft(ctx, id);
}
