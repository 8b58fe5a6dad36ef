import { validateCreditCode } from '../../../contracts/credit-code';
import type { TEngagementDetail, TRecordTenderRequest } from '../../../contracts/engagement';
import { ELIGIBILITY_ITEMS } from '../../../contracts/engagement';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import type { Db } from '../../db/client';
import { engagements } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { servicePeriodEnd } from '../../policy/rules/procurement';
import { findCentreInScope } from '../centre';
import { eligibilityOf, findOperatorRow } from '../operator';
import { ENGAGEMENT_STATUS_LABELS } from './engagement.machine';
import { engagementPolicy, getEngagementDetail } from './engagement.presenter';
import { currentEngagement } from './engagement.repository';
import { invalidField, refuseVerdicts } from './engagement-errors';
import { recordEngagementEvent } from './engagement-events';

/**
 * True when the insert lost a race: another current engagement of the centre was committed first and the partial
 * unique index refused this one (both drivers put the PostgreSQL error in `cause`, as for park names).
 */
function isSecondCurrentEngagement(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string; constraint?: string } } | null)?.cause;
  return cause?.code === '23505' && cause.constraint === 'engagements_one_current_per_centre';
}

/** ENGAGEMENT_EXISTS (409) naming the centre's current operator and where its engagement stands, if it has one. */
async function refuseIfEngaged(db: Db, centreId: number): Promise<void> {
  const existing = await currentEngagement(db, centreId);
  if (!existing) return;
  throw new AppError('ENGAGEMENT_EXISTS', {
    operatorName: existing.operatorName,
    'statusLabel_zh-CN': ENGAGEMENT_STATUS_LABELS[existing.e.status]['zh-CN'],
    statusLabel_en: ENGAGEMENT_STATUS_LABELS[existing.e.status].en,
    engagementId: existing.e.id,
  });
}

/**
 * Art. 10(三): the county records the public tender that chose its centre's operator. The centre must be recognised
 * and have no current operator; the winner must be eligible today (Art. 10(一)3, 13, 14) and among the bidders. The
 * service period runs for the parameter's years from its first day.
 */
export async function recordTender(
  ctx: RequestContext,
  centreId: number,
  input: TRecordTenderRequest,
): Promise<TEngagementDetail> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const centre = await findCentreInScope(db, ctx.user, centreId);
  if (!centre) throw new AppError('NOT_FOUND', { id: centreId });
  const user = requireAction(ctx.user, 'engagement.manage');
  const { policy, today } = await engagementPolicy(ctx);

  if (!['approved', 'operating', 'adjusted'].includes(centre.status)) {
    refuseVerdicts('ENGAGEMENT_RULE', [
      {
        ok: false,
        article: '第十条',
        rule: 'engagement.centreRecognised',
        required: 'approved',
        actual: centre.status,
        policyVersion: policy.version,
        message: {
          'zh-CN': '只有经省商务厅核准的外综服中心才能确定承办企业（第九条、第十条）',
          en: 'Only a centre the province has recognised can engage an operator (Art. 9, 10)',
        },
      },
    ]);
  }
  await refuseIfEngaged(db, centreId);
  const operator = await findOperatorRow(db, input.operatorId);
  if (!operator) throw invalidField('operatorId', { 'zh-CN': '承办企业不存在', en: 'no such operator' });

  // Dates in their order: announced ≤ awarded ≤ today; service starts no earlier than the award.
  if (input.announcedOn > input.awardedOn)
    throw invalidField('awardedOn', { 'zh-CN': '中标日期不能早于招标公告日期', en: 'before the announcement' });
  if (input.awardedOn > today)
    throw invalidField('awardedOn', { 'zh-CN': '中标日期不能晚于今天', en: 'in the future' });
  if (input.serviceStart < input.awardedOn)
    throw invalidField('serviceStart', { 'zh-CN': '服务期起始日不能早于中标日期', en: 'before the award' });
  // Art. 10(三): 通过公开招标方式选定; another method has to say why.
  if (input.method !== 'public_tender' && !input.methodNote?.trim())
    throw invalidField('methodNote', {
      'zh-CN': '未采用公开招标的，须说明依据（第十条（三）要求公开招标）',
      en: 'a method other than a public tender must be justified (Art. 10(3))',
    });
  const bidders = input.bidders.map((b, i) => {
    if (!b.creditCode) return { ...b, creditCode: null };
    const r = validateCreditCode(b.creditCode);
    if (!r.ok) throw invalidField(`bidders.${i}.creditCode`, r.message);
    return { ...b, creditCode: r.code };
  });
  const winnerListed = bidders.some((b) => b.creditCode === operator.creditCode || b.name.trim() === operator.name);
  if (!winnerListed)
    throw invalidField('bidders', {
      'zh-CN': `中标企业“${operator.name}”须在投标人名单中`,
      en: `the winner "${operator.name}" must be among the bidders`,
    });

  // Art. 10(一)3, 13, 14: a disqualified or blacklisted enterprise, or one with a recent violation, cannot be chosen.
  refuseVerdicts(
    'OPERATOR_INELIGIBLE',
    await eligibilityOf(db, operator.id, operator.qualificationStatus, today, policy),
  );

  const now = ctx.deps.clock();
  let id: number;
  try {
    id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(engagements)
        .values({
          centreId,
          operatorId: operator.id,
          countyCode: centre.countyCode,
          cityCode: centre.cityCode,
          status: 'tendered',
          projectNumber: input.projectNumber,
          method: input.method,
          methodNote: input.methodNote?.trim() || null,
          announcedOn: input.announcedOn,
          awardedOn: input.awardedOn,
          bidders,
          contractAmount: input.contractAmount ?? null,
          serviceStart: input.serviceStart,
          serviceEnd: servicePeriodEnd(input.serviceStart, policy),
          checklist: ELIGIBILITY_ITEMS.map((item) => ({ item, confirmed: false, evidence: '', attachmentIds: [] })),
          policyVersion: policy.version,
          createdBy: user.id === SYSTEM_USER_ID ? null : user.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await recordEngagementEvent(tx, ctx, { engagementId: row.id, action: 'tender', from: null, to: 'tendered' }, now);
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'engagement.tendered',
        objectType: 'engagement',
        objectId: row.id,
        after: { ...row, policyVersion: policy.version },
      });
      return row.id;
    });
  } catch (err) {
    if (isSecondCurrentEngagement(err)) await refuseIfEngaged(db, centreId);
    throw err;
  }
  return getEngagementDetail(ctx, id);
}
