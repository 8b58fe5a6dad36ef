import { z } from 'zod';

/**
 * The 22 service categories of Art. 5, in the policy's order. The sub-items come with the service catalogue
 * (issue 6); centres already declare which categories they offer.
 */
export const SERVICE_CATEGORIES = [
  'filing_agency', // （一）备案代办
  'customs_declaration', // （二）报关服务
  'inspection_declaration', // （三）报检服务
  'logistics', // （四）物流服务
  'warehousing', // （五）仓储服务
  'tax_refund', // （六）退税服务
  'fx_settlement', // （七）结汇服务
  'insurance', // （八）保险服务
  'financing', // （九）融资服务
  'training', // （十）培训服务
  'consultation', // （十一）咨询服务
  'policy_promotion', // （十二）政策宣贯
  'data_monitoring', // （十三）数据运行监测
  'overseas_market', // （十四）海外市场拓展
  'exhibition', // （十五）展会推介
  'translation', // （十六）翻译服务
  'legal', // （十七）法律服务
  'lc_review', // （十八）审证服务
  'documentation', // （十九）制单服务
  'certification', // （二十）认证服务
  'trade_agency', // （二十一）外贸代理
  'other_enablement', // （二十二）其他赋能服务
] as const;
export const ZServiceCategory = z.enum(SERVICE_CATEGORIES);
export type TServiceCategory = z.infer<typeof ZServiceCategory>;

export const SERVICE_CATEGORY_NAMES: Record<TServiceCategory, { 'zh-CN': string; en: string }> = {
  filing_agency: { 'zh-CN': '备案代办', en: 'Filing agency' },
  customs_declaration: { 'zh-CN': '报关服务', en: 'Customs declaration' },
  inspection_declaration: { 'zh-CN': '报检服务', en: 'Inspection declaration' },
  logistics: { 'zh-CN': '物流服务', en: 'Logistics' },
  warehousing: { 'zh-CN': '仓储服务', en: 'Warehousing' },
  tax_refund: { 'zh-CN': '退税服务', en: 'Export tax refund' },
  fx_settlement: { 'zh-CN': '结汇服务', en: 'FX settlement' },
  insurance: { 'zh-CN': '保险服务', en: 'Insurance' },
  financing: { 'zh-CN': '融资服务', en: 'Financing' },
  training: { 'zh-CN': '培训服务', en: 'Training' },
  consultation: { 'zh-CN': '咨询服务', en: 'Consultation' },
  policy_promotion: { 'zh-CN': '政策宣贯', en: 'Policy promotion' },
  data_monitoring: { 'zh-CN': '数据运行监测', en: 'Trade data monitoring' },
  overseas_market: { 'zh-CN': '海外市场拓展', en: 'Overseas market expansion' },
  exhibition: { 'zh-CN': '展会推介', en: 'Exhibitions' },
  translation: { 'zh-CN': '翻译服务', en: 'Translation' },
  legal: { 'zh-CN': '法律服务', en: 'Legal services' },
  lc_review: { 'zh-CN': '审证服务', en: 'L/C review' },
  documentation: { 'zh-CN': '制单服务', en: 'Trade documents' },
  certification: { 'zh-CN': '认证服务', en: 'Certification' },
  trade_agency: { 'zh-CN': '外贸代理', en: 'Foreign-trade agency' },
  other_enablement: { 'zh-CN': '其他赋能服务', en: 'Other enablement services' },
};
