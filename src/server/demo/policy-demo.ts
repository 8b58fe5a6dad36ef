import type { Deps } from '../context';
import type { SessionUser } from '../lib/access/session-user';
import { createPolicyDraft } from '../modules/policy/create-policy-draft';
import { updatePolicyDraft } from '../modules/policy/update-policy-draft';
import { actor } from './factories';

/**
 * Art. 16: a draft of the next parameter version that the province is preparing — a larger venue outside national-level
 * zones, one more stationed person in national-level parks, and a smaller share for 一般 — so that 预览影响 has something to show on a
 * fresh demo: some centres' venue and staffing verdicts and some amounts would change. Not published.
 */
export async function loadDemoPolicyDraft(deps: Deps, province: SessionUser, at: Date): Promise<void> {
  const ctx = actor(deps, 'province', {}, province, at);
  const draft = await createPolicyDraft(ctx, {
    title: '2027年度政策参数调整（征求意见）',
    basis: '省商务厅关于调整外综服中心认定管理政策参数的通知（征求意见稿，演示）',
    basedOnVersion: null,
  });
  const p = structuredClone(draft.parameters);
  p.venueMinAreaNational = 120;
  p.venueMinAreaOther = 100;
  p.staffNational.total = 6;
  p.gradeFundingShares.fair = 70;
  await updatePolicyDraft(ctx, draft.id, {
    version: draft.version,
    title: draft.title,
    basis: draft.basis,
    parameters: p,
  });
}
