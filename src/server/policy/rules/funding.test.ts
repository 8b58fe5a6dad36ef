import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TGrade } from '../../../contracts/assessment';
import { POLICY_V1 } from '../parameters-v1';
import type { PolicyInForce } from '../policy';
import { computeEntitlement, type EntitlementInputs, servedDays } from './funding';

/** Art. 11 with 12(三) and 10(六): the entitlement rule, at its boundaries, under the shipped parameters (version 1). */

const policy: PolicyInForce = { version: 1, parameters: POLICY_V1 };
const whole = (operatorId = 7, year = 2026) => [{ operatorId, from: `${year}-01-01`, to: `${year}-12-31` }];
const input = (over: Partial<EntitlementInputs> = {}): EntitlementInputs => ({
  year: 2026,
  parkLevel: 'national',
  filedOn: '2025-03-01',
  grade: 'good',
  periods: whole(),
  ...over,
});
const NATIONAL = 400_000 * 100;
const PROVINCIAL = 300_000 * 100;

describe('computeEntitlement: eligibility (Art. 11 一经备案，服务期限需满一年以上)', () => {
  it('a centre never filed with the province gets nothing and is told why', () => {
    const [line, ...rest] = computeEntitlement(policy, input({ filedOn: null }));
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ status: 'ineligible', amountFen: 0, withheldFen: 0 });
    expect(line?.computation.explanation['zh-CN']).toContain('尚未报省商务厅备案');
    expect(line?.computation.inputs.eligibleFrom).toBeNull();
    expect(line?.computation.article).toContain('第十一条');
  });

  it('filed less than a year before the year ends: not eligible for that year', () => {
    const [line] = computeEntitlement(policy, input({ filedOn: '2026-01-01' }));
    expect(line).toMatchObject({ status: 'ineligible', amountFen: 0 });
    expect(line?.computation.inputs.eligibleFrom).toBe('2027-01-01');
    expect(line?.computation.explanation['zh-CN']).toContain('服务未满1年');
  });

  it('exactly one year by 31 December: eligible', () => {
    const [line] = computeEntitlement(policy, input({ filedOn: '2025-12-31' }));
    expect(line?.computation.inputs.eligibleFrom).toBe('2026-12-31');
    expect(line).toMatchObject({ status: 'due', amountFen: (NATIONAL * 90) / 100 });
  });

  it('filed on 29 February: the year is reached on 1 March of the next year', () => {
    const [before] = computeEntitlement(policy, input({ year: 2024, filedOn: '2024-02-29', periods: whole(7, 2024) }));
    expect(before?.status).toBe('ineligible');
    const [after] = computeEntitlement(policy, input({ year: 2025, filedOn: '2024-02-29', periods: whole(7, 2025) }));
    expect(after?.computation.inputs.eligibleFrom).toBe('2025-03-01');
    expect(after?.status).toBe('due');
  });

  it('eligible but the grade is not yet published: awaiting the grade, nothing fixed', () => {
    const [line] = computeEntitlement(policy, input({ grade: null }));
    expect(line).toMatchObject({ status: 'awaiting_grade', amountFen: 0, withheldFen: 0 });
    expect(line?.computation.inputs.sharePercent).toBeNull();
  });
});

