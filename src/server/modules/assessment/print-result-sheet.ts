import { and, eq } from 'drizzle-orm';
import {
  GRADE_NAMES,
  METRIC_UNITS,
  type TIndicatorSystemBody,
  type TMetricSnapshot,
} from '../../../contracts/assessment';
import type { RequestContext } from '../../context';
import {
  assessmentCycles,
  assessmentResults,
  assessmentScores,
  assessmentSubmissions,
  centres,
  evaluationAgencies,
  indicatorSystems,
  operators,
} from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { assessmentResultScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { zhDate } from '../../policy/rules/deadlines';
import { PRINT_SCRIPT } from '../centre/print-decision-letter';
import { cohortOf, metricValuesOf } from './evaluation.repository';
import { scoreSubmission } from './scoring';

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const day = (at: Date | null | undefined) => (at ? zhDate(beijingDay(at)) : '—');

/** A figure as the sheet prints it: up to two decimals, with its unit. */
function value(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return '无法计算';
  return `${Number.isInteger(v) ? v : v.toFixed(2)}${unit === '%' ? '%' : ` ${unit}`}`;
}

/**
 * 考核评估结果单 (issue 14 "Documents"): one centre's published result for a year as a print-ready A4 page — each
 * indicator with its weight, the figure the platform computed (from the submission's snapshot) or the evaluator's
 * score and remark, the total and grade, the evaluation agency, and the dates of submission, pre-review, scoring and
 * publication (Art. 12(二)). Read through the published-result scope: outside it, not found.
 */
export async function printResultSheet(ctx: RequestContext, centreId: number, year: number): Promise<string> {
  const user = requireAction(ctx.user, 'assessment.read');
  const db = ctx.deps.db;
  const [row] = await db
    .select({
      r: assessmentResults,
      s: assessmentSubmissions,
      cycleTitle: assessmentCycles.title,
      systemTitle: indicatorSystems.title,
      body: indicatorSystems.body,
      centreName: centres.name,
      operatorName: operators.name,
      agencyName: evaluationAgencies.name,
    })
    .from(assessmentResults)
    .innerJoin(assessmentSubmissions, eq(assessmentSubmissions.id, assessmentResults.submissionId))
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, assessmentResults.cycleId))
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, assessmentCycles.systemId))
    .innerJoin(centres, eq(centres.id, assessmentResults.centreId))
    .leftJoin(operators, eq(operators.id, assessmentResults.operatorId))
    .leftJoin(evaluationAgencies, eq(evaluationAgencies.id, assessmentSubmissions.agencyId))
    .where(
      and(eq(assessmentResults.centreId, centreId), eq(assessmentResults.year, year), assessmentResultScope(user)),
    );
  if (!row) throw new AppError('NOT_FOUND', { centreId, year });
  const scores = await db.select().from(assessmentScores).where(eq(assessmentScores.submissionId, row.s.id));
  const body = row.body as TIndicatorSystemBody;
  const snapshot = row.s.metrics as TMetricSnapshot | null;
  // The points as publication computed them: the engine over the frozen system, the snapshot, the evaluator's scores
  // and the cycle's cohort (a rank rule ranks among every centre assessed that year).
  const engine = scoreSubmission({
    system: body,
    values: metricValuesOf(row.s.metrics),
    evaluatorScores: Object.fromEntries(scores.map((s) => [s.indicatorKey, Number(s.score)])),
    cohort: await cohortOf(db, row.s.cycleId),
  });
  const lines = body.indicators.map((i) => {
    const score = scores.find((s) => s.indicatorKey === i.key);
    const figure = i.metric ? value(snapshot?.values[i.metric], METRIC_UNITS[i.metric]['zh-CN']) : '评估机构评分';
    const given = engine.indicators.find((x) => x.key === i.key)?.points;
    const points = given === null || given === undefined ? '—' : given.toFixed(2);
    return `<tr><td>${esc(i.name['zh-CN'])}</td><td class="n">${i.weight}</td><td>${esc(figure)}</td><td class="n">${esc(points)}</td><td>${esc(score?.remark ?? '')}</td></tr>`;
  });
  const grade = GRADE_NAMES[row.r.grade]['zh-CN'];
  const prereview =
    row.s.prereviewDecision === 'passed'
      ? `${day(row.s.prereviewedAt)}（通过）`
      : row.s.prereviewedAt
        ? day(row.s.prereviewedAt)
        : '—';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(row.centreName)} ${year}年度考核评估结果单</title>
<style>
  @page { size: A4; margin: 25mm 20mm; }
  body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; font-size: 12pt;
         line-height: 1.6; color: #000; max-width: 180mm; margin: 24px auto; padding: 0 8px; }
  h1 { text-align: center; font-size: 18pt; margin: 8px 0 16px; }
  table { width: 100%; border-collapse: collapse; margin: 8px 0 16px; }
  th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; }
  th { background: #f2f2f2; font-weight: bold; white-space: nowrap; } td.n { text-align: right; white-space: nowrap; }
  .meta td:first-child { width: 28%; background: #fafafa; }
  .grade { font-size: 16pt; font-weight: bold; }
  .sign { text-align: right; margin-top: 32px; }
  .demo { border: 1px dashed #999; color: #666; padding: 4px 8px; font-size: 10pt; }
  .toolbar { text-align: right; font-family: sans-serif; } @media print { .toolbar, .demo { display: none; } }
</style></head><body>
<div class="toolbar"><button id="print" type="button">打印 / Print</button></div>
<h1>外贸综合服务中心${year}年度考核评估结果单</h1>
<table class="meta">
<tr><td>外综服中心</td><td>${esc(row.centreName)}</td></tr>
<tr><td>承办企业</td><td>${esc(row.operatorName ?? '—')}</td></tr>
<tr><td>考核评估</td><td>${esc(row.cycleTitle)}（指标体系：${esc(row.systemTitle)}）</td></tr>
<tr><td>第三方评估机构</td><td>${esc(row.agencyName ?? '—')}</td></tr>
<tr><td>材料提交</td><td>${day(row.s.submittedAt)}</td></tr>
<tr><td>市州初审</td><td>${prereview}</td></tr>
<tr><td>第三方评分</td><td>${day(row.s.scoredAt)}</td></tr>
<tr><td>结果公布</td><td>${day(row.r.publishedAt)}</td></tr>
</table>
<table>
<thead><tr><th>指标</th><th>分值</th><th>平台数据</th><th>得分</th><th>评分说明</th></tr></thead>
<tbody>
${lines.join('\n')}
</tbody>
<tfoot><tr><th colspan="3">总分</th><td class="n">${esc(row.r.total)}</td><td>考核等次：<span class="grade">${grade}</span></td></tr></tfoot>
</table>
<p>依据《湖北省对外贸易综合服务中心认定管理办法》第十二条。等次分为“优秀”（≥${body.gradeThresholds.excellent}分）、“良好”（≥${body.gradeThresholds.good}分）、“一般”（≥${body.gradeThresholds.fair}分）、“较差”四档。</p>
<div class="sign"><div>湖北省商务厅</div><div>${day(row.r.publishedAt)}</div></div>
<script>${PRINT_SCRIPT}</script>
</body></html>`;
}
