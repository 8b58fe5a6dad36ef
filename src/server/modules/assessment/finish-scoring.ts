import { eq } from 'drizzle-orm';
import type { TFinishScoringRequest } from '../../../contracts/assessment-evaluation';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { assessmentScores } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { cohortOf, metricValuesOf, scoreRows } from './evaluation.repository';
import {
  loadSubmission,
  moveSubmission,
  notInEvaluation,
  requireCycleOpen,
  STEP_LABELS,
  systemOf,
  writeSubmissionEvent,
} from './evaluation-steps';
import { scoreSubmission, toHundredths } from './scoring';
import { canTakeStep } from './submission.machine';

/**
 * Art. 12(二)(3): the evaluator of the assigned agency scores every indicator the system leaves to it (0 – its
 * weight, 2 decimals, with a remark) and finishes; the platform computes the computed indicators from the snapshot,
 * the total and the grade with the cycle's frozen system (scoring.ts) and stores them on the submission. The same
 * call rescores a submission the province sent back. A score out of range is a 400 naming the field; an indicator
 * left unscored refuses the whole step; nothing is written either way.
 */
export async function finishScoring(ctx: RequestContext, submissionId: number, input: TFinishScoringRequest) {
  const { row } = await loadSubmission(ctx, submissionId);
  const user = requireAction(ctx.user, 'assessment.score');
  requireCycleOpen(row.cycle);
  if (!canTakeStep(row.s.status, 'score')) throw notInEvaluation(row.s.status, STEP_LABELS.score);
  const system = systemOf(row);
  const scored = new Map(system.indicators.filter((i) => i.scoring.kind === 'evaluator').map((i) => [i.key, i]));
  const given: Record<string, number> = {};
  const remarks: Record<string, string> = {};
  input.scores.forEach((s, n) => {
    const indicator = scored.get(s.indicatorKey);
    if (!indicator)
      throw invalidField(`scores.${n}.indicatorKey`, {
        'zh-CN': `“${s.indicatorKey}”不是本年度指标体系中由评估机构评分的指标`,
        en: `"${s.indicatorKey}" is not an indicator the agency scores in this year's system`,
      });
    if (s.score > indicator.weight || toHundredths(s.score) / 100 !== s.score)
      throw invalidField(`scores.${n}.score`, {
        'zh-CN': `“${indicator.name['zh-CN']}”的得分须在 0–${indicator.weight} 分之间，最多两位小数`,
        en: `the score of "${indicator.name.en}" must be 0–${indicator.weight}, at most 2 decimals`,
      });
    if (s.indicatorKey in given)
      throw invalidField(`scores.${n}.indicatorKey`, {
        'zh-CN': '同一指标重复评分',
        en: 'the indicator is scored twice',
      });
    given[s.indicatorKey] = s.score;
    remarks[s.indicatorKey] = s.remark;
  });
  const result = scoreSubmission({
    system,
    values: metricValuesOf(row.s.metrics),
    evaluatorScores: given,
    cohort: await cohortOf(ctx.deps.db, row.s.cycleId),
  });
  if (!result.complete) {
    const names = result.missing.map((k) => scored.get(k)?.name ?? { 'zh-CN': k, en: k });
    throw new AppError('ASSESSMENT_SCORING_INCOMPLETE', {
      missing: result.missing,
      'missing_zh-CN': names.map((n) => n['zh-CN']).join('、'),
      missing_en: names.map((n) => n.en).join(', '),
    });
  }
  const now = ctx.deps.clock();
  const by = user.id === SYSTEM_USER_ID ? null : user.id;
  const before = await scoreRows(ctx.deps.db, submissionId);
  await ctx.deps.db.transaction(async (tx) => {
    const moved = await moveSubmission(
      tx,
      row,
      'score',
      { scoredBy: by, scoredAt: now, total: result.total.toFixed(2), grade: result.grade },
      now,
    );
    await tx.delete(assessmentScores).where(eq(assessmentScores.submissionId, submissionId));
    await tx.insert(assessmentScores).values(
      Object.entries(given).map(([indicatorKey, score]) => ({
        submissionId,
        indicatorKey,
        score: score.toFixed(2),
        remark: remarks[indicatorKey] ?? '',
        scoredBy: by,
        scoredAt: now,
      })),
    );
    await writeSubmissionEvent(tx, user, {
      submissionId,
      action: row.s.status === 'sent_back' ? 'rescore' : 'score',
      from: row.s.status,
      to: moved.status,
      reason: `总分 ${result.total.toFixed(2)}`,
      at: now,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.submission.scored',
      objectType: 'assessment_submission',
      objectId: submissionId,
      before: { status: row.s.status, total: row.s.total, grade: row.s.grade, scores: before },
      after: { status: moved.status, total: result.total.toFixed(2), grade: result.grade, scores: given, remarks },
    });
  });
  return { total: result.total, grade: result.grade };
}
