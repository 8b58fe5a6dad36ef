import type { TCentre, TCentreDetail } from '../../../contracts/centre';
import type { RequestContext } from '../../context';
import { can } from '../../lib/access/permissions';
import { centreScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { policiesForRegions, policyForRegion, type RegionalPolicy } from '../../policy/city-rules';
import { beijingDay, type PolicyInForce, policyInForce } from '../../policy/policy';
import { placementVerdict } from '../../policy/rules/placement';
import { type StaffFacts, staffingVerdicts } from '../../policy/rules/staffing';
import { venueAreaVerdict } from '../../policy/rules/venue';
import { listOwnerFiles, toAttachment } from '../attachment/attachment-files';
import { rostersOf } from '../staff';
import { CENTRE_TRANSITIONS, type CentreTransition, canTransition, isRecognised } from './centre.machine';
import {
  type CentreRow,
  countPlaceHolders,
  findCentre,
  listChanges,
  listEvents,
  listLetters,
  pendingChange,
} from './centre.repository';

export async function currentPolicy(ctx: RequestContext): Promise<PolicyInForce> {
  return policyInForce(ctx.deps.db, beijingDay(ctx.deps.clock()));
}

/** The policy for a centre today: the province's version with its city's implementing rule on top (Art. 15). */
export async function currentPolicyFor(ctx: RequestContext, cityCode: string): Promise<RegionalPolicy> {
  return policyForRegion(ctx.deps.db, beijingDay(ctx.deps.clock()), cityCode);
}

/** The same for a list of centres: a lookup by city. */
export async function currentPoliciesFor(
  ctx: RequestContext,
  rows: { cityCode: string }[],
): Promise<(cityCode: string) => RegionalPolicy> {
  return policiesForRegions(
    ctx.deps.db,
    beijingDay(ctx.deps.clock()),
    rows.map((r) => r.cityCode),
  );
}

export function toCentre(row: CentreRow, policy: PolicyInForce, staff: StaffFacts[]): TCentre {
  return {
    ...row,
    staffCount: staff.length,
    staffCompliant: staffingVerdicts(row.parkLevel, staff, policy).every((v) => v.ok),
    venueArea: Number(row.venueArea),
    venueVerdict: venueAreaVerdict(
      { parkLevel: row.parkLevel, parkKind: row.parkKind, area: Number(row.venueArea) },
      policy,
    ),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    recognisedAt: row.recognisedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const STEPS: Exclude<CentreTransition, 'startOperating' | 'adjust' | 'revoke'>[] = [
  'submit',
  'forward',
  'return',
  'approve',
  'reject',
];

/** One centre as its detail page shows it, or NOT_FOUND when it is outside the caller's scope. */
export async function getCentreDetail(ctx: RequestContext, id: number): Promise<TCentreDetail> {
  const user = ctx.user;
  if (!user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const row = await findCentre(db, centreScope(user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const [policy, events, changes, letters, pending, others, files, rosters] = await Promise.all([
    currentPolicyFor(ctx, row.cityCode),
    listEvents(db, id),
    listChanges(db, id),
    listLetters(db, id),
    pendingChange(db, id),
    countPlaceHolders(db, row.parkId, id, true),
    listOwnerFiles(db, { kind: 'centre', centreId: id }),
    rostersOf(db, [id]),
  ]);
  const allowed: string[] = [];
  if (can(user.role, 'centre.update') && (row.status === 'draft' || row.status === 'returned')) allowed.push('update');
  for (const step of STEPS) {
    const action = CENTRE_TRANSITIONS[step].action;
    if (can(user.role, action) && canTransition(row.status, step)) allowed.push(step);
  }
  if (can(user.role, 'centre.requestChange') && isRecognised(row.status) && !pending) allowed.push('requestChange');
  if (can(user.role, 'centre.decideChange') && pending) allowed.push('decideChange');
  return {
    ...toCentre(row, policy, rosters.get(id) ?? []),
    events,
    attachments: files.map(toAttachment),
    changes,
    letters,
    placementVerdict: placementVerdict(
      {
        parkLevel: row.parkLevel,
        parkKind: row.parkKind,
        otherCentres: others,
        tradingEnterpriseCount: row.tradingEnterpriseCount,
        supportStatement: row.supportStatement,
      },
      policy,
    ),
    allowedActions: allowed,
  };
}
