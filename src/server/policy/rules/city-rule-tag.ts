import type { TVerdict } from '../../../contracts/centre';
import type { PolicyInForce } from '../policy';

/**
 * Art. 15: when the number a verdict applied came from the city's implementing rule, the verdict names the rule and
 * says so in a short note ("按宜昌市实施细则：场地不少于 100 平方米"); otherwise it is the province's and nothing is added.
 */
export function cityRuleOf(
  policy: PolicyInForce,
  key: string,
  requirement: { 'zh-CN': string; en: string },
): TVerdict['cityRule'] {
  const rule = policy.cityRule;
  if (!rule || !policy.overridden?.includes(key)) return undefined;
  return {
    ...rule,
    note: {
      'zh-CN': `按${rule.cityName}实施细则：${requirement['zh-CN']}`,
      en: `Under ${rule.cityName}'s implementing rules: ${requirement.en}`,
    },
  };
}

/** The article reference of a message, with the city rule added when it set the number. */
export function basisOf(article: { zh: string; en: string }, tag: TVerdict['cityRule']) {
  return tag
    ? { zh: `${article.zh}；${tag.cityName}实施细则 ${tag.documentNumber}`, en: `${article.en}; ${tag.documentNumber}` }
    : article;
}
