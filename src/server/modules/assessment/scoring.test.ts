import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  METRIC_KEYS,
  type TIndicator,
  type TIndicatorSystemBody,
  type TMetricKey,
} from '../../../contracts/assessment';
import { DEFAULT_INDICATOR_SYSTEM } from './default-system';
import { gradeOf, rankPlace, scoreSubmission } from './scoring';

/** A system of one computed indicator (weight 60) and one the evaluator scores (weight 40). */
function system(rule: TIndicator['scoring'], metric: TMetricKey = 'services.records'): TIndicatorSystemBody {
  return {
    indicators: [
      {
        key: 'm',
        group: 'services',
        name: { 'zh-CN': '指标', en: 'm' },
        weight: 60,
        metric,
        scoring: rule,
        guidance: '',
        article: '第十二条（一）',
      },
      {
        key: 'e',
        group: 'services',
        name: { 'zh-CN': '现场', en: 'e' },
        weight: 40,
        metric: null,
        scoring: { kind: 'evaluator' },
        guidance: '',
        article: '第十二条（二）',
      },
    ],
    gradeThresholds: { excellent: 90, good: 80, fair: 60 },
  };
}
const pointsOf = (rule: TIndicator['scoring'], value: number | null, cohort: Array<number | null> = [value]) =>
  scoreSubmission({
    system: system(rule),
    values: { 'services.records': value },
    evaluatorScores: { e: 0 },
    cohort: cohort.map((v) => ({ 'services.records': v })),
  }).indicators[0]?.points;

describe('scoring rules (Art. 12(二)(3))', () => {
  it('linear: 0 at zeroAt, full at fullAt, in proportion between, clamped both ends', () => {
    const r = { kind: 'linear', zeroAt: 0, fullAt: 500 } as const;
    expect([pointsOf(r, -5), pointsOf(r, 0), pointsOf(r, 250), pointsOf(r, 500), pointsOf(r, 9000)]).toEqual([
      0, 0, 30, 60, 60,
    ]);
  });

  it('linear with fullAt below zeroAt scores lower values higher (response hours)', () => {
    const r = { kind: 'linear', zeroAt: 72, fullAt: 8 } as const;
    expect([pointsOf(r, 4), pointsOf(r, 8), pointsOf(r, 40), pointsOf(r, 72), pointsOf(r, 100)]).toEqual([
      60, 60, 30, 0, 0,
    ]);
  });

  it('thresholds: the highest step reached, nothing below the lowest', () => {
    const r: TIndicator['scoring'] = {
      kind: 'thresholds',
      steps: [
        { atLeast: 100, share: 0.5 },
        { atLeast: 10, share: 0.2 },
        { atLeast: 300, share: 1 },
      ],
    };
    expect([pointsOf(r, 9), pointsOf(r, 10), pointsOf(r, 299), pointsOf(r, 300)]).toEqual([0, 12, 30, 60]);
  });

  it('rank: first full, last 0, evenly between; ties share the better place; nulls rank last', () => {
    const r = { kind: 'rank', better: 'higher' } as const;
    const cohort = [50, 30, 30, 10, null];
    expect(cohort.map((v) => pointsOf(r, v, cohort))).toEqual([60, 45, 45, 15, 0]);
    expect(rankPlace(10, cohort, 'higher')).toBe(3);
    expect(rankPlace(10, cohort, 'lower')).toBe(0);
  });

  it('rank: a cohort of one takes full marks', () => {
    expect(pointsOf({ kind: 'rank', better: 'lower' }, 7, [7])).toBe(60);
  });

  it('growth: points per percentage point, capped at the weight, nothing for no growth or a fall', () => {
    const r = { kind: 'growth', pointsPerPercent: 2.5 } as const;
    expect([pointsOf(r, -3), pointsOf(r, 0), pointsOf(r, 4.1), pointsOf(r, 24), pointsOf(r, 80)]).toEqual([
      0, 0, 10.25, 60, 60,
    ]);
  });

  it('a figure that cannot be computed scores 0', () => {
    expect(pointsOf({ kind: 'linear', zeroAt: 0, fullAt: 10 }, null)).toBe(0);
  });

  it('an evaluator indicator without a score leaves the submission incomplete', () => {
    const r = scoreSubmission({
      system: system({ kind: 'linear', zeroAt: 0, fullAt: 10 }),
      values: {},
      evaluatorScores: {},
      cohort: [],
    });
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['e']);
    expect(r.indicators[1]?.points).toBeNull();
  });

  it('the total is the sum of the rounded points, with no float drift', () => {
    // 1/3 of 60 = 20.00; 0.1 + 0.2 style sums stay exact in hundredths.
    const r = scoreSubmission({
      system: system({ kind: 'linear', zeroAt: 0, fullAt: 3 }),
      values: { 'services.records': 1 },
      evaluatorScores: { e: 10.1 },
      cohort: [],
    });
    expect(r.indicators.map((i) => i.points)).toEqual([20, 10.1]);
    expect(r.total).toBe(30.1);
  });

  it('the shipped system gives full marks to a centre at every full value', () => {
    const values = Object.fromEntries(METRIC_KEYS.map((k) => [k, 1_000_000])) as Record<TMetricKey, number>;
    values['services.responseHours'] = 1;
    values['services.completionDays'] = 1;
    values['feedback.ratingRate'] = 100;
    values['feedback.goodRate'] = 100;
    values['feedback.rectificationOnTimeRate'] = 100;
    const r = scoreSubmission({
      system: DEFAULT_INDICATOR_SYSTEM,
      values,
      evaluatorScores: { 'services.onsite': 4, 'activities.quality': 3 },
      cohort: [values],
    });
    expect(r).toMatchObject({ total: 100, grade: 'excellent', complete: true });
  });

  it('every rule reads in both languages', () => {
    const r = scoreSubmission({ system: DEFAULT_INDICATOR_SYSTEM, values: {}, evaluatorScores: {}, cohort: [] });
    for (const i of r.indicators) {
      expect(i.rule['zh-CN']).toMatch(/分/);
      expect(i.rule.en).toMatch(/point/);
    }
  });
});

