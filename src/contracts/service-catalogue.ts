import { z } from 'zod';
import {
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_NAMES,
  type TServiceCategory,
  ZServiceCategory,
} from './service-category';

/**
 * The service catalogue of Art. 5 (第五条) of the 《湖北省对外贸易综合服务中心认定管理办法（征求意见稿）》:
 * "外综服中心应当结合实际为企业提供如下服务" followed by 22 paragraphs （一）…（二十二）, one per service category.
 * Each category's sub-items are the concrete services its paragraph lists, in the policy's order and wording,
 * plus a final `other` (其他) for what the policy does not list.
 *
 * The sub-item keys are stored in the database: never rename or reuse one; only append new ones.
 */
export const SERVICE_CATALOGUE_ARTICLE = '第五条';

export type TServiceSubItem = { key: string; 'zh-CN': string; en: string };

/** The sub-item every category ends with, for services the policy does not list. */
export const OTHER_SUB_ITEM_KEY = 'other';
const OTHER_SUB_ITEM: TServiceSubItem = { key: OTHER_SUB_ITEM_KEY, 'zh-CN': '其他', en: 'Other' };

const item = (key: string, zh: string, en: string): TServiceSubItem => ({ key, 'zh-CN': zh, en });

/** The sub-items listed by each paragraph of Art. 5, without the trailing `other`. */
const LISTED_SUB_ITEMS: Record<TServiceCategory, readonly TServiceSubItem[]> = {
  // （一）备案代办
  filing_agency: [
    item(
      'customs_consignee_registration',
      '海关进出口收发货人备案',
      'Customs registration as an import/export consignee or consignor',
    ),
    item('eport_ic_card', '电子口岸IC卡申领与激活', 'China E-Port IC card application and activation'),
    item('inspection_origin_registration', '报检及原产地证备案', 'Inspection and certificate-of-origin registration'),
    item('special_qualification_filing', '行业特殊资质备案', 'Filing of industry-specific qualifications'),
    item('safe_list_registration', '外汇管理局名录登记', 'Registration on the SAFE (foreign exchange) list'),
    item('single_window_declaration', '单一窗口线上申报', 'Online declaration via the Hubei Single Window'),
  ],
  // （二）报关服务
  customs_declaration: [
    item('declaration_form_preparation', '报关单规范填制', 'Preparing customs declaration forms'),
    item('commodity_pre_classification', '商品预归类', 'Advance commodity (HS) classification'),
    item('electronic_declaration', '电子数据申报与交单', 'Electronic data declaration and document submission'),
    item('processing_trade_manual', '加工贸易手册管理', 'Processing-trade manual management'),
    item('electronic_ledger', '电子台账建立与维护', 'Setting up and maintaining electronic ledgers'),
    item('scrap_surplus_writeoff', '边角料及余料核销', 'Write-off of scrap and surplus materials'),
    item('inspection_assistance', '查验现场配合', 'On-site assistance with customs inspections'),
    item('release_coordination', '放行协调', 'Customs release coordination'),
    item('tax_exemption_certificate', '减免税证明办理', 'Duty reduction and exemption certificates'),
  ],
  // （三）报检服务
  inspection_declaration: [
    item('clearance_form_issuance', '通关单出具', 'Issuing inspection clearance forms'),
    item('document_exchange', '单据换领', 'Exchanging inspection documents'),
    item('ccc_certification', '3C认证协助申请', 'Assistance with CCC certification applications'),
    item('fumigation', '货物熏蒸安排', 'Arranging cargo fumigation'),
    item('inspection_filing', '报检申报', 'Filing inspection declarations'),
    item('inspection_assistance', '现场查验配合', 'On-site assistance with inspections'),
    item('inspection_documents', '报检单证制作', 'Preparing inspection documents'),
  ],
  // （四）物流服务
  logistics: [
    item('distribution', '分拨', 'Cargo distribution'),
    item('standard_packaging', '标准化包装', 'Standardised packaging'),
    item('precision_delivery', '精准配送', 'Precision delivery'),
    item('cross_border_express', '跨境快递', 'Cross-border express delivery'),
    item(
      'multimodal_solutions',
      '多式联运智慧物流解决方案定制',
      'Tailored smart multimodal logistics solutions (port, air, rail, road)',
    ),
  ],
  // （五）仓储服务 — the listed resources; each covers matching, move-in coordination and day-to-day management.
  warehousing: [
    item('cold_storage', '冷库', 'Cold storage'),
    item('border_warehouse', '边境仓', 'Border warehouses'),
    item('public_overseas_warehouse', '公共海外仓', 'Public overseas warehouses'),
    item('bonded_warehouse', '保税仓', 'Bonded warehouses'),
  ],
  // （六）退税服务
  tax_refund: [
    item('refund_documents', '退税单证整理', 'Compiling tax refund documents'),
    item('refund_declaration', '退（免）税申报表填报', 'Filing export tax refund (exemption) declarations'),
    item('tax_inquiry_response', '税务函调配合', 'Responding to tax authority verification inquiries'),
    item('refund_progress_tracking', '退税进度跟进', 'Tracking refund progress'),
    item('refund_digital_filing', '退税数据数字化备案', 'Digital filing of refund data (Shuzhitong platform)'),
  ],
  // （七）结汇服务
  fx_settlement: [
    item('fx_account_opening', '外汇结算账户开立', 'Opening foreign exchange settlement accounts'),
    item('document_review', '进出口单据审核', 'Reviewing import/export documents'),
    item(
      'consistency_check',
      '单证与单货一致性核验',
      'Checking consistency between documents, and between documents and goods',
    ),
    item('bank_presentation_guidance', '银行交单指导', 'Guidance on presenting documents to banks'),
    item('fx_data_reporting', '外汇数据实时报送', 'Real-time data reporting to foreign exchange authorities'),
  ],
  // （八）保险服务
  insurance: [
    item('credit_insurance_filing', '出口信用保险备案', 'Export credit insurance filing'),
    item('credit_insurance_application', '出口信用保险投保', 'Taking out export credit insurance'),
    item('credit_limit_application', '信用保险额度申请', 'Credit limit applications'),
    item('premium_payment', '保费代缴', 'Paying premiums on the enterprise’s behalf'),
    item('risk_research', '风险调研', 'Risk research'),
    item('credit_insurance_claims', '理赔支持', 'Claims support'),
    item('cargo_insurance_recommendation', '货运保险推荐', 'Recommending cargo insurance'),
    item('cargo_insurance_application', '货运保险代办投保', 'Taking out cargo insurance on the enterprise’s behalf'),
    item('policy_drafting', '保单缮制', 'Drafting insurance policies'),
    item('loss_report_claim', '出险报案与索赔协助', 'Assistance with loss reporting and claims'),
  ],
  // （九）融资服务
  financing: [
    item('application_materials', '融资申请材料梳理', 'Preparing financing application materials'),
    item('trade_finance_referral', '外贸融资推荐', 'Referral to trade finance products'),
    item('lc_bill_financing_referral', '信用证押汇推荐', 'Referral to letter-of-credit bill financing'),
    item('tax_refund_loan_referral', '退税贷推荐', 'Referral to tax-refund-backed loans'),
    item('credit_enhancement', '小微外贸企业融资增信', 'Credit enhancement for small and micro trading firms'),
  ],
  // （十）培训服务 — the formats; 报关报检、退税结汇、合规风控 are the topics they cover.
  training: [
    item('policy_practice_training', '大型外贸政策与实操培训', 'Large-scale trade policy and practical training'),
    item('business_salon', '小范围业务沙龙', 'Small-group business salons'),
    item('thematic_lecture', '专题讲座', 'Thematic lectures'),
  ],
  // （十一）咨询服务
  consultation: [
    item('trade_process_consulting', '外贸全流程业务咨询', 'End-to-end foreign-trade business consulting'),
    item('policy_interpretation', '湖北外贸惠企政策解读', 'Interpreting Hubei’s foreign-trade support policies'),
    item('market_development_advice', '市场开拓技巧答疑', 'Advice on market development'),
    item('local_platform_referral', '“楚贸通”等本地平台资源对接', 'Connecting with local platforms such as Chumaotong'),
    item('onsite_consultation', '上门答疑', 'On-site consultation on request'),
  ],
  // （十二）政策宣贯
  policy_promotion: [
    item('online_push', '线上平台推送', 'Online platform notices'),
    item('enterprise_visits', '企业走访', 'Enterprise visits'),
    item('thematic_briefings', '专题宣讲', 'Thematic policy briefings'),
    item('policy_application_guidance', '政策红利运用指导', 'Guidance on making use of policy benefits'),
  ],
  // （十三）数据运行监测
  data_monitoring: [
    item('supply_chain_monitoring', '跨境供应链数字化监测', 'Digital monitoring of cross-border supply chains'),
    item(
      'trade_data_integration',
      '订单、客户、商品、国别及贸易方式数据整合',
      'Integrating order, customer, product, country and trade-mode data',
    ),
    item('chumaotong_data_exchange', '“楚贸通”平台数据互通', 'Data exchange with the Chumaotong platform'),
    item(
      'decision_monitoring_support',
      '企业决策与监管监测支撑',
      'Data support for business decisions and regulatory monitoring',
    ),
  ],
  // （十四）海外市场拓展
  overseas_market: [
    item('overseas_brand_promotion', '海外品牌推广', 'Overseas brand promotion'),
    item('international_marketing', '国际营销策划', 'International marketing planning'),
    item('market_study_tours', '“一带一路”沿线及新兴市场考察', 'Study tours to Belt and Road and emerging markets'),
    item(
      'overseas_association_matching',
      '海外商协会与采购资源对接',
      'Connecting with overseas business associations and buyers',
    ),
  ],
  // （十五）展会推介
  exhibition: [
    item('product_livestream', '产品直播展示', 'Product livestream showcases'),
    item('online_exhibition', '线上办展', 'Online exhibitions'),
    item('supply_demand_matchmaking', '供需精准洽谈', 'Targeted supply–demand matchmaking'),
    item('product_launch', '新品发布', 'New product launches'),
    item('domestic_fairs', '广交会、华交会参展组织', 'Organising participation in the Canton Fair and East China Fair'),
    item('overseas_fairs', '境外重点展会参展组织', 'Organising participation in key overseas trade fairs'),
    item('industry_promotion', '产业推介会', 'Industry promotion events'),
  ],
  // （十六）翻译服务
  translation: [
    item('onsite_interpreting', '外贸业务现场翻译', 'On-site interpreting for trade business'),
    item(
      'document_translation',
      '合同/单证/技术资料翻译',
      'Translating contracts, trade documents and technical materials',
    ),
    item('factory_audit_interpreting', '外贸验厂陪同翻译', 'Accompanying interpreting for factory audits'),
    item('negotiation_interpreting', '跨境洽谈翻译', 'Interpreting for cross-border negotiations'),
  ],
  // （十七）法律服务
  legal: [
    item('dispute_consultation', '国际商事纠纷咨询', 'Consultation on international commercial disputes'),
    item('mediation_arbitration', '调解与仲裁协助', 'Assistance with mediation and arbitration'),
    item('trade_barrier_response', '贸易壁垒应对指导', 'Guidance on responding to trade barriers'),
    item('ip_infringement_response', '知识产权侵权应对指导', 'Guidance on intellectual property infringement'),
  ],
  // （十八）审证服务
  lc_review: [
    item('compliance_review', '信用证条款合规性审核', 'Reviewing L/C terms for compliance'),
    item('workability_review', '信用证条款可执行性审核', 'Reviewing L/C terms for workability'),
    item('risk_alert', '潜在风险提示', 'Alerts on potential risks'),
    item('amendment_advice', '信用证修改建议', 'L/C amendment recommendations'),
  ],
  // （十九）制单服务
  documentation: [
    item('invoice', '发票缮制', 'Invoices'),
    item('packing_list', '装箱单缮制', 'Packing lists'),
    item('bill_of_lading', '提单缮制', 'Bills of lading'),
    item('stock_list', '备货单缮制', 'Stock preparation lists'),
    item('customs_declaration_form', '报关单缮制', 'Customs declaration forms'),
  ],
  // （二十）认证服务
  certification: [
    item('factory_audit_certification', '行业专项验厂认证', 'Industry-specific factory audit certification'),
    item('international_certification', '其他国际认证', 'Other international certifications'),
  ],
  // （二十一）外贸代理 — the stages of the agency's end-to-end service.
  trade_agency: [
    item('contract_signing', '合同签订', 'Contract signing'),
    item('customs_inspection', '报关报检', 'Customs and inspection declaration'),
    item('fx_collection_tax_refund', '收汇退税', 'Foreign exchange collection and export tax refund'),
  ],
  // （二十二）其他赋能服务
  other_enablement: [
    item('cross_border_ecommerce', '跨境电商业务对接', 'Cross-border e-commerce matchmaking'),
    item('new_business_models', '外贸新业态培育', 'Fostering new foreign-trade business models'),
    item('green_trade_transition', '绿色贸易转型支持', 'Support for green trade transition'),
    item(
      'enterprise_feedback',
      '企业诉求收集与反馈',
      'Collecting enterprise concerns and relaying them to the authorities',
    ),
  ],
};

