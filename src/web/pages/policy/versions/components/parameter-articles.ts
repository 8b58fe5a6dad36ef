import type { TLocale } from '../../../../../contracts/common';
import type { TPolicyParameters } from '../../../../../contracts/policy';
import type { Translate } from '../../../../i18n';
import { chineseNumeral, formatNumber, formatYuan } from '../../../../lib/format';

/** Art. 10(一)3 = { article: 10, item: 1, point: 3 }. */
export interface ArticleRef {
  article: number;
  item?: number;
  point?: number;
}

/** 第十条（一）3 in Chinese, Art. 10(1)3 in English. */
export function formatArticle(ref: ArticleRef, locale: TLocale): string {
  if (locale === 'en') {
    return `Art. ${ref.article}${ref.item ? `(${ref.item})` : ''}${ref.point ?? ''}`;
  }
  return `第${chineseNumeral(ref.article)}条${ref.item ? `（${chineseNumeral(ref.item)}）` : ''}${ref.point ?? ''}`;
}

interface Formatter {
  t: Translate;
  locale: TLocale;
}

type ParameterSpec = {
  [K in keyof TPolicyParameters]: {
    /** null: the draft policy leaves the number open and the platform sets it (SPEC §4). */
    article: ArticleRef | null;
    render: (value: TPolicyParameters[K], f: Formatter) => string;
  };
};

const years = (n: number, { t }: Formatter) => (n === 1 ? t('policy.unit.oneYear') : t('policy.unit.years', { n }));
const workingDays = (n: number, { t }: Formatter) => t('policy.unit.workingDays', { n });
const sqm = (n: number, { t, locale }: Formatter) => t('policy.unit.sqm', { n: formatNumber(n, locale) });
const perYear = (n: number, { t, locale }: Formatter) => t('policy.unit.perYear', { amount: formatYuan(n, locale) });
const grade = (g: 'excellent' | 'good' | 'fair' | 'poor', { t }: Formatter) => t(`grade.${g}`);
const staff = (s: TPolicyParameters['staffNational'], { t }: Formatter) =>
  t('policy.staff', { ...s, tradeYearsLabel: t('policy.staffTradeYears') });

/** Every parameter of the policy, in the order of the articles, with the article it comes from. */
export const PARAMETER_SPEC: ParameterSpec = {
  venueMinAreaNational: { article: { article: 6 }, render: sqm },
  venueMinAreaOther: { article: { article: 6 }, render: sqm },
  staffNational: { article: { article: 7 }, render: staff },
  staffOther: { article: { article: 7 }, render: staff },
  staffTradeExperienceYears: { article: { article: 7 }, render: years },
  violationFreeYears: { article: { article: 10, item: 1, point: 3 }, render: years },
  servicePeriodYears: { article: { article: 10, item: 3 }, render: years },
  filingDeadlineWorkingDays: { article: { article: 10, item: 3 }, render: workingDays },
  operatorChangeDeadlineMonths: {
    article: { article: 10, item: 6 },
    render: (n, { t }) => (n === 1 ? t('policy.unit.oneMonth') : t('policy.unit.months', { n })),
  },
  minServiceYearsBeforeFunding: { article: { article: 11 }, render: years },
  baseFundingNational: { article: { article: 11 }, render: perYear },
  baseFundingProvincial: { article: { article: 11 }, render: perYear },
  baseFundingOther: { article: null, render: perYear },
  grades: {
    article: { article: 12, item: 3 },
    render: (gs, f) => gs.map((g) => grade(g, f)).join(f.locale === 'en' ? ', ' : '、'),
  },
  noFundsGrade: { article: { article: 12, item: 3 }, render: grade },
  consecutivePoorYearsToCancel: { article: { article: 12, item: 3 }, render: years },
  tenderPriorityGrade: { article: { article: 12, item: 3 }, render: grade },
  gradeThresholds: { article: null, render: (th, { t }) => t('policy.thresholds', th) },
  rectificationWorkingDays: { article: null, render: workingDays },
  gradeFundingShares: {
    article: { article: 11 },
    render: (sh, f) =>
      (['excellent', 'good', 'fair', 'poor'] as const)
        .map((g) => `${grade(g, f)} ${sh[g]}%`)
        .join(f.locale === 'en' ? ', ' : '、'),
  },
  conditionFailureDays: { article: { article: 9, item: 4 }, render: (n, { t }) => t('policy.unit.days', { n }) },
};

/** Type-safe walk over the spec: one row per parameter, rendered in the user's language. */
export function parameterRows(parameters: TPolicyParameters, f: Formatter) {
  return (Object.keys(PARAMETER_SPEC) as (keyof TPolicyParameters)[]).map((key) => {
    const spec = PARAMETER_SPEC[key] as {
      article: ArticleRef | null;
      render: (value: unknown, f: Formatter) => string;
    };
    return { key, article: spec.article, value: spec.render(parameters[key], f) };
  });
}
