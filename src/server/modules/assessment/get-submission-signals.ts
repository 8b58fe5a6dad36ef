import { and, eq } from 'drizzle-orm';
import type { TFraudSignalsResponse } from '../../../contracts/assessment-signals';
import type { RequestContext } from '../../context';
import { assessmentCycles, assessmentSubmissions, centres } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { assessmentSubmissionScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { fraudSignals, SIGNAL_THRESHOLD_TEXT, SIGNAL_THRESHOLDS } from './signals';

/**
 * The fraud signals of one submission (issue 14; Art. 13(三), 14) for those who judge it: the province, and the
 * evaluator of the agency it is assigned to. The submission is read through the caller's scope first (an evaluator
 * of another agency gets 404, as if it did not exist), then the role. The year and the deadline are the cycle's.
 * Read-only: a signal changes no score, grade or status.
 */
export async function getSubmissionSignals(ctx: RequestContext, id: number): Promise<TFraudSignalsResponse> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const [row] = await db
    .select({
      centreId: assessmentSubmissions.centreId,
      centreName: centres.name,
      year: assessmentCycles.year,
      submissionDue: assessmentCycles.submissionDue,
    })
    .from(assessmentSubmissions)
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentSubmissions.cycleId))
    .innerJoin(centres, eq(centres.id, assessmentSubmissions.centreId))
    .where(and(eq(assessmentSubmissions.id, id), assessmentSubmissionScope(ctx.user)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id });
  requireAction(ctx.user, 'assessment.signals');
  const signals = await fraudSignals(db, {
    centreId: row.centreId,
    year: row.year,
    submissionDue: row.submissionDue,
  });
  return {
    submissionId: id,
    centreId: row.centreId,
    centreName: row.centreName,
    year: row.year,
    submissionDue: row.submissionDue,
    signals,
    thresholds: (Object.keys(SIGNAL_THRESHOLDS) as (keyof typeof SIGNAL_THRESHOLDS)[]).map((key) => ({
      key,
      value: SIGNAL_THRESHOLDS[key],
      description: SIGNAL_THRESHOLD_TEXT[key],
    })),
    limits: [
      {
        // The staff roster keeps names and posts but no phone numbers, and a name alone is too common to match.
        'zh-CN': '未比对企业联系人与中心工作人员：中心人员名册不含联系电话，仅凭姓名比对误判过多。',
        en: 'Enterprise contacts are not compared with the centre’s staff: the roster has no phone numbers, and names alone match too often.',
      },
      {
        'zh-CN': '网络地址取自平台操作日志；经代理或共享出口访问时地址可能相同，线索仅供核实。',
        en: 'Addresses come from the operation log; behind a proxy or a shared exit they can coincide, so a match is only a lead.',
      },
    ],
  };
}
