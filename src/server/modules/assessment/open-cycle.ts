import { and, eq } from 'drizzle-orm';
import type { TAssessmentCycle, TDeadlineInput, TOpenCycleRequest } from '../../../contracts/assessment-cycle';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { assessmentCycles, assessmentSubmissionEvents, assessmentSubmissions, indicatorSystems } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { beijingDay, policyInForce } from '../../policy/policy';
import { addWorkingDays, zhDate } from '../../policy/rules/deadlines';
import { deliverOutbound, notify, type OutboundMessage } from '../message/notify';
import { presentCycles } from './assessment.presenter';
import {
  cycleNoticeRecipients,
  findCycleOfYear,
  findSystem,
  servingCentresWithOperator,
} from './assessment.repository';

/** A deadline as a day: the day given, or N working days (official calendar) after `from`. */
function resolveDeadline(input: TDeadlineInput, from: string): string {
  return input.kind === 'date' ? input.date : addWorkingDays(from, input.days);
}

const LABELS = {
  submissionDue: { 'zh-CN': '材料提交截止日', en: 'submission deadline' },
  prereviewDue: { 'zh-CN': '市州初审截止日', en: 'pre-review deadline' },
  evaluationDue: { 'zh-CN': '第三方评估截止日', en: 'evaluation deadline' },
} as const;

/**
 * Art. 12(二)(1): the province issues the year's assessment notice. One cycle a year, for a year not in the future;
 * three deadlines in order (submission → pre-review → evaluation), each a day or N working days after the opening /
 * the previous deadline. Opening freezes the system it uses, creates a draft submission for every centre serving
 * today with a filed operator (scope columns copied), records the policy version in force, and writes the cycle,
 * the drafts, their first timeline entry and the audit entry in one transaction; after commit everyone concerned is
 * told through the message centre.
 */
export async function openCycle(ctx: RequestContext, request: TOpenCycleRequest): Promise<TAssessmentCycle> {
  const user = requireAction(ctx.user, 'assessment.manage');
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  const thisYear = Number(today.slice(0, 4));
  if (request.year > thisYear) throw new AppError('ASSESSMENT_YEAR_INVALID', { year: request.year, thisYear });
  const existing = await findCycleOfYear(db, request.year);
  if (existing) throw new AppError('ASSESSMENT_CYCLE_EXISTS', { year: request.year, title: existing.title });
  const system = await findSystem(db, request.systemId);
  if (!system) throw invalidField('systemId', { 'zh-CN': '指标体系不存在', en: 'no such indicator system' });

  const submissionDue = resolveDeadline(request.submissionDue, today);
  const prereviewDue = resolveDeadline(request.prereviewDue, submissionDue);
  const evaluationDue = resolveDeadline(request.evaluationDue, prereviewDue);
  const order: [keyof typeof LABELS, string, string, keyof typeof LABELS | null][] = [
    ['submissionDue', submissionDue, today, null],
    ['prereviewDue', prereviewDue, submissionDue, 'submissionDue'],
    ['evaluationDue', evaluationDue, prereviewDue, 'prereviewDue'],
  ];
  for (const [field, day, after, previous] of order) {
    const ok = previous === null ? day >= after : day > after;
    if (!ok) {
      const than = previous === null ? { 'zh-CN': '今天', en: 'today' } : LABELS[previous];
      throw invalidField(field, {
        'zh-CN': `${LABELS[field]['zh-CN']}（${zhDate(day)}）须晚于${than['zh-CN']}（第十二条（二））`,
        en: `the ${LABELS[field].en} (${day}) must come after ${than.en} (Art. 12(2))`,
      });
    }
  }

  const policy = await policyInForce(db, today);
  const centres = await servingCentresWithOperator(db);
  const actorId = user.id === SYSTEM_USER_ID ? null : user.id;
  const cycleId = await db.transaction(async (tx) => {
    const [cycle] = await tx
      .insert(assessmentCycles)
      .values({
        year: request.year,
        title: request.title,
        notice: request.notice,
        systemId: system.id,
        submissionDue,
        prereviewDue,
        evaluationDue,
        status: 'open',
        policyVersion: policy.version,
        openedBy: actorId,
        openedAt: now,
      })
      .returning();
    if (!cycle) throw new Error('insert returned nothing');
    // Art. 12, decision 0029: from now on the centres of this year are measured by exactly this system.
    if (system.status === 'draft') {
      await tx
        .update(indicatorSystems)
        .set({ status: 'frozen', frozenAt: now, updatedAt: now, version: system.version + 1 })
        .where(and(eq(indicatorSystems.id, system.id), eq(indicatorSystems.status, 'draft')));
    }
    const drafts =
      centres.length === 0
        ? []
        : await tx
            .insert(assessmentSubmissions)
            .values(
              centres.map((c) => ({
                cycleId: cycle.id,
                centreId: c.centreId,
                cityCode: c.cityCode,
                countyCode: c.countyCode,
                parkId: c.parkId,
                operatorId: c.operatorId,
                status: 'draft' as const,
                createdAt: now,
                updatedAt: now,
              })),
            )
            .returning({ id: assessmentSubmissions.id });
    if (drafts.length > 0) {
      await tx.insert(assessmentSubmissionEvents).values(
        drafts.map((d) => ({
          submissionId: d.id,
          action: 'open',
          fromStatus: null,
          toStatus: 'draft',
          reason: request.title,
          actorId,
          actorRole: user.role,
          at: now,
        })),
      );
    }
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.cycle.opened',
      objectType: 'assessment_cycle',
      objectId: cycle.id,
      after: {
        ...cycle,
        systemFrozen: system.status === 'draft',
        centreIds: centres.map((c) => c.centreId),
        submissionIds: drafts.map((d) => d.id),
      },
    });
    return cycle.id;
  });

  // After commit: the notice and its deadlines reach the operators, cities, counties and evaluators. A failure
  // here is logged and never undoes the opening.
  try {
    const recipients = await cycleNoticeRecipients(
      db,
      centres.map((c) => c.centreId),
      [...new Set(centres.map((c) => c.cityCode))],
      [...new Set(centres.map((c) => c.countyCode))],
    );
    const sent: OutboundMessage[] = await db.transaction((tx) =>
      notify(
        tx,
        { userIds: recipients },
        {
          kind: 'assessment.cycleOpened',
          params: { year: request.year, title: request.title, submissionDue, prereviewDue, evaluationDue },
          link: '/assessment',
          subject: `assessment_cycle:${cycleId}`,
          at: now,
        },
      ),
    );
    deliverOutbound(ctx.deps, sent);
  } catch (err) {
    console.warn(`assessment cycle ${cycleId}: the notice could not be sent`, err);
  }
  const [out] = await presentCycles(db, user, cycleId);
  if (!out) throw new Error('cycle not found after insert');
  return out;
}
