import { CITY_RULE_KEYS, type TCityRuleKey } from '../../../../../contracts/city-rule';
import type { TLocale } from '../../../../../contracts/common';
import type { MessageKey, Translate } from '../../../../i18n';

/** 100 → "100 平方米" / "4 名" / "10 个工作日", by the parameter's unit. */
export function ruleValue(key: TCityRuleKey, n: number, t: Translate): string {
  return t(`cityRule.unit.${CITY_RULE_KEYS[key].unit}` as MessageKey, { n });
}

export function ruleLabel(key: TCityRuleKey, locale: TLocale): string {
  const spec = CITY_RULE_KEYS[key];
  return `${spec.label[locale]}（${locale === 'en' ? spec.articleEn : spec.article}）`;
}

/** The stricter side of the province's value: "须大于 50" / "须小于 15". */
export function directionText(key: TCityRuleKey, province: number, t: Translate): string {
  return CITY_RULE_KEYS[key].direction === 'larger'
    ? t('cityRule.mustBeLarger', { value: province })
    : t('cityRule.mustBeShorter', { value: province });
}
