import { z } from 'zod';

/*
 * 年度考核评估 (Art. 12; SPEC §2 "Assessment cycle", §3 workflow 6). The indicator system is data: each indicator has
 * a weight, what it measures (a figure the platform computes from its records, or a score the evaluator gives from
 * evidence), a scoring rule and the article it serves. Shared by the server, the OpenAPI document and the web.
 */

/** Art. 12(一) lists five things an assessment weighs; the indicator system is grouped by them. */
export const INDICATOR_GROUPS = ['services', 'feedback', 'newly_trading', 'trade', 'activities'] as const;
export const ZIndicatorGroup = z.enum(INDICATOR_GROUPS);
export type TIndicatorGroup = z.infer<typeof ZIndicatorGroup>;

export const INDICATOR_GROUP_NAMES: Record<TIndicatorGroup, { 'zh-CN': string; en: string }> = {
  services: { 'zh-CN': '咨询与服务记录', en: 'Consultations and service records' },
  feedback: { 'zh-CN': '企业反馈（好差评）', en: 'Enterprise feedback' },
  newly_trading: { 'zh-CN': '帮扶新开口企业', en: 'Newly-trading enterprises helped' },
  trade: { 'zh-CN': '带动进出口规模和增速', en: 'Trade scale and growth driven' },
  activities: { 'zh-CN': '培训交流与开拓市场活动', en: 'Trainings and market-expansion activities' },
};

/**
 * The figures the platform computes per centre and year from its own records (Art. 8: the platform's data are the
 * basis of the assessment). Computed by modules/assessment/metrics from the figures layer; a value is null when it
 * cannot be computed (a rate with nothing to divide by), and a null scores 0 points.
 */
export const METRIC_KEYS = [
  'services.records', // service records submitted in the year, cancelled ones excluded (件)
  'services.consultations', // of which category 咨询服务 (件)
  'services.categories', // service categories of Art. 5 with at least one record (类)
  'services.enterprises', // distinct enterprises served (家)
  'services.responseHours', // mean hours from an enterprise's request to the centre's acceptance (小时)
  'services.completionDays', // mean days from request to completion (天)
  'feedback.ratingRate', // rated ÷ completed records (%)
  'feedback.goodRate', // 好评率: 好评 (GOOD_LEVELS: 非常满意, 满意, 基本满意 — decision 0019) ÷ rated (%)
  'feedback.rectificationOnTimeRate', // 差评整改 closed within the deadline ÷ due in the year (%)
  'trade.newlyTrading', // 新开口企业 credited to the centre in the year (家)
  'trade.servedCny', // import + export of the enterprises the centre served, in the year (万元)
  'trade.servedGrowthPct', // growth of that trade against the year before (%)
  'activities.events', // trainings, promotion, market-expansion and exhibition activities held (场)
  'activities.participants', // their participants (人次)
  'activities.fairEnterprises', // enterprises taken to fairs and exhibitions (家)
] as const;
export const ZMetricKey = z.enum(METRIC_KEYS);
export type TMetricKey = z.infer<typeof ZMetricKey>;

export const METRIC_UNITS: Record<TMetricKey, { 'zh-CN': string; en: string }> = {
  'services.records': { 'zh-CN': '件', en: 'records' },
  'services.consultations': { 'zh-CN': '件', en: 'records' },
  'services.categories': { 'zh-CN': '类', en: 'categories' },
  'services.enterprises': { 'zh-CN': '家', en: 'enterprises' },
  'services.responseHours': { 'zh-CN': '小时', en: 'hours' },
  'services.completionDays': { 'zh-CN': '天', en: 'days' },
  'feedback.ratingRate': { 'zh-CN': '%', en: '%' },
  'feedback.goodRate': { 'zh-CN': '%', en: '%' },
  'feedback.rectificationOnTimeRate': { 'zh-CN': '%', en: '%' },
  'trade.newlyTrading': { 'zh-CN': '家', en: 'enterprises' },
  'trade.servedCny': { 'zh-CN': '万元', en: '10k CNY' },
  'trade.servedGrowthPct': { 'zh-CN': '%', en: '%' },
  'activities.events': { 'zh-CN': '场', en: 'events' },
  'activities.participants': { 'zh-CN': '人次', en: 'participants' },
  'activities.fairEnterprises': { 'zh-CN': '家', en: 'enterprises' },
};

