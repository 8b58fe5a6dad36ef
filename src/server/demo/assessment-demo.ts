import { asc } from 'drizzle-orm';
import type { Deps, RequestContext } from '../context';
import { assessmentSubmissions } from '../db/schema';
import type { SessionUser } from '../lib/access/session-user';
import { assignSubmissions } from '../modules/assessment/assign-submissions';
import { draftIndicatorSystem } from '../modules/assessment/draft-indicator-system';
import { openCycle } from '../modules/assessment/open-cycle';
import { prereviewSubmission } from '../modules/assessment/prereview-submission';
import { saveStatement } from '../modules/assessment/save-statement';
import { submitSubmission } from '../modules/assessment/submit-submission';
import { beijingDay } from '../policy/policy';
import { depsAt } from './factories';

const DAY_MS = 86_400_000;

/**
 * The demo's assessment (issue 14, Art. 12(二)): the province drafts the year's indicator system from the shipped
 * default and opens the year's assessment a few days ago, with deadlines weeks ahead; about half the centres' operators
 * have written their statements and submitted, their cities have passed some of them and the province has assigned those to its agency — so every role's home and
 * the assessment pages show a cycle in progress. Made through the use cases, each at its moment.
 */
export async function loadDemoAssessment(
  deps: Deps,
  opts: {
    province: SessionUser;
    operatorOf: (centreId: number) => SessionUser | undefined;
    cityOf: (cityCode: string) => SessionUser | undefined;
    /** When the province opens the cycle (a working day a few days before today). */
    openedAt: Date;
    /** The commissioned evaluation agency, assigned what the cities passed. */
    agencyId: number;
  },
): Promise<{ cycleId: number; submitted: number; passed: number }> {
  const ctxAt = (user: SessionUser, at: Date): RequestContext => ({
    deps: depsAt(deps, at),
    user,
    ip: null,
    requestId: 'demo',
    locale: 'zh-CN',
  });
  const opened = opts.openedAt;
  const year = Number(beijingDay(opened).slice(0, 4));
  const later = (hours: number) =>
    new Date(Math.min(opened.getTime() + hours * 3_600_000, deps.clock().getTime() - 60_000));
  const day = (days: number) => beijingDay(new Date(opened.getTime() + days * DAY_MS));

  const system = await draftIndicatorSystem(ctxAt(opts.province, new Date(opened.getTime() - 3_600_000)), {
    title: `${year}年度外综服中心考核评价指标体系`,
    year,
    copyFrom: null,
  });
  const cycle = await openCycle(ctxAt(opts.province, opened), {
    year,
    title: `${year}年度湖北省外贸综合服务中心考核评估`,
    notice: [
      `根据《湖北省对外贸易综合服务中心认定管理办法》第十二条，省商务厅组织开展${year}年度外综服中心考核评估工作。`,
      '一、各外综服中心对照考核评价指标体系，在平台核对本中心全年服务记录、企业评价、活动及帮扶企业进出口数据，撰写年度自评报告并上传佐证材料，按期提交。',
      '二、各市州商务主管部门对辖区中心提交的材料进行初审，并对材料的真实性、合法性负责。',
      '三、省商务厅委托第三方评估机构对材料进行复核，视情开展实地考察并评分。',
    ].join('\n'),
    systemId: system.id,
    submissionDue: { kind: 'date', date: day(40) },
    prereviewDue: { kind: 'workingDays', days: 10 },
    evaluationDue: { kind: 'workingDays', days: 20 },
  });

  const drafts = await deps.db
    .select({
      id: assessmentSubmissions.id,
      centreId: assessmentSubmissions.centreId,
      cityCode: assessmentSubmissions.cityCode,
    })
    .from(assessmentSubmissions)
    .orderBy(asc(assessmentSubmissions.centreId));
  let submitted = 0;
  const passedIds: number[] = [];
  for (const [i, d] of drafts.entries()) {
    // Every other centre has submitted by today; the rest are still writing (the homes show both).
    if (i % 2 === 1) continue;
    const operator = opts.operatorOf(d.centreId);
    if (!operator) continue;
    const writtenAt = later(24 + i * 2);
    let detail = await saveStatement(ctxAt(operator, writtenAt), d.id, {
      version: 1,
      statement: `本中心${year}年度依托平台开展备案代办、报关报检、退税结汇、政策宣贯和市场开拓等服务，服务记录均在平台登记，企业评价和差评整改按期办理。全年组织培训与展会活动，帮扶新开口企业实现进出口实绩。详见平台统计及佐证材料。`,
    });
    detail = await submitSubmission(ctxAt(operator, later(26 + i * 2)), d.id, { version: detail.version });
    submitted += 1;
    // The city has pre-reviewed the first ones submitted.
    if (i % 4 === 0) {
      const city = opts.cityOf(d.cityCode);
      if (!city) continue;
      await prereviewSubmission(ctxAt(city, later(50 + i * 2)), d.id, {
        version: detail.version,
        decision: 'pass',
        reason: '',
      });
      passedIds.push(d.id);
    }
  }
  // Art. 12(二)(3): the province has assigned what the cities passed to its agency, so the evaluator has work.
  if (passedIds.length > 0)
    await assignSubmissions(ctxAt(opts.province, later(80 + drafts.length * 2)), cycle.id, {
      agencyId: opts.agencyId,
      submissionIds: passedIds,
    });
  return { cycleId: cycle.id, submitted, passed: passedIds.length };
}
