import type { TVerdict } from '../../../contracts/centre';
import type { TParkLevel } from '../../../contracts/park';
import type { PolicyInForce } from '../policy';
import { basisOf, cityRuleOf } from './city-rule-tag';

/** One person the operator stations at the centre. */
export interface StaffFacts {
  /** Years in international trade. */
  tradeYears: number;
  /** A professional customs declarant (专业报关员). */
  customsDeclarant: boolean;
  /** Fluent in speaking and translating a foreign language (具有熟练的口语和书面翻译能力的外语人才). */
  foreignLanguage: boolean;
}

type StaffRule = 'total' | 'tradeYears' | 'customsDeclarant' | 'foreignLanguage';

/**
 * Art. 7: staff stationed at the centre — at least 5 in a national-level park (国家级开发区（园区）, of any kind), with
 * at least 2 of 3 years or more in international trade, 1 customs declarant and 1 foreign-language specialist; at
 * least 3 elsewhere (省级开发区（园区）等), with 1, 1 and 1. One person may count under several heads. "3年以上"
 * includes 3 years.
 */
export function staffingVerdicts(parkLevel: TParkLevel, staff: StaffFacts[], policy: PolicyInForce): TVerdict[] {
  const national = parkLevel === 'national';
  const minimum = national ? policy.parameters.staffNational : policy.parameters.staffOther;
  const years = policy.parameters.staffTradeExperienceYears;
  const where = national ? '国家级开发区（园区）' : '省级等其他开发区（园区）';
  const whereEn = national ? 'a national-level park' : 'a provincial or other park';

  const counts: Record<StaffRule, number> = {
    total: staff.length,
    tradeYears: staff.filter((s) => Number.isFinite(s.tradeYears) && s.tradeYears >= years).length,
    customsDeclarant: staff.filter((s) => s.customsDeclarant).length,
    foreignLanguage: staff.filter((s) => s.foreignLanguage).length,
  };
  const heads: Record<StaffRule, { zh: string; en: string }> = {
    total: { zh: '派驻人员', en: 'Stationed staff' },
    tradeYears: {
      zh: `从事国际贸易${years}年以上的人员`,
      en: `Staff with ${years} or more years in international trade`,
    },
    customsDeclarant: { zh: '专业报关员', en: 'Professional customs declarants' },
    foreignLanguage: {
      zh: '具有熟练的口语和书面翻译能力的外语人才',
      en: 'Foreign-language specialists (fluent speaking and translation)',
    },
  };

  return (['total', 'tradeYears', 'customsDeclarant', 'foreignLanguage'] as const).map((key) => {
    const required = minimum[key];
    const actual = counts[key];
    const ok = actual >= required;
    const head = heads[key];
    // Art. 15: a city's implementing rule may ask for more people; the verdict then names it.
    const cityRule = cityRuleOf(policy, `${national ? 'staffNational' : 'staffOther'}.${key}`, {
      'zh-CN': `${head.zh}不少于 ${required} 名`,
      en: `${head.en.toLowerCase()} at least ${required}`,
    });
    const basis = basisOf({ zh: '第七条', en: 'Art. 7' }, cityRule);
    return {
      ok,
      article: '第七条',
      rule: `staff.${key}`,
      required,
      actual,
      policyVersion: policy.version,
      ...(cityRule ? { cityRule } : {}),
      message: {
        'zh-CN': `${head.zh} ${actual} 名，${ok ? '符合' : '低于'}${where}不少于 ${required} 名的要求（${basis.zh}）`,
        en: `${head.en}: ${actual}, ${ok ? 'meeting' : 'below'} the minimum of ${required} for ${whereEn} (${basis.en})`,
      },
    };
  });
}
