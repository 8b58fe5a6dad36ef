import { ZPolicyParameters } from '../../../contracts/policy';
import { type TPolicyDraft, type TPolicyDraftStatus, ZPolicyDraftStatus } from '../../../contracts/policy-draft';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { changedParameterKeys } from '../../policy/parameter-checks';
import { beijingDay, type PolicyInForce, policyInForce } from '../../policy/policy';
import { findPolicyDraft, listPolicyDraftRows, type PolicyDraftRow } from './policy-draft.repository';

export function toPolicyDraft(row: PolicyDraftRow, inForce: PolicyInForce): TPolicyDraft {
  const parameters = ZPolicyParameters.parse(row.parameters);
  return {
    id: row.id,
    title: row.title,
    basis: row.basis,
    parameters,
    basedOnVersion: row.basedOnVersion,
    effectiveFrom: row.effectiveFrom,
    status: ZPolicyDraftStatus.parse(row.status),
    publishedVersion: row.publishedVersion,
    version: row.version,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    changedParameters: changedParameterKeys(parameters, inForce.parameters),
    inForceVersion: inForce.version,
  };
}

export function todayOf(ctx: RequestContext): string {
  return beijingDay(ctx.deps.clock());
}

/** One draft, for the province (drafts are the province's working papers, Art. 16). */
export async function getPolicyDraft(ctx: RequestContext, id: number): Promise<TPolicyDraft> {
  requireAction(ctx.user, 'policy.draft');
  const row = await findPolicyDraft(ctx.deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  return toPolicyDraft(row, await policyInForce(ctx.deps.db, todayOf(ctx)));
}

export async function listPolicyDrafts(
  ctx: RequestContext,
  status?: TPolicyDraftStatus,
): Promise<{ items: TPolicyDraft[]; total: number }> {
  requireAction(ctx.user, 'policy.draft');
  const [rows, inForce] = await Promise.all([
    listPolicyDraftRows(ctx.deps.db, status),
    policyInForce(ctx.deps.db, todayOf(ctx)),
  ]);
  const items = rows.map((r) => toPolicyDraft(r, inForce));
  return { items, total: items.length };
}
