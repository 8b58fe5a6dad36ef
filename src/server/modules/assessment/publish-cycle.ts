import { and, eq, sql } from 'drizzle-orm';
import type { TPublishResponse } from '../../../contracts/assessment-evaluation';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { assessmentCycles, assessmentResults } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { computeYearEntitlements } from '../funding';
import { deliverOutbound, notify, type OutboundMessage } from '../message/notify';
import { applyResultConsequences } from './consequences';
import { cohortOf, findCycle, metricValuesOf, scoreRows, submissionsOfCycle } from './evaluation.repository';
import { moveSubmission, requireCycleOpen, systemOf, writeSubmissionEvent } from './evaluation-steps';
import { scoreSubmission } from './scoring';

/** Still on its way through the evaluation: publication waits for these (Art. 12(二)(3)). */
const PENDING = ['passed', 'assigned', 'scored', 'sent_back'] as const;
/** Never passed the city's pre-review: not assessed, no result (未参评). */
const NOT_ASSESSED = ['draft', 'submitted', 'returned'] as const;

/**
 * Art. 12(三): the province publishes the year's grades. Refused, naming the centres, while any submission is still
 * being evaluated or reviewed. Otherwise every confirmed submission is published with its total and grade
 * recomputed against the cycle's final cohort (a rank rule ranks among every centre assessed; from here on the
 * cohort cannot change), its assessment_results row written with the operator and the cycle's policy version, the
 * cycle closed, the consequences of the grades applied (consequences.ts) and one audit entry written — all in one
 * transaction. Operators, cities and counties are told; submissions that never passed pre-review get no result.
 */
export async function publishCycle(ctx: RequestContext, cycleId: number): Promise<TPublishResponse> {
  const user = requireAction(ctx.user, 'assessment.manage');
  const cycle = await findCycle(ctx.deps.db, cycleId);
  if (!cycle) throw new AppError('NOT_FOUND', { id: cycleId });
  requireCycleOpen(cycle.c);
  const rows = await submissionsOfCycle(ctx.deps.db, cycleId);
  const pending = rows.filter((r) => (PENDING as readonly string[]).includes(r.s.status));
  if (pending.length > 0)
    throw new AppError('ASSESSMENT_CYCLE_PENDING', {
      pending: pending.map((r) => ({ submissionId: r.s.id, centreName: r.centreName, status: r.s.status })),
      'pending_zh-CN': pending.map((r) => r.centreName).join('、'),
      pending_en: pending.map((r) => r.centreName).join(', '),
    });
  const system = systemOf(cycle);
  const cohort = await cohortOf(ctx.deps.db, cycleId);
  const confirmed = rows.filter((r) => r.s.status === 'confirmed');
  const results = await Promise.all(
    confirmed.map(async (r) => {
      const scores = await scoreRows(ctx.deps.db, r.s.id);
      const evaluatorScores = Object.fromEntries(scores.map((s) => [s.indicatorKey, Number(s.score)]));
      return { r, ...scoreSubmission({ system, values: metricValuesOf(r.s.metrics), evaluatorScores, cohort }) };
    }),
  );
  const now = ctx.deps.clock();
  const sent = await ctx.deps.db.transaction(async (tx) => {
    const [closed] = await tx
      .update(assessmentCycles)
      .set({
        status: 'published',
        publishedBy: user.id === SYSTEM_USER_ID ? null : user.id,
        publishedAt: now,
        version: sql`${assessmentCycles.version} + 1`,
      })
      .where(and(eq(assessmentCycles.id, cycleId), eq(assessmentCycles.version, cycle.c.version)))
      .returning();
    if (!closed) throw new AppError('VERSION_CONFLICT', { id: cycleId });
    for (const { r, total, grade } of results) {
      const moved = await moveSubmission(tx, r, 'publish', { total: total.toFixed(2), grade, publishedAt: now }, now);
      await writeSubmissionEvent(tx, user, {
        submissionId: r.s.id,
        action: 'publish',
        from: r.s.status,
        to: moved.status,
        at: now,
      });
      await tx.insert(assessmentResults).values({
        centreId: r.s.centreId,
        year: cycle.c.year,
        cycleId,
        submissionId: r.s.id,
        operatorId: r.s.operatorId,
        cityCode: r.s.cityCode,
        countyCode: r.s.countyCode,
        total: total.toFixed(2),
        grade,
        policyVersion: cycle.c.policyVersion,
        publishedAt: now,
      });
    }
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.cycle.published',
      objectType: 'assessment_cycle',
      objectId: cycleId,
      before: { status: cycle.c.status },
      after: {
        status: 'published',
        year: cycle.c.year,
        policyVersion: cycle.c.policyVersion,
        results: results.map(({ r, total, grade }) => ({ centreId: r.s.centreId, total: total.toFixed(2), grade })),
      },
    });
    await applyResultConsequences(tx, ctx, { cycleId, year: cycle.c.year, at: now });
    // Art. 11, 12(三): the published grades fix the year's funding at once (decision 0033).
    await computeYearEntitlements(tx, ctx, { year: cycle.c.year, at: now });
    const out: OutboundMessage[] = [];
    for (const { r, grade } of results) {
      const message = {
        kind: 'assessment.published' as const,
        params: { year: cycle.c.year, centreName: r.centreName, grade },
        link: `/assessment/submissions/${r.s.id}/evaluation`,
        subject: `assessment_result:${cycleId}:${r.s.centreId}`,
        at: now,
      };
      out.push(...(await notify(tx, { centreId: r.s.centreId }, message)));
      out.push(...(await notify(tx, { cityCode: r.s.cityCode }, message)));
      out.push(...(await notify(tx, { countyCode: r.s.countyCode }, message)));
    }
    return out;
  });
  deliverOutbound(ctx.deps, sent);
  return {
    cycleId,
    year: cycle.c.year,
    published: results.length,
    notAssessed: rows
      .filter((r) => (NOT_ASSESSED as readonly string[]).includes(r.s.status))
      .map((r) => ({ centreId: r.s.centreId, centreName: r.centreName })),
  };
}