/** Every category's sub-items of Art. 5, in the policy's order, each list ending with `other` (其他). */
export const SERVICE_SUB_ITEMS: Record<TServiceCategory, readonly TServiceSubItem[]> = (() => {
  const subItems = {} as Record<TServiceCategory, readonly TServiceSubItem[]>;
  for (const category of SERVICE_CATEGORIES) subItems[category] = [...LISTED_SUB_ITEMS[category], OTHER_SUB_ITEM];
  return subItems;
})();

/** Whether `key` is one of `category`'s sub-items (including `other`). */
export const isSubItemOf = (category: TServiceCategory, key: string): boolean =>
  SERVICE_SUB_ITEMS[category].some((subItem) => subItem.key === key);

export const ZServiceSubItemKey = z.string().regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);

/** A category with one of its sub-items, e.g. `{ category: 'tax_refund', subItem: 'refund_declaration' }`. */
export const ZServiceSubItem = z
  .object({ category: ZServiceCategory, subItem: ZServiceSubItemKey })
  .refine(({ category, subItem }) => isSubItemOf(category, subItem), {
    message: 'not a sub-item of this service category',
    path: ['subItem'],
  });
export type TServiceSubItemRef = z.infer<typeof ZServiceSubItem>;

/** 一…二十二, as the policy numbers Art. 5's paragraphs. */
const PARAGRAPH_NUMERALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
  '二十一',
  '二十二',
] as const;
export type TServiceCatalogueArticle = `第五条（${(typeof PARAGRAPH_NUMERALS)[number]}）`;

export type TServiceCatalogueEntry = {
  category: TServiceCategory;
  /** The paragraph of Art. 5, e.g. `第五条（六）`. */
  article: TServiceCatalogueArticle;
  names: { 'zh-CN': string; en: string };
  subItems: readonly TServiceSubItem[];
};

/** The whole of Art. 5, one entry per category in the policy's order. */
export const SERVICE_CATALOGUE: TServiceCatalogueEntry[] = SERVICE_CATEGORIES.map((category, i) => ({
  category,
  article: `${SERVICE_CATALOGUE_ARTICLE}（${PARAGRAPH_NUMERALS[i]}）` as TServiceCatalogueArticle,
  names: SERVICE_CATEGORY_NAMES[category],
  subItems: SERVICE_SUB_ITEMS[category],
}));

const ZNames = z.object({ 'zh-CN': z.string(), en: z.string() });

/** The catalogue as the API publishes it (GET /api/public/service-catalogue). */
export const ZServiceCatalogueEntry = z.object({
  category: ZServiceCategory,
  article: z.string(),
  names: ZNames,
  subItems: z.array(ZNames.extend({ key: z.string() })),
});