/** What each metric is, in words: the indicator editor offers them by name, never by key. */
export const METRIC_NAMES: Record<TMetricKey, { 'zh-CN': string; en: string }> = {
  'services.records': { 'zh-CN': '服务记录数', en: 'Service records' },
  'services.consultations': { 'zh-CN': '咨询服务记录数', en: 'Consultation records' },
  'services.categories': { 'zh-CN': '有服务记录的服务类别数', en: 'Service categories with records' },
  'services.enterprises': { 'zh-CN': '服务企业数', en: 'Enterprises served' },
  'services.responseHours': { 'zh-CN': '平均响应时长', en: 'Mean response time' },
  'services.completionDays': { 'zh-CN': '平均办结时长', en: 'Mean completion time' },
  'feedback.ratingRate': { 'zh-CN': '服务评价率', en: 'Rating rate' },
  'feedback.goodRate': { 'zh-CN': '好评率', en: 'Good-rating rate' },
  'feedback.rectificationOnTimeRate': { 'zh-CN': '差评按期整改率', en: 'Bad ratings rectified on time' },
  'trade.newlyTrading': { 'zh-CN': '帮扶新开口企业数', en: 'Newly-trading enterprises' },
  'trade.servedCny': { 'zh-CN': '服务企业进出口额', en: 'Trade of the enterprises served' },
  'trade.servedGrowthPct': { 'zh-CN': '服务企业进出口增速', en: 'Growth of that trade' },
  'activities.events': { 'zh-CN': '培训交流与开拓市场活动场次', en: 'Trainings and market-expansion events' },
  'activities.participants': { 'zh-CN': '活动参与人次', en: 'Participants' },
  'activities.fairEnterprises': { 'zh-CN': '组织参展企业数', en: 'Enterprises taken to fairs' },
};

/** Values of the metrics for one centre and year; null = cannot be computed (scores 0). */
export const ZMetricValues = z.record(ZMetricKey, z.number().nullable());
export type TMetricValues = Record<TMetricKey, number | null>;

/**
 * How an indicator turns its value into points (share of its weight, 0–1, times the weight):
 * - linear: 0 at `zeroAt`, full at `fullAt`, straight line between, clamped (fullAt < zeroAt means lower is better);
 * - thresholds: the share of the highest step whose `atLeast` the value reaches (0 below every step);
 * - rank: by the value's place among the cycle's centres (best = full, worst = 0, ties share the better place);
 * - growth: `pointsPerPercent` points per percentage point of growth, up to the weight (as provincial trade
 *   evaluations score growth), none for a fall;
 * - evaluator: the evaluator scores 0–weight from the evidence and the on-site inspection (Art. 12(二)(3)).
 */
export const ZScoringRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), zeroAt: z.number().finite(), fullAt: z.number().finite() }),
  z.object({
    kind: z.literal('thresholds'),
    steps: z
      .array(z.object({ atLeast: z.number().finite(), share: z.number().min(0).max(1) }))
      .min(1)
      .max(10),
  }),
  z.object({ kind: z.literal('rank'), better: z.enum(['higher', 'lower']) }),
  z.object({ kind: z.literal('growth'), pointsPerPercent: z.number().positive().max(100) }),
  z.object({ kind: z.literal('evaluator') }),
]);
export type TScoringRule = z.infer<typeof ZScoringRule>;

const ZName = z.object({ 'zh-CN': z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(120) });

export const ZIndicator = z
  .object({
    /** Stable within a system; scores refer to it. */
    key: z
      .string()
      .regex(/^[a-z][A-Za-z0-9_.]{1,47}$/)
      .max(48),
    group: ZIndicatorGroup,
    name: ZName,
    /** Points this indicator contributes at most; the system's weights add up to 100. */
    weight: z.number().positive().max(100),
    /** The computed figure it scores; null for an indicator the evaluator scores. */
    metric: ZMetricKey.nullable(),
    scoring: ZScoringRule,
    /** What the evaluator looks at (scored indicators), or how the figure is read. */
    guidance: z.string().trim().max(500).default(''),
    /** The article the indicator serves, e.g. '第十二条（一）'. */
    article: z.string().trim().min(1).max(40),
  })
  .refine((i) => (i.scoring.kind === 'evaluator') === (i.metric === null), {
    message: 'INDICATOR_METRIC_MISMATCH',
    path: ['metric'],
  })
  .refine((i) => i.scoring.kind !== 'linear' || i.scoring.zeroAt !== i.scoring.fullAt, {
    message: 'LINEAR_SAME_VALUES',
    path: ['scoring'],
  });
export type TIndicator = z.infer<typeof ZIndicator>;

/** Grade thresholds (Art. 12(三) names the four grades; SPEC §4 ships 90 / 80 / 60). */
export const ZGradeThresholds = z
  .object({ excellent: z.number().min(0).max(100), good: z.number().min(0).max(100), fair: z.number().min(0).max(100) })
  .refine((t) => t.excellent > t.good && t.good > t.fair, {
    message: 'GRADE_THRESHOLDS_ORDER',
    path: ['excellent'],
  });
