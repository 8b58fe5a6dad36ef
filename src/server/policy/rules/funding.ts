import type { TGrade } from '../../../contracts/assessment';
import type { TEntitlementComputation, TEntitlementStatus } from '../../../contracts/funding';
import type { PolicyInForce } from '../policy';

export type FundingParkLevel = 'national' | 'provincial' | 'other';

export interface EntitlementInputs {
  year: number;
  parkLevel: FundingParkLevel;
  /** The centre's provincial filing (备案) of its operator, the earliest one; null when never filed. */
  filedOn: string | null;
  /** The year's published grade (Art. 12(三)); null while the year's results are not published. */
  grade: TGrade | null;
  /**
   * The operators that served the centre in the year with the dates they served, clipped to the year (the county
   * records them at a change, Art. 10(六)). Days are counted inclusively.
   */
  periods: { operatorId: number; from: string; to: string }[];
}

export interface EntitlementLine {
  operatorId: number;
  status: TEntitlementStatus;
  amountFen: number;
  withheldFen: number;
  computation: TEntitlementComputation;
}

const DAY = 86_400_000;
const GRADE_ZH: Record<TGrade, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' };
const LEVEL_ZH: Record<FundingParkLevel, string> = { national: '国家级', provincial: '省级', other: '其他' };

export function servedDays(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1);
}

function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + 1 year → 1 March (the anniversary is reached on the day after 28 February).
  return t.toISOString().slice(0, 10);
}

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/**
 * Art. 11 with Art. 12(三) and Art. 10(六): a centre's funding entitlement for a year, one line per operator that
 * served it. Pure: the caller reads the inputs and the policy version in force for the year (31 December of it).
 *
 * - Eligible once the centre has been filed with the province and served `minServiceYearsBeforeFunding` full years
 *   after the filing by the end of the year (Art. 11 "一经认定并报省商务厅备案后，服务期限需满一年以上").
 * - Base by park level: national / provincial / other (Art. 11; "other" is a parameter, SPEC §4).
 * - The grade's share (`gradeFundingShares`); the `noFundsGrade` (较差) earns nothing and the base is withheld
 *   (Art. 12(三)(2)). No grade published yet → awaiting_grade, nothing fixed.
 * - Split between operators by served days (Art. 10(六)): each gets ⌊amount × days / all days⌋, the last (the
 *   incoming operator) the remainder, so the lines add up to the amount to the fen.
 */
export function computeEntitlement(policy: PolicyInForce, input: EntitlementInputs): EntitlementLine[] {
  const p = policy.parameters;
  const baseYuan =
    input.parkLevel === 'national'
      ? p.baseFundingNational
      : input.parkLevel === 'provincial'
        ? p.baseFundingProvincial
        : p.baseFundingOther;
  const baseFen = baseYuan * 100;
  const yearEnd = `${input.year}-12-31`;
  const eligibleFrom = input.filedOn ? addYears(input.filedOn, p.minServiceYearsBeforeFunding) : null;
  const periods = [...input.periods]
    .sort((a, b) => a.from.localeCompare(b.from))
    .map((x) => ({ ...x, servedDays: servedDays(x.from, x.to) }));
  const totalDays = periods.reduce((s, x) => s + x.servedDays, 0);

  let status: TEntitlementStatus;
  let sharePercent: number | null = null;
  if (!eligibleFrom || eligibleFrom > yearEnd) status = 'ineligible';
  else if (input.grade === null) status = 'awaiting_grade';
  else if (input.grade === p.noFundsGrade) {
    status = 'withheld';
    sharePercent = 0;
  } else {
    status = 'due';
    sharePercent = p.gradeFundingShares[input.grade];
  }
  const amountFen = status === 'due' ? (baseFen * (sharePercent ?? 0)) / 100 : 0;
  const withheldFen = status === 'withheld' ? baseFen : status === 'due' ? baseFen - amountFen : 0;

  const article = status === 'withheld' ? '第十一条、第十二条（三）' : '第十一条、第十条（六）';
  const split = (total: number, i: number, acc: number) =>
    i === periods.length - 1
      ? total - acc
      : totalDays === 0
        ? 0
        : Math.floor((total * periods[i]!.servedDays) / totalDays);

  const lines: EntitlementLine[] = [];
  let accA = 0;
  let accW = 0;
  periods.forEach((period, i) => {
    const a = split(amountFen, i, accA);
    const w = split(withheldFen, i, accW);
    accA += a;
    accW += w;
    const daysZh = periods.length > 1 ? ` × 在岗${period.servedDays}/${totalDays}天` : '';
    const daysEn = periods.length > 1 ? ` × served ${period.servedDays}/${totalDays} days` : '';
    const base = `${LEVEL_ZH[input.parkLevel]}园区基数${yuan(baseFen)}元`;
    const explanation =
      status === 'ineligible'
        ? {
            'zh-CN': input.filedOn
              ? `备案于${input.filedOn}，至${input.year}年末服务未满${p.minServiceYearsBeforeFunding}年（第十一条），不予支持`
              : `尚未报省商务厅备案（第十一条），不予支持`,
            en: input.filedOn
              ? `Filed on ${input.filedOn}; less than ${p.minServiceYearsBeforeFunding} year(s) of service by the end of ${input.year} (Art. 11)`
              : 'Not yet filed with the province (Art. 11)',
          }
        : status === 'awaiting_grade'
          ? {
              'zh-CN': `${base}；${input.year}年度考核结果未公布，待定档后确定金额`,
              en: `Base ${yuan(baseFen)} yuan; the ${input.year} grade is not published yet`,
            }
          : status === 'withheld'
            ? {
                'zh-CN': `${base}；${input.year}年度考核"${GRADE_ZH[input.grade as TGrade]}"，不享受当年资金支持（第十二条（三））${daysZh}，不予拨付${yuan(w)}元`,
                en: `Base ${yuan(baseFen)} yuan; graded poor for ${input.year}, no funds (Art. 12(三))${daysEn}: ${yuan(w)} yuan withheld`,
              }
            : {
                'zh-CN': `${base} × ${GRADE_ZH[input.grade as TGrade]}${sharePercent}%${daysZh} = ${yuan(a)}元`,
                en: `Base ${yuan(baseFen)} yuan × ${input.grade} ${sharePercent}%${daysEn} = ${yuan(a)} yuan`,
              };
    lines.push({
      operatorId: period.operatorId,
      status,
      amountFen: a,
      withheldFen: w,
      computation: {
        rule: 'funding.entitlement',
        article,
        policyVersion: policy.version,
        explanation,
        inputs: {
          year: input.year,
          parkLevel: input.parkLevel,
          filedOn: input.filedOn,
          eligibleFrom,
          grade: input.grade,
          baseFen,
          sharePercent,
          periods,
        },
      },
    });
  });
  return lines;
}
