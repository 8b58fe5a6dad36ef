import { z } from 'zod';
import { ZVerdict } from './centre';
import { ZDay, ZIdText } from './common';

/**
 * Art. 15: a city (市州商务主管部门) may issue 配套实施细则 for its region. On this platform a city rule can only make a
 * number of the province's policy stricter, never looser: the table below says which numbers, in which direction,
 * and under which article. The server refuses a value that is not stricter than the province's version in force
 * (policy/city-rules.ts); the web's parameter picker reads the same table.
 */
export const CITY_RULE_KEYS = {
  /** Art. 6: venue minimum in a national-level 经开区/高新区, m² — only larger. */
  venueMinAreaNational: {
    label: {
      'zh-CN': '国家级经开区/高新区服务场地面积下限（平方米）',
      en: 'Venue minimum in a national-level economic or high-tech zone (m²)',
    },
    article: '第六条',
    articleEn: 'Art. 6',
    direction: 'larger',
    unit: 'area',
  },
  /** Art. 6: venue minimum elsewhere, m² — only larger. */
  venueMinAreaOther: {
    label: { 'zh-CN': '其他开发区（园区）服务场地面积下限（平方米）', en: 'Venue minimum in other parks (m²)' },
    article: '第六条',
    articleEn: 'Art. 6',
    direction: 'larger',
    unit: 'area',
  },
  /** Art. 7: staff stationed in a national-level park — only more. */
  'staffNational.total': {
    label: { 'zh-CN': '国家级开发区（园区）派驻人员总数下限', en: 'Stationed staff, national-level park: total' },
    article: '第七条',
    articleEn: 'Art. 7',
    direction: 'larger',
    unit: 'people',
  },
  'staffNational.tradeYears': {
    label: {
      'zh-CN': '国家级开发区（园区）外贸从业经验人员下限',
      en: 'Stationed staff, national-level park: experienced in trade',
    },
    article: '第七条',
    articleEn: 'Art. 7',
    direction: 'larger',
    unit: 'people',
  },
  'staffNational.customsDeclarant': {
    label: {
      'zh-CN': '国家级开发区（园区）专业报关员下限',
      en: 'Stationed staff, national-level park: customs declarants',
    },
    article: '第七条',
    articleEn: 'Art. 7',
    direction: 'larger',
    unit: 'people',
  },
  'staffNational.foreignLanguage': {
    label: {
      'zh-CN': '国家级开发区（园区）外语人才下限',
      en: 'Stationed staff, national-level park: foreign-language specialists',
    },
    article: '第七条',
    articleEn: 'Art. 7',
    direction: 'larger',
    unit: 'people',
  },
  /** Art. 7: staff stationed in a provincial or other park — only more. */
  'staffOther.total': {
    label: { 'zh-CN': '省级等其他开发区（园区）派驻人员总数下限', en: 'Stationed staff, other parks: total' },
    article: '第七条',
    articleEn: 'Art. 7',
    direction: 'larger',
    unit: 'people',
  },
  'staffOther.tradeYears': {
    label: {
      'zh-CN': '省级等其他开发区（园区）外贸从业经验人员下限',
      en: 'Stationed staff, other parks: experienced in trade',
    },
    article: '第七条',
    articleEn: 'Art. 7',
    direction: 'larger',
    unit: 'people',
  },
  'staffOther.customsDeclarant': {
    label: {
      'zh-CN': '省级等其他开发区（园区）专业报关员下限',
      en: 'Stationed staff, other parks: customs declarants',
    },
    article: '第七条',
    articleEn: 'Art. 7',
    direction: 'larger',
    unit: 'people',
  },
  'staffOther.foreignLanguage': {
    label: {
      'zh-CN': '省级等其他开发区（园区）外语人才下限',
      en: 'Stationed staff, other parks: foreign-language specialists',
    },
    article: '第七条',
    articleEn: 'Art. 7',
    direction: 'larger',
    unit: 'people',
  },
  /** Art. 10(三): the filing deadline after signing, working days — only shorter. */
  filingDeadlineWorkingDays: {
    label: { 'zh-CN': '承办协议备案时限（工作日）', en: 'Filing deadline after signing (working days)' },
    article: '第十条（三）',
    articleEn: 'Art. 10(3)',
    direction: 'shorter',
    unit: 'workingDays',
  },
  /** SPEC §4 (好差评 practice): the rectification of a bad rating, working days — only shorter. */
  rectificationWorkingDays: {
    label: { 'zh-CN': '差评整改时限（工作日）', en: 'Rectification of a bad rating (working days)' },
    article: '第八条',
    articleEn: 'Art. 8',
    direction: 'shorter',
    unit: 'workingDays',
  },
  /** Art. 9(四): days a centre may fail its venue or staffing conditions before it is listed — only shorter. */
  conditionFailureDays: {
    label: { 'zh-CN': '不满足设立条件的宽限期（天）', en: 'Days a centre may fail its conditions before it is listed' },
    article: '第九条（四）',
    articleEn: 'Art. 9(4)',
    direction: 'shorter',
    unit: 'days',
  },
} as const satisfies Record<
  string,
  {
    article: string;
    articleEn: string;
    label: { 'zh-CN': string; en: string };
    direction: 'larger' | 'shorter';
    unit: 'area' | 'people' | 'workingDays' | 'days';
  }
