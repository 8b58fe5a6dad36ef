import type { TVerdict } from '../../../contracts/centre';
import type { PolicyInForce } from '../policy';
import { addMonthsClamped } from './deadlines';

export interface EligibilityFacts {
  qualificationStatus: 'qualified' | 'disqualified' | 'blacklisted';
  /** Dates (YYYY-MM-DD) of recorded violations. */
  violations: string[];
}

/**
 * Art. 10(一)3, 13, 14: an operator may apply or be chosen only when it is neither disqualified nor blacklisted and
 * has no violation on record within the last `violationFreeYears` years.
 */
export function operatorEligibility(facts: EligibilityFacts, today: string, policy: PolicyInForce): TVerdict[] {
  const years = policy.parameters.violationFreeYears;
  // 29 February minus a year is 28 February, as for every other month-based deadline.
  const since = addMonthsClamped(today, -12 * years);
  const recent = facts.violations.filter((v) => v > since && v <= today).sort();
  const status = facts.qualificationStatus;
  const statusOk = status === 'qualified';
  return [
    {
      ok: statusOk,
      article: status === 'blacklisted' ? '第十四条' : '第十三条',
      rule: 'operator.qualification',
      required: 'qualified',
      actual: status,
      policyVersion: policy.version,
      message: statusOk
        ? { 'zh-CN': '未被取消承办资格，未列入黑名单', en: 'Neither disqualified nor blacklisted' }
        : status === 'blacklisted'
          ? {
              'zh-CN': '已列入全省外综服中心承办企业黑名单，不得申报或承办（第十四条）',
              en: 'On the provincial blacklist of operators: may not apply or be chosen (Art. 14)',
            }
          : {
              'zh-CN': '已被取消外贸综合服务企业资格，不得申报或承办（第十三条）',
              en: 'Disqualified as an operator: may not apply or be chosen (Art. 13)',
            },
    },
    {
      ok: recent.length === 0,
      article: '第十条（一）3',
      rule: 'operator.violationFree',
      required: 0,
      actual: recent.length,
      policyVersion: policy.version,
      message:
        recent.length === 0
          ? { 'zh-CN': `${years}年内无违法违规记录`, en: `No violation on record in the last ${years} years` }
          : {
              'zh-CN': `${years}年内有 ${recent.length} 条违法违规记录（最近一次 ${recent[recent.length - 1]}），不符合第十条（一）3`,
              en: `${recent.length} violation(s) in the last ${years} years (latest ${recent[recent.length - 1]}): fails Art. 10(1)3`,
            },
    },
  ];
}
