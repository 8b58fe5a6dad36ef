import { describe, expect, it } from 'vitest';
import { type TIndicator, ZIndicatorSystemBody } from '../../../../contracts/assessment';
import { DEFAULT_INDICATOR_SYSTEM } from '../../../../server/modules/assessment/default-system';
import {
  addIndicator,
  emptyFormValues,
  indicatorOfField,
  newIndicatorKey,
  removeIndicator,
  replaceIndicator,
  toFormValues,
  toIndicator,
  toScoringRule,
  unusedMetrics,
  weightsAddUp,
} from './indicator-form';

const body = DEFAULT_INDICATOR_SYSTEM;
const byKey = (key: string) => body.indicators.find((i) => i.key === key) as TIndicator;
const roundTrip = (i: TIndicator) => toIndicator(toFormValues(i), { key: i.key, group: i.group });

describe('indicator form ↔ indicator', () => {
  it('every indicator of the shipped system survives the round trip unchanged', () => {
    for (const i of body.indicators) expect(roundTrip(i), i.key).toEqual(i);
  });

  it('a thresholds step’s share is shown in percent and stored as 0–1, without float noise', () => {
    const i: TIndicator = {
      ...byKey('services.records'),
      scoring: {
        kind: 'thresholds',
        steps: [
          { atLeast: 10, share: 0.07 },
          { atLeast: 50, share: 0.565 },
          { atLeast: 100, share: 1 },
        ],
      },
    };
    const v = toFormValues(i);
    expect(v.steps).toEqual([
      { atLeast: 10, percent: 7 },
      { atLeast: 50, percent: 56.5 },
      { atLeast: 100, percent: 100 },
    ]);
    v.steps = [
      { atLeast: 5, percent: 40 },
      { atLeast: 20, percent: 100 },
    ];
    expect(toIndicator(v, i).scoring).toEqual({
      kind: 'thresholds',
      steps: [
        { atLeast: 5, share: 0.4 },
        { atLeast: 20, share: 1 },
      ],
    });
  });

  it('changing the kind keeps only the new kind’s numbers; incomplete values give no rule', () => {
    const v = toFormValues(byKey('services.records')); // linear 0 → 500
    expect(toScoringRule({ ...v, kind: 'growth', pointsPerPercent: 0.5 })).toEqual({
      kind: 'growth',
      pointsPerPercent: 0.5,
    });
    expect(toScoringRule({ ...v, kind: 'rank', better: 'lower' })).toEqual({ kind: 'rank', better: 'lower' });
    expect(toScoringRule({ ...v, fullAt: null })).toBeNull();
    expect(toScoringRule({ ...v, kind: 'thresholds', steps: [{ atLeast: 3, percent: null }] })).toBeNull();
    expect(toScoringRule({ ...v, kind: 'thresholds', steps: [] })).toBeNull();
    expect(toScoringRule({ ...v, kind: 'growth', pointsPerPercent: null })).toBeNull();
  });

  it('an evaluator’s indicator is scored by the evaluator whatever kind the form holds, and has no metric', () => {
    const v = { ...toFormValues(byKey('services.onsite')), kind: 'linear' as const, zeroAt: 0, fullAt: 3 };
    const i = toIndicator(v, byKey('services.onsite'));
    expect(i.scoring).toEqual({ kind: 'evaluator' });
    expect(i.metric).toBeNull();
  });

  it('names, guidance and article are trimmed as the contract trims them', () => {
    const v = { ...toFormValues(byKey('services.onsite')), nameZh: ' 场所 ', nameEn: ' Venue ', article: ' 第七条 ' };
    const i = toIndicator(v, byKey('services.onsite'));
    expect(i.name).toEqual({ 'zh-CN': '场所', en: 'Venue' });
    expect(i.article).toBe('第七条');
  });
});

describe('new indicator keys', () => {
  const pattern = /^[a-z][A-Za-z0-9_.]{1,47}$/;
  const keys = body.indicators.map((i) => i.key);

  it('a computed indicator takes its metric’s key, numbered when that key is taken', () => {
    expect(newIndicatorKey('services', 'services.enterprises', keys)).toBe('services.enterprises');
    expect(newIndicatorKey('services', 'services.records', keys)).toBe('services.records_2');
    expect(newIndicatorKey('services', 'services.records', [...keys, 'services.records_2'])).toBe('services.records_3');
  });

  it('an evaluator’s indicator is numbered within its group; every key matches the pattern and is new', () => {
    const taken = [...keys];
    for (let n = 0; n < 12; n++) {
      for (const group of ['services', 'newly_trading'] as const) {
        const key = newIndicatorKey(group, null, taken);
        expect(key).toMatch(pattern);
        expect(taken).not.toContain(key);
        taken.push(key);
      }
    }
    expect(newIndicatorKey('newly_trading', null, [])).toBe('newly_trading.scored1');
  });
});

describe('editing a body', () => {
  it('edit, remove and add give a body the contract accepts once the weights add up to 100', () => {
    const records = byKey('services.records'); // weight 7
    const onsite = byKey('services.onsite'); // weight 4
    let next = replaceIndicator(body, {
      ...toIndicator(
        { ...toFormValues(records), kind: 'thresholds', steps: [{ atLeast: 100, percent: 100 }] },
        records,
      ),
      name: { 'zh-CN': '服务记录', en: 'Records' },
    });
    next = removeIndicator(next, onsite.key);
    expect(weightsAddUp(next)).toBe(false);
    expect(ZIndicatorSystemBody.safeParse(next).success).toBe(false);

    const [metric] = unusedMetrics(next);
    expect(metric).toBeDefined();
    const added = toIndicator(
      {
        ...emptyFormValues('computed', '第十二条（一）'),
        metric,
        nameZh: '服务企业数',
        nameEn: 'Enterprises',
        weight: 4,
        fullAt: 80,
      },
      {
        key: newIndicatorKey(
          'services',
          metric ?? null,
          next.indicators.map((i) => i.key),
        ),
        group: 'services',
      },
    );
    next = addIndicator(next, added);
    expect(weightsAddUp(next)).toBe(true);
    const parsed = ZIndicatorSystemBody.safeParse(next);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    // The new one sits with its group, right after the group's last indicator.
    const at = next.indicators.findIndex((i) => i.key === added.key);
    expect(next.indicators[at - 1]?.group).toBe('services');
    expect(next.indicators[at + 1]?.group).toBe('feedback');
    expect(unusedMetrics(next)).not.toContain(metric);
  });

  it('a linear rule with the same two values is refused by the contract the server applies', () => {
    const records = byKey('services.records');
    const bad = replaceIndicator(body, toIndicator({ ...toFormValues(records), zeroAt: 10, fullAt: 10 }, records));
    expect(ZIndicatorSystemBody.safeParse(bad).success).toBe(false);
  });
});

describe('server refusals', () => {
  it('a field path names the indicator of the body as sent; other paths name none', () => {
    expect(indicatorOfField('body.indicators.2.scoring', body)?.key).toBe(body.indicators[2]?.key);
    expect(indicatorOfField('body.indicators.0', body)?.key).toBe(body.indicators[0]?.key);
    expect(indicatorOfField('body.indicators', body)).toBeNull();
    expect(indicatorOfField('body.indicators.99.weight', body)).toBeNull();
    expect(indicatorOfField('body.gradeThresholds.excellent', body)).toBeNull();
  });
});
