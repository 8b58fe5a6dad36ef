import { z } from 'zod';
import { ZIdText } from './common';

/**
 * Every number of the policy (SPEC §4) as data. Art. 16: later policy replaces this one, so the province publishes
 * new versions; every decision records the version it used.
 */
export const ZPolicyParameters = z.object({
  /** Art. 6 */
  venueMinAreaNational: z.number().positive(),
  /** Art. 6 */
  venueMinAreaOther: z.number().positive(),
  /** Art. 7: total / ≥3 years in trade / customs declarant / foreign language, national-level park */
  staffNational: z.object({
    total: z.number().int(),
    tradeYears: z.number().int(),
    customsDeclarant: z.number().int(),
    foreignLanguage: z.number().int(),
  }),
  /** Art. 7: the same for provincial-level and other parks */
  staffOther: z.object({
    total: z.number().int(),
    tradeYears: z.number().int(),
    customsDeclarant: z.number().int(),
    foreignLanguage: z.number().int(),
  }),
  /** Art. 7: years in international trade that count as experienced */
  staffTradeExperienceYears: z.number().int(),
  /** Art. 10(三) */
  servicePeriodYears: z.number().int(),
  /** Art. 10(三): working days */
  filingDeadlineWorkingDays: z.number().int(),
  /** Art. 10(六): months */
  operatorChangeDeadlineMonths: z.number().int(),
  /** Art. 11: years after filing */
  minServiceYearsBeforeFunding: z.number().int(),
  /** Art. 11: CNY per year */
  baseFundingNational: z.number().int(),
  /** Art. 11: CNY per year */
  baseFundingProvincial: z.number().int(),
  /** Not fixed by the draft (SPEC §4): CNY per year for parks of level "other". */
  baseFundingOther: z.number().int(),
  /** Art. 12(三) */
  grades: z.array(z.enum(['excellent', 'good', 'fair', 'poor'])),
  /** Art. 12(三) */
  noFundsGrade: z.enum(['excellent', 'good', 'fair', 'poor']),
  /** Art. 12(三) */
  consecutivePoorYearsToCancel: z.number().int(),
  /** Art. 12(三): 优秀 in every year of the contract gives tender priority */
  tenderPriorityGrade: z.enum(['excellent', 'good', 'fair', 'poor']),
  /** Art. 10(一)3 */
  violationFreeYears: z.number().int(),
  /** Default grade thresholds by total score (SPEC §4; configurable per assessment cycle) */
  gradeThresholds: z.object({ excellent: z.number(), good: z.number(), fair: z.number() }),
  /** SPEC §4: rectification of a bad rating, working days (好差评 practice) */
  rectificationWorkingDays: z.number().int(),
  /**
   * Art. 11 with Art. 12(三): the share of the base a centre's grade earns, in percent (较差 is 0 by Art. 12(三)(2);
   * the draft fixes no share for the others, SPEC §4 "funding share per grade" — shipped defaults 100 / 90 / 80).
   */
  gradeFundingShares: z.object({
    excellent: z.number().int().min(0).max(100),
    good: z.number().int().min(0).max(100),
    fair: z.number().int().min(0).max(100),
    poor: z.number().int().min(0).max(100),
  }),
  /**
   * Art. 9(四): days a recognised centre's venue (Art. 6) or staffing (Art. 7) verdict may fail before it is listed
   * for the province's adjustment or revocation decision (not fixed by the draft; default 30).
   */
  conditionFailureDays: z.number().int().min(1).max(365),
});
export type TPolicyParameters = z.infer<typeof ZPolicyParameters>;

export const ZPolicyVersion = z.object({
  version: z.number().int(),
  title: z.string(),
  effectiveFrom: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  basis: z.string(),
  parameters: ZPolicyParameters,
  inForce: z.boolean(),
});
export type TPolicyVersion = z.infer<typeof ZPolicyVersion>;

export const ZPolicyVersionParam = z.object({ version: ZIdText });
