import { eq } from 'drizzle-orm';
import type { TAction } from '../../../contracts/access';
import type { TEngagement, TEngagementDetail } from '../../../contracts/engagement';
import { REQUIRED_MATERIALS } from '../../../contracts/engagement';
import type { RequestContext } from '../../context';
import { operatorChanges } from '../../db/schema';
import { can } from '../../lib/access/permissions';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { type RegionalTimeline, regionalTimeline } from '../../policy/city-rules';
import { beijingDay, type PolicyInForce } from '../../policy/policy';
import { filingVerdict } from '../../policy/rules/deadlines';
import { reprocurementDue } from '../../policy/rules/procurement';
import { eligibilityOf } from '../operator/operator-eligibility';
import { canStep, type EngagementStep } from './engagement.machine';
import {
  type EngagementRow,
  engagementScope,
  findEngagement,
  listContracts,
  listEngagementAttachments,
  listEngagementEvents,
} from './engagement.repository';
import { listOperatorChangeRows, type OperatorChangeRow, toOperatorChange } from './operator-change.repository';

export function toEngagement(row: EngagementRow, timeline: RegionalTimeline, today: string): TEngagement {
  const e = row.e;
  return {
    id: e.id,
    centreId: e.centreId,
    centreName: row.centreName,
    countyCode: e.countyCode,
    countyName: row.countyName,
    cityCode: e.cityCode,
    cityName: row.cityName,
    parkName: row.parkName,
    operatorId: e.operatorId,
    operatorName: row.operatorName,
    operatorCreditCode: row.operatorCreditCode,
    status: e.status,
    projectNumber: e.projectNumber,
    method: e.method,
    methodNote: e.methodNote,
    announcedOn: e.announcedOn,
    awardedOn: e.awardedOn,
    bidders: e.bidders,
    contractAmount: e.contractAmount === null ? null : Number(e.contractAmount),
    serviceStart: e.serviceStart,
    serviceEnd: e.serviceEnd,
    signedOn: e.signedOn,
    agreementNumber: e.agreementNumber,
    countyParty: e.countyParty,
    parkParty: e.parkParty,
    fundScope: e.fundScope,
    filingDeadline: e.filingDeadline,
    // Art. 10(三): the agreement reaches the province (the city's report) within the working days of the parameter —
    // the version in force on the signing day, which the deadline counts from (Art. 16: a later version does not
    // move a deadline already running).
    filingVerdict: e.signedOn
      ? filingVerdict(e.signedOn, e.reportedOn, today, timeline.onIn(e.signedOn, e.cityCode))
      : null,
    reportedOn: e.reportedOn,
    filedOn: e.filedOn,
    filingNumber: e.filingNumber,
    endedOn: e.endedOn,
    endReason: e.endReason,
    policyVersion: e.policyVersion,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export async function engagementPolicy(
  ctx: RequestContext,
): Promise<{ policy: PolicyInForce; today: string; timeline: RegionalTimeline }> {
  const today = beijingDay(ctx.deps.clock());
  const timeline = await regionalTimeline(ctx.deps.db);
  return { policy: timeline.on(today), today, timeline };
}

const STEP_ACTIONS: [string, EngagementStep | null, TAction][] = [
  ['sign', 'sign', 'engagement.manage'],
  ['report', 'report', 'engagement.report'],
  ['return', 'return', 'engagement.return'],
  ['file', 'file', 'engagement.file'],
];

function allowedActions(user: SessionUser, row: EngagementRow, changes: OperatorChangeRow[]): string[] {
  const s = row.e.status;
  const out = STEP_ACTIONS.filter(([, step, action]) => step && canStep(s, step) && can(user.role, action)).map(
    ([name]) => name,
  );
  // Materials and the checklist can change until the city reports them (upload-engagement-file, update-checklist).
  if (can(user.role, 'engagement.manage') && (s === 'tendered' || s === 'signed')) out.push('materials', 'checklist');
  if (can(user.role, 'engagement.manage') && (s === 'filed' || s === 'signed' || s === 'reported'))
    out.push('contract', 'evaluate');
  const open = changes.some((c) => c.c.status === 'submitted' || c.c.status === 'forwarded');
  if (can(user.role, 'engagement.manage') && s === 'filed' && !open) out.push('changeOperator');
  return out;
}

/** One engagement as its page shows it, or NOT_FOUND outside the caller's scope. */
export async function getEngagementDetail(ctx: RequestContext, id: number): Promise<TEngagementDetail> {
  const user = ctx.user;
  if (!user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const row = await findEngagement(db, engagementScope(user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const { policy, today, timeline } = await engagementPolicy(ctx);
  const [eligibility, contracts, files, events, changes] = await Promise.all([
    eligibilityOf(db, row.e.operatorId, row.operatorStatus, today, policy),
    listContracts(db, id),
    listEngagementAttachments(db, row.e),
    listEngagementEvents(db, id),
    listOperatorChangeRows(db, eq(operatorChanges.engagementId, id), 50, 0),
  ]);
  const present = new Set(files.map((f) => f.kind));
  return {
    // Art. 15, 16: the filing verdict under the version and the city's rule in force on the signing day.
    ...toEngagement(row, timeline, today),
    eligibility,
    checklist: row.e.checklist,
    missingMaterials: REQUIRED_MATERIALS.filter((k) => !present.has(k)),
    attachments: files,
    contracts,
    reprocurement: reprocurementDue(row.e, contracts, today, policy),
    events,
    changes: changes.rows.map((c) => toOperatorChange(c, user, timeline)),
    allowedActions: allowedActions(user, row, changes.rows),
  };
}
