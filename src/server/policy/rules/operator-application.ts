import type { TVerdict } from '../../../contracts/centre';
import {
  ELIGIBILITY_ITEMS,
  REQUIRED_MATERIALS,
  type TChecklistEntry,
  type TEligibilityItem,
  type TMaterialKind,
} from '../../../contracts/engagement';
import type { PolicyInForce } from '../policy';

export const MATERIAL_LABELS: Record<TMaterialKind, { 'zh-CN': string; en: string }> = {
  application_form: { 'zh-CN': '申报书', en: 'application form' },
  work_plan: { 'zh-CN': '外贸综合服务中心工作方案', en: 'work plan' },
  service_proof: {
    'zh-CN': '通关、退税、收汇、信保等服务证明材料',
    en: 'proof of customs, tax-refund, FX and credit-insurance services',
  },
  licence_and_id: { 'zh-CN': '营业执照、法人代表身份证复印件', en: "business licence and legal representative's ID" },
  staff_qualification: {
    'zh-CN': '专业服务人员资质及社会保险参保证明',
    en: 'staff qualifications and social-insurance proof',
  },
  authenticity_statement: {
    'zh-CN': '法人代表签字的材料真实有效申明',
    en: "legal representative's signed statement of authenticity",
  },
  other: { 'zh-CN': '其他可资证明的材料', en: 'other supporting material' },
};

export const ELIGIBILITY_LABELS: Record<TEligibilityItem, { 'zh-CN': string; en: string }> = {
  legal_entity: { 'zh-CN': '依法注册、备案，具有独立法人资格', en: 'registered, an independent legal person' },
  sound_finance: {
    'zh-CN': '财务管理制度健全，资信情况良好',
    en: 'sound financial management and good credit standing',
  },
  trade_qualification: { 'zh-CN': '已获得外贸经营者资质', en: 'registered foreign-trade operator' },
  capabilities: {
    'zh-CN': '具备外贸综合服务、供应链金融、国际货代、物流等运营能力',
    en: 'integrated trade services, supply-chain finance, freight forwarding and logistics capability',
  },
  premises_and_team: { 'zh-CN': '有固定的经营场所和专业外贸团队', en: 'fixed premises and a professional trade team' },
  policy_knowledge: { 'zh-CN': '熟悉国内对外贸易政策', en: "familiar with China's foreign-trade policy" },
  no_violation: { 'zh-CN': '3年内无违法违规经营等不良记录', en: 'no violation on record in the last 3 years' },
  not_on_credit_lists: {
    'zh-CN': '未被列入“失信联合惩戒名单”“失信企业”“严重失信主体名单”',
    en: 'not on the joint-punishment, dishonest-enterprise or serious-dishonesty lists',
  },
};

/** Art. 10(二): the six required materials must each have at least one file; the seventh is optional. */
export function materialsVerdict(present: readonly string[], policy: PolicyInForce): TVerdict {
  const missing = REQUIRED_MATERIALS.filter((k) => !present.includes(k));
  const ok = missing.length === 0;
  return {
    ok,
    article: '第十条（二）',
    rule: 'application.materials',
    required: REQUIRED_MATERIALS.length,
    actual: REQUIRED_MATERIALS.length - missing.length,
    policyVersion: policy.version,
    message: ok
      ? { 'zh-CN': '申报材料齐全', en: 'All required application materials are present' }
      : {
          'zh-CN': `申报材料不全，缺少：${missing.map((k) => MATERIAL_LABELS[k]['zh-CN']).join('；')}（第十条（二））`,
          en: `Application materials missing: ${missing.map((k) => MATERIAL_LABELS[k].en).join('; ')} (Art. 10(2))`,
        },
  };
}

/** Art. 10(一): every condition confirmed by the county, each with the evidence it relied on. */
export function checklistVerdict(entries: readonly TChecklistEntry[], policy: PolicyInForce): TVerdict {
  const missing = ELIGIBILITY_ITEMS.filter((item) => {
    const e = entries.find((x) => x.item === item);
    return !e?.confirmed || e.evidence.trim().length === 0;
  });
  const ok = missing.length === 0;
  return {
    ok,
    article: '第十条（一）',
    rule: 'application.eligibilityChecklist',
    required: ELIGIBILITY_ITEMS.length,
    actual: ELIGIBILITY_ITEMS.length - missing.length,
    policyVersion: policy.version,
    message: ok
      ? { 'zh-CN': '承办条件已逐项核实并附依据', en: 'Every condition is confirmed with evidence' }
      : {
          'zh-CN': `以下承办条件尚未核实或未注明依据：${missing.map((k) => ELIGIBILITY_LABELS[k]['zh-CN']).join('；')}（第十条（一））`,
          en: `Not yet confirmed with evidence: ${missing.map((k) => ELIGIBILITY_LABELS[k].en).join('; ')} (Art. 10(1))`,
        },
  };
}