>;
export type TCityRuleKey = keyof typeof CITY_RULE_KEYS;
export const CITY_RULE_KEY_LIST = Object.keys(CITY_RULE_KEYS) as TCityRuleKey[];
export const ZCityRuleKey = z.enum(CITY_RULE_KEY_LIST as [TCityRuleKey, ...TCityRuleKey[]]);

/** The overridden numbers, keyed by parameter path (`staffOther.total`); whole numbers, m² up to 100 000. */
export const ZCityRuleParameters = z
  .partialRecord(ZCityRuleKey, z.number().int().min(1).max(100_000))
  .refine((p) => Object.keys(p).length > 0, { message: 'CITY_RULE_EMPTY' });
export type TCityRuleParameters = z.infer<typeof ZCityRuleParameters>;

export const ZCityRuleInput = z.object({
  /** 细则名称, e.g. 宜昌市外贸综合服务中心认定管理实施细则 */
  title: z.string().trim().min(4).max(120),
  /** 文号, e.g. 宜商务发〔2026〕12号 */
  documentNumber: z.string().trim().min(4).max(60),
  effectiveFrom: ZDay,
  parameters: ZCityRuleParameters,
});
export type TCityRuleInput = z.infer<typeof ZCityRuleInput>;

export const ZCityRule = z.object({
  id: z.number().int(),
  cityCode: z.string(),
  cityName: z.string(),
  title: z.string(),
  documentNumber: z.string(),
  effectiveFrom: z.string(),
  parameters: z.record(z.string(), z.number()),
  publishedBy: z.string().nullable(),
  publishedAt: z.string(),
  /** The city's rule in force today (a later one replaces it from its effective date). */
  inForce: z.boolean(),
});
export type TCityRule = z.infer<typeof ZCityRule>;

export const ZCityRuleListQuery = z.object({
  city: z
    .string()
    .regex(/^42\d{4}$/)
    .optional(),
});

/** A city rule as a verdict names it: the tag "按宜昌市实施细则：…" on the centre's page. */
export const ZCityRuleRef = z.object({
  id: z.number().int(),
  cityName: z.string(),
  title: z.string(),
  documentNumber: z.string(),
});
export type TCityRuleRef = z.infer<typeof ZCityRuleRef>;

/** The province's values and the city's current ones, for the picker: what a new rule must be stricter than. */
export const ZCityRuleBaseline = z.object({
  cityCode: z.string().nullable(),
  day: z.string(),
  policyVersion: z.number().int(),
  province: z.record(z.string(), z.number()),
  cityRule: ZCityRuleRef.nullable(),
  effective: z.record(z.string(), z.number()),
});
export type TCityRuleBaseline = z.infer<typeof ZCityRuleBaseline>;
export const ZCityRuleBaselineQuery = z.object({
  city: z
    .string()
    .regex(/^42\d{4}$/)
    .optional(),
  day: ZDay.optional(),
});

// ——— Art. 9(四): centres that stopped meeting the conditions ———

export const CENTRE_CONDITIONS = ['venue', 'staffing'] as const;
export const ZCentreCondition = z.enum(CENTRE_CONDITIONS);
export type TCentreCondition = z.infer<typeof ZCentreCondition>;

/** One step of a condition's history: the day a verdict was seen, and the verdicts (the evidence). */
export const ZConditionHistoryEntry = z.object({
  on: z.string(),
  ok: z.boolean(),
  verdicts: z.array(ZVerdict),
});
export type TConditionHistoryEntry = z.infer<typeof ZConditionHistoryEntry>;

export const ZCentreConditionStatus = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  centreStatus: z.string(),
  parkName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  condition: ZCentreCondition,
  failingSince: z.string(),
  resolvedOn: z.string().nullable(),
  /** Calendar days since the failure started (to today, or to the day it was resolved). */
  daysFailing: z.number().int(),
  /** `conditionFailureDays` for the centre's region (the province's, or a stricter city's). */
  thresholdDays: z.number().int(),
  /** Failing for longer than the threshold: listed for the province's adjustment or revocation (Art. 9(四)). */
  overdue: z.boolean(),
  lastVerdicts: z.array(ZVerdict),
  history: z.array(ZConditionHistoryEntry),
  /** The centre's page, where the province decides an adjustment or revocation and issues the decision letter. */
  decisionLink: z.string(),
});
export type TCentreConditionStatus = z.infer<typeof ZCentreConditionStatus>;

export const ZCentreConditionQuery = z.object({
  /** `overdue` (default): only those failing longer than the threshold; `open`: every current failure. */
  show: z.enum(['overdue', 'open', 'resolved']).default('overdue'),
  city: z
    .string()
    .regex(/^42\d{4}$/)
    .optional(),
});
export type TCentreConditionQuery = z.infer<typeof ZCentreConditionQuery>;

export const ZCityRuleIdParam = z.object({ id: ZIdText });