describe('grades (Art. 12(三), thresholds 90 / 80 / 60)', () => {
  const t = DEFAULT_INDICATOR_SYSTEM.gradeThresholds;
  it.each([
    [89.99, 'good'],
    [90, 'excellent'],
    [79.99, 'fair'],
    [80, 'good'],
    [59.99, 'poor'],
    [60, 'fair'],
    [0, 'poor'],
    [100, 'excellent'],
  ] as const)('%s → %s', (total, grade) => {
    expect(gradeOf(total, t)).toBe(grade);
  });

  it('a computed total of exactly 89.99 or 90 lands on the right side', () => {
    const sys = system({ kind: 'linear', zeroAt: 0, fullAt: 100 });
    const at = (v: number, e: number) =>
      scoreSubmission({ system: sys, values: { 'services.records': v }, evaluatorScores: { e }, cohort: [] });
    expect(at(100, 29.99)).toMatchObject({ total: 89.99, grade: 'good' });
    expect(at(100, 30)).toMatchObject({ total: 90, grade: 'excellent' });
    expect(at(66.65, 40)).toMatchObject({ total: 79.99, grade: 'fair' });
    expect(at(100, 20)).toMatchObject({ total: 80, grade: 'good' });
    expect(at(50, 30)).toMatchObject({ total: 60, grade: 'fair' });
    expect(at(50, 29.99)).toMatchObject({ total: 59.99, grade: 'poor' });
  });
});

describe('properties of the engine over the shipped system', () => {
  const metricValue = fc.oneof(fc.constant(null), fc.double({ min: -1000, max: 100_000, noNaN: true }));
  const values = fc.record(
    Object.fromEntries(METRIC_KEYS.map((k) => [k, metricValue])) as Record<TMetricKey, typeof metricValue>,
  );
  const scores = fc.record({
    'services.onsite': fc.integer({ min: 0, max: 400 }).map((h) => h / 100),
    'activities.quality': fc.integer({ min: 0, max: 300 }).map((h) => h / 100),
  });

  it('the total lies within 0–100 and equals the sum of the points shown', () => {
    fc.assert(
      fc.property(values, scores, fc.array(values, { maxLength: 6 }), (v, s, others) => {
        const r = scoreSubmission({
          system: DEFAULT_INDICATOR_SYSTEM,
          values: v,
          evaluatorScores: s,
          cohort: [v, ...others],
        });
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
        const sumH = r.indicators.reduce((a, i) => a + Math.round((i.points ?? 0) * 100), 0);
        expect(Math.round(r.total * 100)).toBe(sumH);
      }),
    );
  });

  it('raising a figure where higher is better never lowers the total', () => {
    const higherIsBetter = DEFAULT_INDICATOR_SYSTEM.indicators.filter(
      (i) =>
        i.metric !== null &&
        ((i.scoring.kind === 'linear' && i.scoring.fullAt > i.scoring.zeroAt) ||
          i.scoring.kind === 'growth' ||
          (i.scoring.kind === 'rank' && i.scoring.better === 'higher')),
    );
    fc.assert(
      fc.property(
        values,
        scores,
        fc.array(values, { maxLength: 5 }),
        fc.constantFrom(...higherIsBetter),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        (v, s, others, ind, raise) => {
          const metric = ind.metric as TMetricKey;
          const before = scoreSubmission({
            system: DEFAULT_INDICATOR_SYSTEM,
            values: v,
            evaluatorScores: s,
            cohort: [v, ...others],
          });
          const v2 = { ...v, [metric]: (v[metric] ?? 0) + raise };
          const after = scoreSubmission({
            system: DEFAULT_INDICATOR_SYSTEM,
            values: v2,
            evaluatorScores: s,
            cohort: [v2, ...others],
          });
          expect(after.total).toBeGreaterThanOrEqual(before.total);
        },
      ),
    );
  });
});
