import type { TIndicator, TIndicatorSystemBody } from '../../../contracts/assessment';
import { POLICY_V1 } from '../../policy/parameters-v1';

const A = '第十二条（一）';

/**
 * The indicator system the platform ships (issue 14): Art. 12(一)'s five groups with the starting weights the issue
 * proposes — services and consultations 25, enterprise feedback 20, newly-trading enterprises 20, trade scale and
 * growth 20, trainings and market expansion 15. The values at which an indicator reaches full marks are a starting
 * point to be refined with the province; the province copies this system for a year and edits the copy before the
 * cycle opens (an open cycle's system is frozen). Grade thresholds come from policy version 1 (SPEC §4 defaults).
 */
const INDICATORS: TIndicator[] = [
  // 咨询与服务记录 25
  {
    key: 'services.records',
    group: 'services',
    name: { 'zh-CN': '服务记录数量', en: 'Service records' },
    weight: 7,
    metric: 'services.records',
    scoring: { kind: 'linear', zeroAt: 0, fullAt: 500 },
    guidance: '全年在平台登记的服务记录（不含已撤销），500件及以上得满分',
    article: '第八条、第十二条（一）',
  },
  {
    key: 'services.categories',
    group: 'services',
    name: { 'zh-CN': '服务类别覆盖', en: 'Service categories covered' },
    weight: 4,
    metric: 'services.categories',
    scoring: { kind: 'linear', zeroAt: 0, fullAt: 12 },
    guidance: '第五条所列服务类别中全年有服务记录的类别数，12类及以上得满分',
    article: '第五条、第十二条（一）',
  },
  {
    key: 'services.consultations',
    group: 'services',
    name: { 'zh-CN': '咨询服务记录', en: 'Consultations' },
    weight: 4,
    metric: 'services.consultations',
    scoring: { kind: 'linear', zeroAt: 0, fullAt: 150 },
    guidance: '咨询服务类记录数，150件及以上得满分',
    article: A,
  },
  {
    key: 'services.responseHours',
    group: 'services',
    name: { 'zh-CN': '平均响应时长', en: 'Mean response time' },
    weight: 3,
    metric: 'services.responseHours',
    scoring: { kind: 'linear', zeroAt: 72, fullAt: 8 },
    guidance: '企业提交申请至中心受理的平均小时数，8小时以内满分，72小时及以上不得分',
    article: A,
  },
  {
    key: 'services.completionDays',
    group: 'services',
    name: { 'zh-CN': '平均办结时长', en: 'Mean completion time' },
    weight: 3,
    metric: 'services.completionDays',
    scoring: { kind: 'linear', zeroAt: 30, fullAt: 5 },
    guidance: '申请至办结的平均天数，5天以内满分，30天及以上不得分',
    article: A,
  },
  {
    key: 'services.onsite',
    group: 'services',
    name: { 'zh-CN': '服务场所与服务规范（实地考察）', en: 'Venue and service practice (on-site)' },
    weight: 4,
    metric: null,
    scoring: { kind: 'evaluator' },
    guidance: '评估机构结合实地考察，评价服务场所、人员在岗、服务流程与台账的规范性',
    article: '第六条、第七条、第十二条（二）',
  },
  // 企业反馈（好差评）20
  {
    key: 'feedback.ratingRate',
    group: 'feedback',
    name: { 'zh-CN': '服务评价率', en: 'Rating rate' },
    weight: 6,
    metric: 'feedback.ratingRate',
    scoring: { kind: 'linear', zeroAt: 50, fullAt: 95 },
    guidance: '已评价记录占已办结记录的比例，95%及以上满分，50%及以下不得分',
    article: '第八条',
  },
  {
    key: 'feedback.goodRate',
    group: 'feedback',
    name: { 'zh-CN': '好评率', en: 'Share of good ratings' },
    weight: 10,
    metric: 'feedback.goodRate',
    scoring: { kind: 'linear', zeroAt: 60, fullAt: 98 },
    guidance: '“非常满意”“满意”占评价数的比例，98%及以上满分，60%及以下不得分',
    article: '第八条、第十二条（一）',
  },
  {
    key: 'feedback.rectificationOnTime',
    group: 'feedback',
    name: { 'zh-CN': '差评按期整改率', en: 'Rectifications closed on time' },
    weight: 4,
    metric: 'feedback.rectificationOnTimeRate',
    scoring: { kind: 'linear', zeroAt: 50, fullAt: 100 },
    guidance: '年内到期的差评整改中按期办结的比例；无差评整改的不扣分由评估机构复核',
    article: '第八条',
  },
  // 帮扶新开口企业 20
  {
    key: 'trade.newlyTrading',
    group: 'newly_trading',
    name: { 'zh-CN': '帮扶新开口企业数', en: 'Newly-trading enterprises helped' },
    weight: 20,
    metric: 'trade.newlyTrading',
    scoring: { kind: 'linear', zeroAt: 0, fullAt: 10 },
    guidance: '本年首次有进出口实绩（前三年无实绩）且首票申报前接受过本中心服务的企业数，10家及以上满分',
    article: A,
  },
  // 带动进出口规模和增速 20
  {
    key: 'trade.servedScale',
    group: 'trade',
    name: { 'zh-CN': '服务企业进出口规模', en: 'Trade of the enterprises served' },
    weight: 8,
    metric: 'trade.servedCny',
    scoring: { kind: 'rank', better: 'higher' },
    guidance: '本年接受服务企业的进出口总额（万元），在全省参评中心中排名计分',
    article: A,
  },
  {
    key: 'trade.servedGrowth',
    group: 'trade',
    name: { 'zh-CN': '服务企业进出口增速', en: 'Growth of that trade' },
    weight: 12,
    metric: 'trade.servedGrowthPct',
    scoring: { kind: 'growth', pointsPerPercent: 1 },
    guidance: '与上年相比的增长率，每增长1个百分点得1分，最高12分，负增长不得分',
    article: A,
  },
  // 培训交流与开拓市场活动 15
  {
    key: 'activities.events',
    group: 'activities',
    name: { 'zh-CN': '培训宣贯与市场开拓活动场次', en: 'Activities held' },
    weight: 5,
    metric: 'activities.events',
    scoring: { kind: 'linear', zeroAt: 0, fullAt: 12 },
    guidance: '全年组织的培训、政策宣贯、市场开拓和展会活动场次，12场及以上满分',
    article: '第五条（十）（十二）（十四）（十五）、第十二条（一）',
  },
  {
    key: 'activities.participants',
    group: 'activities',
    name: { 'zh-CN': '活动参与人次', en: 'Participants' },
    weight: 4,
    metric: 'activities.participants',
    scoring: { kind: 'linear', zeroAt: 0, fullAt: 600 },
    guidance: '上述活动的参与人次，600人次及以上满分',
    article: A,
  },
  {
    key: 'activities.fairEnterprises',
    group: 'activities',
    name: { 'zh-CN': '组织企业参展数', en: 'Enterprises taken to fairs' },
    weight: 3,
    metric: 'activities.fairEnterprises',
    scoring: { kind: 'linear', zeroAt: 0, fullAt: 20 },
    guidance: '组织参加广交会、华交会、境外展等展会的企业数，20家及以上满分',
    article: '第五条（十五）',
  },
  {
    key: 'activities.quality',
    group: 'activities',
    name: { 'zh-CN': '活动成效（材料复核）', en: 'Effect of the activities (evidence review)' },
    weight: 3,
    metric: null,
    scoring: { kind: 'evaluator' },
    guidance: '评估机构复核活动通知、签到、照片等佐证材料，评价活动的真实性与成效',
    article: '第十二条（二）',
  },
];

export const DEFAULT_INDICATOR_SYSTEM: TIndicatorSystemBody = {
  indicators: INDICATORS,
  gradeThresholds: { ...POLICY_V1.gradeThresholds },
};

export const DEFAULT_INDICATOR_SYSTEM_TITLE = '外综服中心考核评价指标体系（平台缺省）';
