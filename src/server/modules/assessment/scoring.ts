import type {
  TGrade,
  TGradeThresholds,
  TIndicator,
  TIndicatorSystemBody,
  TMetricKey,
  TScoringRule,
} from '../../../contracts/assessment';
import { scoringRuleInWords } from '../../../contracts/assessment-cycle';

/*
 * The scoring engine of the annual assessment (Art. 12(二)(3), 12(三)): pure, from the frozen indicator system, the
 * submission's computed figures, the evaluator's scores and the cycle's cohort (for rank rules) to points per
 * indicator, a total and a grade. No database, no clock: the same inputs always give the same breakdown, so the
 * evaluator's preview, the stored total and the published result agree.
 *
 * Exact decimals: every amount of points is an integer number of hundredths. Each indicator's points are rounded
 * once, half away from zero, to hundredths; the total is the SUM OF THE ROUNDED POINTS (decision 0029, "Scoring"),
 * so the breakdown a centre sees adds up to its total to the cent, and no float drift reaches a grade boundary.
 */

type Words = { 'zh-CN': string; en: string };

export interface IndicatorScore {
  key: string;
  /** The figure scored (computed indicators), or null (evaluator's indicators, and figures that cannot be computed). */
  value: number | null;
  /** Points given, 2 decimals; null for an evaluator's indicator not yet scored. */
  points: number | null;
  /** Share of the weight reached, 0–1 (4 decimals); null when not yet scored. */
  share: number | null;
  weight: number;
  source: 'computed' | 'evaluator';
  /** The rule in words, for the evaluator, the province and the centre. */
  rule: Words;
}

export interface ScoreResult {
  indicators: IndicatorScore[];
  /** Sum of the indicators' rounded points (missing evaluator scores count 0), 2 decimals. */
  total: number;
  grade: TGrade;
  /** False while an evaluator's indicator has no score: the submission cannot be finished (Art. 12(二)(3)). */
  complete: boolean;
  /** Keys of the evaluator's indicators still without a score. */
  missing: string[];
}

export interface ScoreInput {
  system: TIndicatorSystemBody;
  /** The submission's computed figures (its snapshot); a missing or null value scores 0. */
  values: Partial<Record<TMetricKey, number | null>>;
  /** The evaluator's points per indicator key (0–weight). */
  evaluatorScores: Readonly<Record<string, number | undefined>>;
  /** For rank rules: the figures of every centre of the cycle being ranked, this submission's included. */
  cohort: ReadonlyArray<Partial<Record<TMetricKey, number | null>>>;
}

/** Hundredths of a number of points, rounded half away from zero (weights and scores carry at most 2 decimals). */
export function toHundredths(x: number): number {
  const r = Math.round(Math.abs(x) * 100 + 1e-9);
  return x < 0 ? -r : r;
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(x, 1));
}

/** The place (0 = best) of `value` among `values`; ties share the better place, nulls rank after every number. */
export function rankPlace(value: number, values: ReadonlyArray<number | null>, better: 'higher' | 'lower'): number {
  let place = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (better === 'higher' ? v > value : v < value) place++;
  }
  return place;
}

/** Share of the weight (0–1) a computed indicator's value reaches under its rule. */
function shareOf(rule: TScoringRule, value: number, metric: TMetricKey, input: ScoreInput, weight: number): number {
  switch (rule.kind) {
    case 'linear':
      // Either direction: fullAt < zeroAt means lower is better; clamped to 0–1 outside the two values.
      return clamp01((value - rule.zeroAt) / (rule.fullAt - rule.zeroAt));
    case 'thresholds': {
      // The highest step reached (the largest `atLeast` not above the value); below every step, nothing.
      let best: { atLeast: number; share: number } | null = null;
      for (const s of rule.steps) if (value >= s.atLeast && (best === null || s.atLeast > best.atLeast)) best = s;
      return best ? best.share : 0;
    }
    case 'rank': {
      const values = input.cohort.map((c) => c[metric] ?? null);
      const n = values.length;
      // A cohort of one (or one centre alone) takes full marks: there is nobody to be behind.
      if (n <= 1) return 1;
      return clamp01((n - 1 - rankPlace(value, values, rule.better)) / (n - 1));
    }
    case 'growth':
      // Points per percentage point of growth, up to the weight; a fall or no growth scores nothing.
      return value <= 0 ? 0 : clamp01((value * rule.pointsPerPercent) / weight);
    case 'evaluator':
      return 0;
  }
}

/** The indicator's rule in words (zh-CN, en) with its numbers and unit: the contract's one wording. */
export function ruleInWords(indicator: TIndicator): Words {
  return scoringRuleInWords(indicator.scoring, indicator.weight, indicator.metric);
}

/** 优秀 / 良好 / 一般 / 较差 by the system's thresholds (Art. 12(三)), compared in hundredths. */
export function gradeOf(total: number, t: TGradeThresholds): TGrade {
  const h = toHundredths(total);
  if (h >= toHundredths(t.excellent)) return 'excellent';
  if (h >= toHundredths(t.good)) return 'good';
  if (h >= toHundredths(t.fair)) return 'fair';
  return 'poor';
}

/** Points per indicator, the total and the grade of one submission under its cycle's frozen system. */
export function scoreSubmission(input: ScoreInput): ScoreResult {
  const missing: string[] = [];
  let totalH = 0;
  const indicators = input.system.indicators.map((ind): IndicatorScore => {
    const weightH = toHundredths(ind.weight);
    const base = { key: ind.key, weight: ind.weight, rule: ruleInWords(ind) };
    if (ind.scoring.kind === 'evaluator' || ind.metric === null) {
      const given = input.evaluatorScores[ind.key];
      if (given === undefined || !Number.isFinite(given)) {
        missing.push(ind.key);
        return { ...base, value: null, points: null, share: null, source: 'evaluator' };
      }
      // The evaluator's points, held within 0–weight (the use case refuses anything outside, this only guards).
      const h = Math.min(Math.max(toHundredths(given), 0), weightH);
      totalH += h;
      return { ...base, value: null, points: h / 100, share: Number((h / weightH).toFixed(4)), source: 'evaluator' };
    }
    const raw = input.values[ind.metric];
    const value = raw === undefined || raw === null || !Number.isFinite(raw) ? null : raw;
    // A figure that cannot be computed scores nothing (contracts: ZMetricValues).
    const share = value === null ? 0 : shareOf(ind.scoring, value, ind.metric, input, ind.weight);
    const h = Math.min(Math.round(share * weightH + 1e-9), weightH);
    totalH += h;
    return { ...base, value, points: h / 100, share: Number(share.toFixed(4)), source: 'computed' };
  });
  const total = totalH / 100;
  return {
    indicators,
    total,
    grade: gradeOf(total, input.system.gradeThresholds),
    complete: missing.length === 0,
    missing,
  };
}
