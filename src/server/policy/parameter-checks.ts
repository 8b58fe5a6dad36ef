import type { TPolicyParameters } from '../../contracts/policy';
import { canonicalJson } from '../lib/canonical-json';

/** One refusal of a draft's parameter: the field (its path in the parameters) and why, in both languages. */
export interface ParameterProblem {
  field: string;
  'zh-CN': string;
  en: string;
}

const GRADE_ZH = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' } as const;
const GRADE_ORDER = ['excellent', 'good', 'fair', 'poor'] as const;

/**
 * The sanity rules a draft version must pass before it is saved (Art. 16: the province replaces numbers, not the
 * shape of the policy). Each names its field and article. Pure; returns every problem, not just the first.
 */
export function checkPolicyParameters(p: TPolicyParameters): ParameterProblem[] {
  const out: ParameterProblem[] = [];
  const between = (field: string, value: number, min: number, max: number, article: string) => {
    if (!(value >= min && value <= max))
      out.push({
        field,
        'zh-CN': `应在 ${min} 至 ${max} 之间（${article}），现为 ${value}`,
        en: `must be between ${min} and ${max} (${article}); it is ${value}`,
      });
  };

  // Art. 6: venue minimums, m²; the national-level 经开区/高新区 minimum is the larger one.
  between('venueMinAreaNational', p.venueMinAreaNational, 1, 10_000, '第六条 / Art. 6');
  between('venueMinAreaOther', p.venueMinAreaOther, 1, 10_000, '第六条 / Art. 6');
  if (p.venueMinAreaNational < p.venueMinAreaOther)
    out.push({
      field: 'venueMinAreaNational',
      'zh-CN': '国家级经开区/高新区的场地下限不应小于其他园区（第六条）',
      en: 'the national-level zone minimum must not be below the one for other parks (Art. 6)',
    });

  // Art. 7: staffing minimums; each head is at most the total (one person may count under several heads).
  for (const level of ['staffNational', 'staffOther'] as const) {
    const s = p[level];
    between(`${level}.total`, s.total, 1, 100, '第七条 / Art. 7');
    for (const head of ['tradeYears', 'customsDeclarant', 'foreignLanguage'] as const) {
      between(`${level}.${head}`, s[head], 0, 100, '第七条 / Art. 7');
      if (s[head] > s.total)
        out.push({
          field: `${level}.${head}`,
          'zh-CN': `不能超过派驻人员总数 ${s.total}（第七条）`,
          en: `cannot exceed the staff total of ${s.total} (Art. 7)`,
        });
    }
  }
  between('staffTradeExperienceYears', p.staffTradeExperienceYears, 1, 30, '第七条 / Art. 7');

  // Art. 10, 11, 12: periods and deadlines are positive.
  between('servicePeriodYears', p.servicePeriodYears, 1, 10, '第十条（三） / Art. 10(3)');
  between('filingDeadlineWorkingDays', p.filingDeadlineWorkingDays, 1, 120, '第十条（三） / Art. 10(3)');
  between('operatorChangeDeadlineMonths', p.operatorChangeDeadlineMonths, 1, 24, '第十条（六） / Art. 10(6)');
  between('minServiceYearsBeforeFunding', p.minServiceYearsBeforeFunding, 1, 10, '第十一条 / Art. 11');
  between('consecutivePoorYearsToCancel', p.consecutivePoorYearsToCancel, 1, 10, '第十二条（三） / Art. 12(3)');
  between('violationFreeYears', p.violationFreeYears, 1, 10, '第十条（一） / Art. 10(1)');
  between('rectificationWorkingDays', p.rectificationWorkingDays, 1, 60, 'SPEC §4');
  between('conditionFailureDays', p.conditionFailureDays, 1, 365, '第九条（四） / Art. 9(4)');

  // Art. 11: yearly base per park level, whole yuan.
  for (const key of ['baseFundingNational', 'baseFundingProvincial', 'baseFundingOther'] as const)
    between(key, p[key], 1, 100_000_000, '第十一条 / Art. 11');

  // Art. 12(三): the four grades are the policy's, not a parameter to reorder.
  if (p.grades.join() !== GRADE_ORDER.join())
    out.push({
      field: 'grades',
      'zh-CN': '等次为"优秀、良好、一般、较差"四档，不可更改（第十二条（三））',
      en: 'the grades are excellent, good, fair and poor, in that order (Art. 12(3))',
    });

  // Thresholds fall from 优秀 to 一般, within 0–100.
  const t = p.gradeThresholds;
  for (const g of ['excellent', 'good', 'fair'] as const)
    between(`gradeThresholds.${g}`, t[g], 0, 100, '第十二条 / Art. 12');
  if (!(t.excellent > t.good))
    out.push({
      field: 'gradeThresholds.good',
      'zh-CN': `"良好"分数线应低于"优秀"的 ${t.excellent} 分（第十二条）`,
      en: `the good threshold must be below the excellent one of ${t.excellent} (Art. 12)`,
    });
  if (!(t.good > t.fair))
    out.push({
      field: 'gradeThresholds.fair',
      'zh-CN': `"一般"分数线应低于"良好"的 ${t.good} 分（第十二条）`,
      en: `the fair threshold must be below the good one of ${t.good} (Art. 12)`,
    });

  // Art. 11 with 12(三): shares in percent, not increasing from 优秀 to 较差; the no-funds grade earns nothing.
  const s = p.gradeFundingShares;
  for (const g of GRADE_ORDER) between(`gradeFundingShares.${g}`, s[g], 0, 100, '第十一条 / Art. 11');
  for (let i = 1; i < GRADE_ORDER.length; i++) {
    const higher = GRADE_ORDER[i - 1] as (typeof GRADE_ORDER)[number];
    const lower = GRADE_ORDER[i] as (typeof GRADE_ORDER)[number];
    if (s[lower] > s[higher])
      out.push({
        field: `gradeFundingShares.${lower}`,
        'zh-CN': `"${GRADE_ZH[lower]}"的资金比例不应高于"${GRADE_ZH[higher]}"的 ${s[higher]}%（第十一条）`,
        en: `the ${lower} share must not exceed the ${higher} share of ${s[higher]}% (Art. 11)`,
      });
  }
  if (s[p.noFundsGrade] !== 0)
    out.push({
      field: `gradeFundingShares.${p.noFundsGrade}`,
      'zh-CN': `"${GRADE_ZH[p.noFundsGrade]}"不享受当年资金支持，比例须为 0（第十二条（三））`,
      en: `a ${p.noFundsGrade} grade earns no funds that year, so its share must be 0 (Art. 12(3))`,
    });
  return out;
}

/** The parameter keys (top level) whose value differs between two versions. */
export function changedParameterKeys(a: TPolicyParameters, b: TPolicyParameters): string[] {
  return (Object.keys(a) as (keyof TPolicyParameters)[]).filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]));
}
