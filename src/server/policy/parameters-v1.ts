import type { TPolicyParameters } from '../../contracts/policy';

/**
 * Version 1: the numbers of 湖北省对外贸易综合服务中心认定管理办法（征求意见稿）, as SPEC §4 lists them, plus the defaults
 * SPEC §4 sets where the draft is silent. Code never uses these literals directly: it reads the version in force.
 */
export const POLICY_V1: TPolicyParameters = {
  venueMinAreaNational: 80, // Art. 6
  venueMinAreaOther: 50, // Art. 6
  staffNational: { total: 5, tradeYears: 2, customsDeclarant: 1, foreignLanguage: 1 }, // Art. 7
  staffOther: { total: 3, tradeYears: 1, customsDeclarant: 1, foreignLanguage: 1 }, // Art. 7
  staffTradeExperienceYears: 3, // Art. 7
  servicePeriodYears: 3, // Art. 10(三)
  filingDeadlineWorkingDays: 15, // Art. 10(三)
  operatorChangeDeadlineMonths: 1, // Art. 10(六)
  minServiceYearsBeforeFunding: 1, // Art. 11
  baseFundingNational: 400_000, // Art. 11
  baseFundingProvincial: 300_000, // Art. 11
  baseFundingOther: 300_000, // SPEC §4: not fixed by the draft; default as provincial
  grades: ['excellent', 'good', 'fair', 'poor'], // Art. 12(三)
  noFundsGrade: 'poor', // Art. 12(三)
  consecutivePoorYearsToCancel: 2, // Art. 12(三)
  tenderPriorityGrade: 'excellent', // Art. 12(三)
  violationFreeYears: 3, // Art. 10(一)3
  gradeThresholds: { excellent: 90, good: 80, fair: 60 }, // SPEC §4 default (财政部绩效评价 practice)
  rectificationWorkingDays: 15, // SPEC §4 default (政务服务"好差评")
  gradeFundingShares: { excellent: 100, good: 90, fair: 80, poor: 0 }, // Art. 11, 12(三); SPEC §4 default
  conditionFailureDays: 30, // Art. 9(四); platform default
};

export const POLICY_V1_META = {
  version: 1,
  title: '湖北省对外贸易综合服务中心认定管理办法（征求意见稿）',
  // The draft takes effect on issue (Art. 16); the platform's first version starts at its launch.
  effectiveFrom: '2026-01-01',
  basis:
    '湖北省对外贸易综合服务中心认定管理办法（征求意见稿）第六、七、十、十一、十二条；办法（征求意见稿）未定数值取平台缺省值',
};
