import {
  METRIC_KEYS,
  type TIndicator,
  type TIndicatorGroup,
  type TIndicatorSystemBody,
  type TMetricKey,
  type TScoringRule,
} from '../../../../contracts/assessment';

/*
 * The pure half of the indicator editor (issue 14, Art. 12(一)): an indicator ↔ the values of its modal form, the
 * key a new indicator gets, and the edits to a system's body. The form shows a thresholds step's share as a
 * percentage (得分比例 60%) while the contract stores 0–1; the page and the server both check the result against
 * ZIndicatorSystemBody, so nothing here needs to repeat the contract beyond what the form must say to the user.
 */

export const COMPUTED_RULE_KINDS = ['linear', 'thresholds', 'rank', 'growth'] as const;
export type TRuleKind = TScoringRule['kind'];

export interface StepFormValues {
  atLeast: number | null;
  /** 得分比例 in percent, 0–100. */
  percent: number | null;
}

export interface IndicatorFormValues {
  source: 'computed' | 'evaluator';
  /** The figure a computed indicator scores; undefined for the evaluator's. */
  metric?: TMetricKey;
  nameZh: string;
  nameEn: string;
  weight: number | null;
  kind: TRuleKind;
  zeroAt?: number | null;
  fullAt?: number | null;
  steps?: StepFormValues[];
  better?: 'higher' | 'lower';
  pointsPerPercent?: number | null;
  guidance?: string;
  article: string;
}

/** 0.07 × 100 is 7.000000000000001 in floating point; a percentage in the form carries at most 4 decimals. */
function toPercent(share: number): number {
  return Math.round(share * 1_000_000) / 10_000;
}

export function toFormValues(i: TIndicator): IndicatorFormValues {
  const rule = i.scoring;
  return {
    source: i.metric ? 'computed' : 'evaluator',
    metric: i.metric ?? undefined,
    nameZh: i.name['zh-CN'],
    nameEn: i.name.en,
    weight: i.weight,
    kind: rule.kind,
    zeroAt: rule.kind === 'linear' ? rule.zeroAt : null,
    fullAt: rule.kind === 'linear' ? rule.fullAt : null,
    steps:
      rule.kind === 'thresholds'
        ? rule.steps.map((s) => ({ atLeast: s.atLeast, percent: toPercent(s.share) }))
        : [{ atLeast: null, percent: 100 }],
    better: rule.kind === 'rank' ? rule.better : 'higher',
    pointsPerPercent: rule.kind === 'growth' ? rule.pointsPerPercent : null,
    guidance: i.guidance,
    article: i.article,
  };
}

/** The values a new indicator's form starts from. */
export function emptyFormValues(source: 'computed' | 'evaluator', article: string): IndicatorFormValues {
  return {
    source,
    nameZh: '',
    nameEn: '',
    weight: null,
    kind: source === 'computed' ? 'linear' : 'evaluator',
    zeroAt: 0,
    fullAt: null,
    steps: [{ atLeast: null, percent: 100 }],
    better: 'higher',
    pointsPerPercent: null,
    guidance: '',
    article,
  };
}

const isNumber = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * The rule the values describe, or null while they are incomplete (the modal then shows no rule in words). An
 * evaluator's indicator is always scored by the evaluator, and a computed one never is (the contract's
 * INDICATOR_METRIC_MISMATCH).
 */
export function toScoringRule(v: Partial<IndicatorFormValues>): TScoringRule | null {
  if (v.source === 'evaluator') return { kind: 'evaluator' };
  switch (v.kind) {
    case 'linear':
      return isNumber(v.zeroAt) && isNumber(v.fullAt) ? { kind: 'linear', zeroAt: v.zeroAt, fullAt: v.fullAt } : null;
    case 'thresholds': {
      const steps = v.steps ?? [];
      if (steps.length === 0 || !steps.every((s) => s && isNumber(s.atLeast) && isNumber(s.percent))) return null;
      return {
        kind: 'thresholds',
        steps: steps.map((s) => ({ atLeast: s.atLeast as number, share: (s.percent as number) / 100 })),
      };
    }
    case 'rank':
      return { kind: 'rank', better: v.better ?? 'higher' };
    case 'growth':
      return isNumber(v.pointsPerPercent) ? { kind: 'growth', pointsPerPercent: v.pointsPerPercent } : null;
    default:
      return null;
  }
}

