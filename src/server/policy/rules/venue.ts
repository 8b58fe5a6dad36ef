import type { TVerdict } from '../../../contracts/centre';
import type { TParkKind, TParkLevel } from '../../../contracts/park';
import type { PolicyInForce } from '../policy';
import { basisOf, cityRuleOf } from './city-rule-tag';

export interface VenueFacts {
  parkLevel: TParkLevel;
  parkKind: TParkKind;
  /** m² */
  area: number;
}

/** Art. 6 names national-level 经开区/高新区 for the larger venue (and Art. 9(二) for a second centre). */
export function isNationalDevZone(level: TParkLevel, kind: TParkKind): boolean {
  return level === 'national' && (kind === 'economic_dev_zone' || kind === 'high_tech_zone');
}

/** Art. 6: the venue is at least 80 m² in a national-level 经开区/高新区, at least 50 m² elsewhere. */
export function venueAreaVerdict(facts: VenueFacts, policy: PolicyInForce): TVerdict {
  const national = isNationalDevZone(facts.parkLevel, facts.parkKind);
  const required = national ? policy.parameters.venueMinAreaNational : policy.parameters.venueMinAreaOther;
  const ok = facts.area >= required;
  const where = national ? '国家级经开区/高新区' : '其他开发区（园区）';
  const whereEn = national ? 'a national-level economic or high-tech zone' : 'this park';
  // Art. 15: a city's implementing rule may set a larger minimum; the verdict then names it.
  const cityRule = cityRuleOf(policy, national ? 'venueMinAreaNational' : 'venueMinAreaOther', {
    'zh-CN': `场地不少于 ${required} 平方米`,
    en: `a venue of at least ${required} m²`,
  });
  const basis = basisOf({ zh: '第六条', en: 'Art. 6' }, cityRule);
  return {
    ok,
    article: '第六条',
    rule: 'venue.minArea',
    required,
    actual: facts.area,
    policyVersion: policy.version,
    ...(cityRule ? { cityRule } : {}),
    message: ok
      ? {
          'zh-CN': `服务场地 ${facts.area} 平方米，符合${where}不少于 ${required} 平方米的要求（${basis.zh}）`,
          en: `Venue of ${facts.area} m² meets the minimum of ${required} m² for ${whereEn} (${basis.en})`,
        }
      : {
          'zh-CN': `服务场地 ${facts.area} 平方米，低于${where}不少于 ${required} 平方米的要求（${basis.zh}）`,
          en: `Venue of ${facts.area} m² is below the minimum of ${required} m² for ${whereEn} (${basis.en})`,
        },
  };
}

/** Art. 6: the county provides the venue free of charge. */
export function venueFreeVerdict(free: boolean, policy: PolicyInForce): TVerdict {
  return {
    ok: free,
    article: '第六条',
    rule: 'venue.freeOfCharge',
    required: true,
    actual: free,
    policyVersion: policy.version,
    message: free
      ? {
          'zh-CN': '服务场地由县（市、区）商务主管部门免费提供（第六条）',
          en: 'The venue is provided free of charge (Art. 6)',
        }
      : {
          'zh-CN': '服务场地须由县（市、区）商务主管部门免费提供（第六条）',
          en: 'The county must provide the venue free of charge (Art. 6)',
        },
  };
}