describe('computeEntitlement: the grade (Art. 12(三))', () => {
  const cases: [TGrade, number, number][] = [
    ['excellent', NATIONAL, 0],
    ['good', (NATIONAL * 90) / 100, (NATIONAL * 10) / 100],
    ['fair', (NATIONAL * 80) / 100, (NATIONAL * 20) / 100],
  ];
  it.each(cases)('%s earns its share of the base; the rest is withheld', (grade, due, withheld) => {
    const [line] = computeEntitlement(policy, input({ grade }));
    expect(line).toMatchObject({ status: 'due', amountFen: due, withheldFen: withheld });
    expect(line?.computation).toMatchObject({ rule: 'funding.entitlement', policyVersion: 1 });
    expect(line?.computation.inputs).toMatchObject({ baseFen: NATIONAL, grade });
  });

  it('较差 earns nothing: the whole base is withheld, citing Art. 12(三)', () => {
    const [line] = computeEntitlement(policy, input({ grade: 'poor' }));
    expect(line).toMatchObject({ status: 'withheld', amountFen: 0, withheldFen: NATIONAL });
    expect(line?.computation.article).toContain('第十二条（三）');
    expect(line?.computation.explanation['zh-CN']).toContain('不享受当年资金支持');
    expect(line?.computation.explanation.en).toContain('Art. 12');
  });

  it('the base follows the park level (provincial, other) and the version in force', () => {
    expect(computeEntitlement(policy, input({ parkLevel: 'provincial', grade: 'excellent' }))[0]?.amountFen).toBe(
      PROVINCIAL,
    );
    const v2: PolicyInForce = {
      version: 2,
      parameters: {
        ...POLICY_V1,
        baseFundingOther: 100_000,
        gradeFundingShares: { ...POLICY_V1.gradeFundingShares, fair: 50 },
      },
    };
    const [line] = computeEntitlement(v2, input({ parkLevel: 'other', grade: 'fair' }));
    expect(line).toMatchObject({ amountFen: 5_000_000, withheldFen: 5_000_000 });
    expect(line?.computation.policyVersion).toBe(2);
  });
});

describe('computeEntitlement: a change of operator (Art. 10(六))', () => {
  it('splits by served days, the incoming operator taking the remainder', () => {
    const lines = computeEntitlement(
      policy,
      input({
        grade: 'excellent',
        periods: [
          { operatorId: 2, from: '2026-07-01', to: '2026-12-31' },
          { operatorId: 1, from: '2026-01-01', to: '2026-06-30' },
        ],
      }),
    );
    expect(lines.map((l) => l.operatorId)).toEqual([1, 2]);
    expect(lines[0]?.amountFen).toBe(Math.floor((NATIONAL * 181) / 365));
    expect(lines[1]?.amountFen).toBe(NATIONAL - Math.floor((NATIONAL * 181) / 365));
    expect(lines[0]?.computation.explanation['zh-CN']).toContain('在岗181/365天');
  });

  it('counts 29 February as a served day', () => {
    expect(servedDays('2024-01-01', '2024-12-31')).toBe(366);
    expect(servedDays('2024-02-28', '2024-03-01')).toBe(3);
    expect(servedDays('2025-02-28', '2025-03-01')).toBe(2);
  });

  it('the lines add up to the fen, each near its share of the days (property)', () => {
    const day = fc
      .integer({ min: 0, max: 364 })
      .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    const period = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
    fc.assert(
      fc.property(
        fc.array(period, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<TGrade>('excellent', 'good', 'fair', 'poor'),
        fc.constantFrom('national', 'provincial', 'other' as const),
        (periods, grade, parkLevel) => {
          const lines = computeEntitlement(
            policy,
            input({ grade, parkLevel, periods: periods.map((p, i) => ({ operatorId: i + 1, ...p })) }),
          );
          const base = parkLevel === 'national' ? NATIONAL : PROVINCIAL;
          const share = POLICY_V1.gradeFundingShares[grade];
          const due = grade === 'poor' ? 0 : (base * share) / 100;
          expect(lines).toHaveLength(periods.length);
          expect(lines.reduce((s, l) => s + l.amountFen, 0)).toBe(due);
          expect(lines.reduce((s, l) => s + l.withheldFen, 0)).toBe(base - due);
          const days = lines.map(
            (l) => l.computation.inputs.periods.find((p) => p.operatorId === l.operatorId)?.servedDays ?? 0,
          );
          const all = days.reduce((s, d) => s + d, 0);
          lines.forEach((l, i) => {
            expect(Number.isInteger(l.amountFen) && l.amountFen >= 0).toBe(true);
            // Each takes ⌊its share⌋; the last absorbs the rounding of the others (under one fen each).
            expect(Math.abs(l.amountFen - (due * (days[i] ?? 0)) / all)).toBeLessThanOrEqual(lines.length);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