/** The indicator the (validated) form describes; key and group are the editor's, not the user's. */
export function toIndicator(v: IndicatorFormValues, at: { key: string; group: TIndicatorGroup }): TIndicator {
  const scoring = toScoringRule(v);
  if (!scoring) throw new Error('the scoring rule is incomplete');
  return {
    key: at.key,
    group: at.group,
    name: { 'zh-CN': v.nameZh.trim(), en: v.nameEn.trim() },
    weight: v.weight ?? 0,
    metric: v.source === 'computed' ? (v.metric ?? null) : null,
    scoring,
    guidance: (v.guidance ?? '').trim(),
    article: v.article.trim(),
  };
}

const KEY = /^[a-z][A-Za-z0-9_.]{1,47}$/;

/**
 * A key for a new indicator, unique in the system and matching the contract's pattern. Scores refer to the key, so
 * it never changes once given, and the user never sees it. A computed indicator takes its metric's key, as the
 * shipped system's do; an evaluator's indicator is numbered within its group.
 */
export function newIndicatorKey(group: TIndicatorGroup, metric: TMetricKey | null, existing: Iterable<string>): string {
  const taken = new Set(existing);
  if (metric && !taken.has(metric)) return metric;
  const base = metric ? `${metric}_` : `${group}.scored`;
  for (let n = metric ? 2 : 1; ; n++) {
    const key = `${base}${n}`;
    if (!taken.has(key) && KEY.test(key)) return key;
  }
}

/** Metrics no indicator of the body scores yet, in the contract's order. */
export function unusedMetrics(body: TIndicatorSystemBody): TMetricKey[] {
  const used = new Set(body.indicators.map((i) => i.metric));
  return METRIC_KEYS.filter((m) => !used.has(m));
}

export function replaceIndicator(body: TIndicatorSystemBody, indicator: TIndicator): TIndicatorSystemBody {
  return { ...body, indicators: body.indicators.map((i) => (i.key === indicator.key ? indicator : i)) };
}

export function removeIndicator(body: TIndicatorSystemBody, key: string): TIndicatorSystemBody {
  return { ...body, indicators: body.indicators.filter((i) => i.key !== key) };
}

/** A new indicator goes after the last of its group, so the groups stay together in the stored order. */
export function addIndicator(body: TIndicatorSystemBody, indicator: TIndicator): TIndicatorSystemBody {
  const at = body.indicators.findLastIndex((i) => i.group === indicator.group);
  const indicators = [...body.indicators];
  indicators.splice(at === -1 ? indicators.length : at + 1, 0, indicator);
  return { ...body, indicators };
}

/** The weights' sum as shown, rounded to hundredths so that 7.1 + 2.9 reads 10 (the inputs take 2 decimals). */
export function weightSum(body: TIndicatorSystemBody): number {
  return Math.round(body.indicators.reduce((a, i) => a + i.weight, 0) * 100) / 100;
}

/** The contract's own test (WEIGHTS_NOT_100), so the page refuses to save exactly what the server would refuse. */
export function weightsAddUp(body: TIndicatorSystemBody): boolean {
  return Math.abs(body.indicators.reduce((a, i) => a + i.weight, 0) - 100) < 1e-9;
}

/**
 * The indicator a server refusal is about: its field is a path into the request, e.g. `body.indicators.3.scoring`
 * (the body as sent), so the page can name the indicator instead of showing the path.
 */
export function indicatorOfField(field: string, sent: TIndicatorSystemBody): TIndicator | null {
  const m = /^body\.indicators\.(\d+)(?:\.|$)/.exec(field);
  return m ? (sent.indicators[Number(m[1])] ?? null) : null;
}
