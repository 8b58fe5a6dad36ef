import type { TActivityKind } from '../../../contracts/activity';

type Label = { 'zh-CN': string; en: string };

/** Art. 5(十)(十二)(十四)(十五): the four kinds of centre activity, as the policy names them. */
export const ACTIVITY_KIND_LABELS = {
  training: { 'zh-CN': '培训', en: 'Training' },
  policy_promotion: { 'zh-CN': '政策宣贯', en: 'Policy promotion' },
  market_expansion: { 'zh-CN': '市场拓展', en: 'Market expansion' },
  exhibition: { 'zh-CN': '展会推介', en: 'Exhibition' },
} satisfies Record<TActivityKind, Label>;

/** The sub-kinds of ACTIVITY_SUB_KINDS (contracts/activity.ts), named as in Art. 5 and SPEC §2. */
export const ACTIVITY_SUB_KIND_LABELS: Record<string, Label> = {
  large_training: { 'zh-CN': '大型培训', en: 'Large-scale training' },
  salon: { 'zh-CN': '业务沙龙', en: 'Business salon' },
  lecture: { 'zh-CN': '专题讲座', en: 'Thematic lecture' },
  overseas_market: { 'zh-CN': '海外市场拓展', en: 'Overseas market expansion' },
  inspection: { 'zh-CN': '考察', en: 'Inspection trip' },
  canton_fair: { 'zh-CN': '广交会', en: 'Canton Fair' },
  ecsf: { 'zh-CN': '华交会', en: 'East China Fair' },
  overseas: { 'zh-CN': '境外展会', en: 'Overseas exhibition' },
  online: { 'zh-CN': '线上展会', en: 'Online exhibition' },
};
