import { and, eq } from 'drizzle-orm';
import type { TPolicyDraft, TUpdatePolicyDraftRequest } from '../../../contracts/policy-draft';
import { auditContext, type RequestContext } from '../../context';
import { policyDrafts } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { checkPolicyParameters, type ParameterProblem } from '../../policy/parameter-checks';
import { getPolicyDraft } from './policy-draft.presenter';
import { findPolicyDraft } from './policy-draft.repository';
import { notADraft } from './policy-draft-states';

/** 400 naming every field the sanity rules refuse, each with its reason in both languages. */
export function parameterProblems(problems: ParameterProblem[]): AppError {
  const fields = problems.map((p) => ({
    field: `parameters.${p.field}`,
    reason: p.en,
    'reason_zh-CN': p['zh-CN'],
    reason_en: p.en,
  }));
  return new AppError('VALIDATION_FAILED', {
    fields,
    field: fields[0]?.field,
    'summary_zh-CN': fields.map((f) => `${f.field}：${f['reason_zh-CN']}`).join('；'),
    summary_en: fields.map((f) => `${f.field}: ${f.reason_en}`).join('; '),
  });
}

/**
 * The province edits a draft version: the whole set of parameters, checked by the sanity rules (thresholds falling,
 * shares not increasing, the no-funds grade at 0 …) before anything is written. Only a draft changes (Art. 16: a
 * published version never does); the version the editor saw guards against lost edits.
 */
export async function updatePolicyDraft(
  ctx: RequestContext,
  id: number,
  request: TUpdatePolicyDraftRequest,
): Promise<TPolicyDraft> {
  requireAction(ctx.user, 'policy.draft');
  const db = ctx.deps.db;
  const before = await findPolicyDraft(db, id);
  if (!before) throw new AppError('NOT_FOUND', { id });
  if (before.status !== 'draft') throw notADraft(before.status, 'edit');
  if (before.version !== request.version) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
  const problems = checkPolicyParameters(request.parameters);
  if (problems.length) throw parameterProblems(problems);
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(policyDrafts)
      .set({
        title: request.title,
        basis: request.basis,
        parameters: request.parameters,
        version: request.version + 1,
        updatedAt: now,
      })
      .where(and(eq(policyDrafts.id, id), eq(policyDrafts.version, request.version), eq(policyDrafts.status, 'draft')))
      .returning();
    if (!after) throw new AppError('VERSION_CONFLICT', { id, version: request.version });
    const { createdByName: _name, ...stored } = before;
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'policy.draft.updated',
      objectType: 'policy_draft',
      objectId: id,
      before: stored,
      after,
    });
  });
  return getPolicyDraft(ctx, id);
}