export type TGradeThresholds = z.infer<typeof ZGradeThresholds>;

export const ZIndicatorSystemBody = z
  .object({
    indicators: z.array(ZIndicator).min(1).max(60),
    gradeThresholds: ZGradeThresholds,
  })
  .refine((s) => new Set(s.indicators.map((i) => i.key)).size === s.indicators.length, {
    message: 'INDICATOR_KEYS_DUPLICATE',
    path: ['indicators'],
  })
  .refine((s) => Math.abs(s.indicators.reduce((a, i) => a + i.weight, 0) - 100) < 1e-9, {
    message: 'WEIGHTS_NOT_100',
    path: ['indicators'],
  });
export type TIndicatorSystemBody = z.infer<typeof ZIndicatorSystemBody>;

export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export const ZGrade = z.enum(GRADES);
export type TGrade = z.infer<typeof ZGrade>;
export const GRADE_NAMES: Record<TGrade, { 'zh-CN': string; en: string }> = {
  excellent: { 'zh-CN': '优秀', en: 'Excellent' },
  good: { 'zh-CN': '良好', en: 'Good' },
  fair: { 'zh-CN': '一般', en: 'Fair' },
  poor: { 'zh-CN': '较差', en: 'Poor' },
};

/** An indicator system is a draft the province edits until a cycle opens with it; from then on it is frozen. */
export const SYSTEM_STATUSES = ['draft', 'frozen'] as const;
export const ZSystemStatus = z.enum(SYSTEM_STATUSES);

export const CYCLE_STATUSES = ['open', 'published'] as const;
export const ZCycleStatus = z.enum(CYCLE_STATUSES);
export type TCycleStatus = z.infer<typeof ZCycleStatus>;

/**
 * A centre's submission through Art. 12(二): draft (computed figures, the operator writes its statement) → submitted →
 * passed or returned by the city (初审) → assigned to an agency by the province → scored by the evaluator → sent back
 * to the evaluator with a reason, or confirmed by the province → published with the cycle.
 */
export const SUBMISSION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'passed',
  'assigned',
  'scored',
  'sent_back',
  'confirmed',
  'published',
] as const;
export const ZSubmissionStatus = z.enum(SUBMISSION_STATUSES);
export type TSubmissionStatus = z.infer<typeof ZSubmissionStatus>;

export const SUBMISSION_STATUS_NAMES: Record<TSubmissionStatus, { 'zh-CN': string; en: string }> = {
  draft: { 'zh-CN': '待提交', en: 'To submit' },
  submitted: { 'zh-CN': '待初审', en: 'Awaiting pre-review' },
  returned: { 'zh-CN': '退回修改', en: 'Returned for correction' },
  passed: { 'zh-CN': '初审通过', en: 'Passed pre-review' },
  assigned: { 'zh-CN': '评估中', en: 'Being evaluated' },
  scored: { 'zh-CN': '待省厅审核', en: 'Awaiting provincial review' },
  sent_back: { 'zh-CN': '退回重评', en: 'Sent back for rescoring' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
  published: { 'zh-CN': '已公布', en: 'Published' },
};

/** The steps of a submission, as the machine (modules/assessment/submission.machine.ts) names them. */
export const SUBMISSION_ACTIONS = [
  'submit',
  'pass',
  'return',
  'assign',
  'score',
  'sendBack',
  'confirm',
  'publish',
] as const;
export const ZSubmissionAction = z.enum(SUBMISSION_ACTIONS);
export type TSubmissionAction = z.infer<typeof ZSubmissionAction>;

/**
 * How one computed figure came about, so that every indicator can be traced to the records behind it: the numerator
 * and denominator of a rate, and the list on the platform that shows those records (a web path with its filters).
 */
export const ZMetricEvidence = z.object({
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  /** e.g. '/services?centreId=3&from=2026-01-01&to=2026-12-31' — opens the records the figure counts. */
  link: z.string().max(500).nullable().optional(),
  /** A sentence on how it is computed, in Chinese. */
  basis: z.string().max(300).optional(),
});
export type TMetricEvidence = z.infer<typeof ZMetricEvidence>;

/** The snapshot kept on a submission: the values, how each came about, and when it was computed. */
export const ZMetricSnapshot = z.object({
  year: z.number().int(),
  values: ZMetricValues,
  evidence: z.record(ZMetricKey, ZMetricEvidence),
  computedAt: z.string(),
});
export type TMetricSnapshot = z.infer<typeof ZMetricSnapshot>;
