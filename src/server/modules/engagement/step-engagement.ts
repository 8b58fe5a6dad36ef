import { and, eq, like, sql } from 'drizzle-orm';
import type { TEngagementDetail, TEngagementStepRequest } from '../../../contracts/engagement';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centres, engagements } from '../../db/schema';
import { ADVISORY_LOCK } from '../../lib/advisory-locks';
import type { TAuditAction } from '../../lib/audit';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { checklistVerdict, materialsVerdict } from '../../policy/rules/operator-application';
import { canTransition } from '../centre/centre.machine';
import { recordCentreEvent } from '../centre/centre-events';
import { eligibilityOf } from '../operator/operator-eligibility';
import { ENGAGEMENT_TRANSITIONS, type EngagementStep, nextEngagementStatus } from './engagement.machine';
import { getEngagementDetail } from './engagement.presenter';
import { listEngagementAttachments } from './engagement.repository';
import { invalidField, refuseVerdicts } from './engagement-errors';
import { recordEngagementEvent } from './engagement-events';
import { loadForWrite } from './load-engagement';

type Step = Exclude<EngagementStep, 'sign'>;

const AUDIT: Record<Step, TAuditAction> = {
  report: 'engagement.reported',
  return: 'engagement.returned',
  file: 'engagement.filed',
};

/** 鄂商务外综备〔2026〕N号, numbered per year; an advisory lock keeps two filings from taking one number. */
async function nextFilingNumber(tx: Db, year: number): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCK.engagementStep})`);
  const prefix = `鄂商务外综备〔${year}〕`;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(engagements)
    .where(like(engagements.filingNumber, `${prefix}%`));
  return `${prefix}${(row?.n ?? 0) + 1}号`;
}

/**
 * Art. 10(三): the city compiles the county's agreement and the operator's materials and reports them to the
 * province (only when the six required materials and the checklist are complete, and the operator is still
 * eligible); the province files and publishes it — the centre then operates — or returns it with a reason. A report
 * after the deadline is accepted and flagged late, never lost.
 */
export async function stepEngagement(
  ctx: RequestContext,
  id: number,
  step: Step,
  input: TEngagementStepRequest,
): Promise<TEngagementDetail> {
  const rule = ENGAGEMENT_TRANSITIONS[step];
  const { row, policy, today, now } = await loadForWrite(ctx, id, rule.action, input.version);
  const to = nextEngagementStatus(row.e.status, step);
  if (rule.reasonRequired && !input.comment)
    throw invalidField('comment', { 'zh-CN': '退回须说明理由', en: 'a return must give its reason' });
  const db = ctx.deps.db;
  if (step === 'report' || step === 'file') {
    const files = await listEngagementAttachments(db, row.e);
    refuseVerdicts('ENGAGEMENT_RULE', [
      materialsVerdict(
        files.map((f) => f.kind),
        policy,
      ),
      checklistVerdict(row.e.checklist, policy),
    ]);
    refuseVerdicts('OPERATOR_INELIGIBLE', await eligibilityOf(db, row.e.operatorId, row.operatorStatus, today, policy));
  }
  const year = Number(today.slice(0, 4));
  await db.transaction(async (tx) => {
    const filingNumber = step === 'file' ? await nextFilingNumber(tx, year) : null;
    const updated = await tx
      .update(engagements)
      .set({
        status: to,
        version: input.version + 1,
        updatedAt: now,
        ...(step === 'report' ? { reportedOn: today } : {}),
        ...(step === 'return' ? { reportedOn: null } : {}),
        ...(step === 'file' ? { filedOn: today, filingNumber } : {}),
      })
      .where(and(eq(engagements.id, id), eq(engagements.version, input.version), eq(engagements.status, row.e.status)))
      .returning({ id: engagements.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    await recordEngagementEvent(
      tx,
      ctx,
      { engagementId: id, action: step, from: row.e.status, to, comment: input.comment },
      now,
    );
    await writeAudit(tx, auditContext(ctx, now), {
      action: AUDIT[step],
      objectType: 'engagement',
      objectId: id,
      before: { status: row.e.status, reportedOn: row.e.reportedOn, version: row.e.version },
      after: {
        status: to,
        comment: input.comment ?? null,
        filingNumber,
        version: input.version + 1,
        policyVersion: policy.version,
      },
    });
    if (step === 'file') {
      // Filing makes the centre operating (SPEC §3.1): approved → operating, or adjusted → operating.
      const [centre] = await tx
        .select({ status: centres.status, version: centres.version })
        .from(centres)
        .where(eq(centres.id, row.e.centreId))
        .for('update');
      if (centre && canTransition(centre.status, 'startOperating')) {
        await tx
          .update(centres)
          .set({ status: 'operating', version: centre.version + 1, updatedAt: now })
          .where(eq(centres.id, row.e.centreId));
        await recordCentreEvent(
          tx,
          ctx,
          {
            centreId: row.e.centreId,
            action: 'start_operating',
            from: centre.status,
            to: 'operating',
            comment: `${row.operatorName} 承办，${filingNumber}`,
          },
          now,
        );
        await writeAudit(tx, auditContext(ctx, now), {
          action: 'centre.operating',
          objectType: 'centre',
          objectId: row.e.centreId,
          before: { status: centre.status, version: centre.version },
          after: { status: 'operating', version: centre.version + 1, engagementId: id, operatorId: row.e.operatorId },
        });
      }
    }
  });
  return getEngagementDetail(ctx, id);
}
