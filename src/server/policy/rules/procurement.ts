import type { TVerdict } from '../../../contracts/centre';
import type { TReprocurement } from '../../../contracts/engagement';
import type { PolicyInForce } from '../policy';
import { addDays, addMonthsClamped, enDate, zhDate } from './deadlines';

/** The day before `day` (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  return addDays(day, -1);
}

/** Art. 10(三): 采购服务周期原则上为3年 — the last day of a period starting on `start`. */
export function servicePeriodEnd(start: string, policy: PolicyInForce): string {
  return dayBefore(addMonthsClamped(start, 12 * policy.parameters.servicePeriodYears));
}

/** Art. 10(三) 一年一签: the first and last day of contract year `year` (1-based) of a period starting on `start`. */
export function contractYear(start: string, year: number): { start: string; end: string } {
  const from = addMonthsClamped(start, 12 * (year - 1));
  return { start: from, end: dayBefore(addMonthsClamped(start, 12 * year)) };
}

/** How many contract years the period has under the parameter version. */
export function contractYears(policy: PolicyInForce): number {
  return policy.parameters.servicePeriodYears;
}

export interface ContractFacts {
  year: number;
  evaluation: 'pending' | 'passed' | 'failed';
}

/**
 * Art. 10(三): may the county sign the contract for `year`? Year 1 follows the agreement; each later year only when
 * the year before was evaluated and passed (年度末期评估合格的续签合同), and never beyond the period.
 */
export function renewalVerdict(year: number, contracts: ContractFacts[], policy: PolicyInForce): TVerdict {
  const years = contractYears(policy);
  const base = { article: '第十条（三）', rule: 'contract.renewal', policyVersion: policy.version };
  if (year > years) {
    return {
      ...base,
      ok: false,
      required: years,
      actual: year,
      message: {
        'zh-CN': `采购服务周期为${years}年，不能签订第${year}年度合同；期满应重新组织政府采购（第十条（三））`,
        en: `The service period is ${years} years: there is no contract year ${year}; when it ends, procure again (Art. 10(3))`,
      },
    };
  }
  if (contracts.some((c) => c.year === year)) {
    return {
      ...base,
      ok: false,
      required: null,
      actual: year,
      message: {
        'zh-CN': `第${year}年度合同已签订，一年一签（第十条（三））`,
        en: `The contract for year ${year} is already signed: one contract per year (Art. 10(3))`,
      },
    };
  }
  if (year === 1) {
    return {
      ...base,
      ok: true,
      required: null,
      actual: year,
      message: { 'zh-CN': '第1年度合同', en: 'Contract for year 1' },
    };
  }
  const previous = contracts.find((c) => c.year === year - 1);
  const ok = previous?.evaluation === 'passed';
  return {
    ...base,
    ok,
    required: 'passed',
    actual: previous?.evaluation ?? 'missing',
    message: ok
      ? {
          'zh-CN': `第${year - 1}年度末期评估合格，续签第${year}年度合同（第十条（三））`,
          en: `Year ${year - 1} passed its year-end evaluation: the contract for year ${year} may be signed (Art. 10(3))`,
        }
      : {
          'zh-CN': !previous
            ? `第${year - 1}年度合同尚未签订，不能签订第${year}年度合同（第十条（三））`
            : previous.evaluation === 'pending'
              ? `第${year - 1}年度尚未进行年度末期评估，评估合格后方可续签（第十条（三））`
              : `第${year - 1}年度末期评估不合格，不予续签；应按政府采购程序重新确定承接机构（第十条（三））`,
          en: !previous
            ? `There is no contract for year ${year - 1}, so none for year ${year} (Art. 10(3))`
            : previous.evaluation === 'pending'
              ? `Year ${year - 1} has not had its year-end evaluation; renew only after it passes (Art. 10(3))`
              : `Year ${year - 1} failed its year-end evaluation: no renewal; procure a new operator (Art. 10(3))`,
        },
  };
}

/**
 * Art. 10(三): 年度末期评估不合格未续签协议、因合理原因确需更换服务主体或3年采购期满 … 应 … 重新确定项目承接机构.
 * The prompt the county sees, or null when nothing is due. "Ending" is the period's last contract year.
 */
export function reprocurementDue(
  e: { serviceStart: string; serviceEnd: string; status: string; endReason: string | null },
  contracts: ContractFacts[],
  today: string,
  policy: PolicyInForce,
): TReprocurement | null {
  const article = '第十条（三）';
  const failed = contracts.find((c) => c.evaluation === 'failed');
  if (failed) {
    const period = contractYear(e.serviceStart, failed.year);
    return {
      reason: 'failed_year',
      dueBy: period.end,
      article,
      message: {
        'zh-CN': `第${failed.year}年度末期评估不合格，不予续签；请按政府采购程序重新确定承接机构（该年度至${zhDate(period.end)}止）`,
        en: `Year ${failed.year} failed its year-end evaluation and is not renewed: procure a new operator (the year ends on ${enDate(period.end)})`,
      },
    };
  }
  if (e.status === 'ended' && e.endReason === 'qualification_cancelled') {
    // Art. 12(三)(2): 连续两年较差 … 取消其外综服企业承办资质 — the engagement ended with the qualification.
    return {
      reason: 'qualification_cancelled',
      dueBy: null,
      article: '第十条（三）、第十二条（三）',
      message: {
        'zh-CN': '承办企业因连续两年考核较差被取消承办资质，请按政府采购程序重新确定承接机构',
        en: 'The operator lost its qualification after two Poor years running: procure a new operator',
      },
    };
  }
  if (e.status === 'ended' && e.endReason === 'operator_changed') {
    return {
      reason: 'operator_changed',
      dueBy: null,
      article: '第十条（三）、（六）',
      message: {
        'zh-CN': '承办企业已更换，请按政府采购程序确定新的承接机构',
        en: 'The operator was changed: procure the new operator',
      },
    };
  }
  if (today > e.serviceEnd) {
    return {
      reason: 'period_ended',
      dueBy: e.serviceEnd,
      article,
      message: {
        'zh-CN': `${contractYears(policy)}年采购服务周期已于${zhDate(e.serviceEnd)}期满，请按政府采购程序重新确定承接机构`,
        en: `The ${contractYears(policy)}-year service period ended on ${enDate(e.serviceEnd)}: procure again`,
      },
    };
  }
  const lastYear = contractYear(e.serviceStart, contractYears(policy));
  if (today >= lastYear.start) {
    return {
      reason: 'period_ending',
      dueBy: e.serviceEnd,
      article,
      message: {
        'zh-CN': `采购服务周期将于${zhDate(e.serviceEnd)}期满（最后一个年度），请提前组织政府采购，重新确定承接机构`,
        en: `The service period ends on ${enDate(e.serviceEnd)} (its last year): prepare the next procurement`,
      },
    };
  }
  return null;
}
