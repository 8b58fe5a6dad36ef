import { describe, expect, it } from 'vitest';
import { POLICY_V1 } from '../parameters-v1';
import { operatorEligibility } from './eligibility';

const v1 = { version: 1, parameters: POLICY_V1 };

describe('Art. 10(一)3, 13, 14 operator eligibility', () => {
  it('passes a qualified operator without violations', () => {
    expect(
      operatorEligibility({ qualificationStatus: 'qualified', violations: [] }, '2026-11-24', v1).every((v) => v.ok),
    ).toBe(true);
  });

  it('counts a violation within 3 years and forgets one older than that, to the day', () => {
    const within = operatorEligibility(
      { qualificationStatus: 'qualified', violations: ['2023-11-25'] },
      '2026-11-24',
      v1,
    );
    expect(within[1]).toMatchObject({ ok: false, actual: 1, article: '第十条（一）3' });
    const older = operatorEligibility(
      { qualificationStatus: 'qualified', violations: ['2023-11-24'] },
      '2026-11-24',
      v1,
    );
    expect(older[1]?.ok).toBe(true);
  });

  it('refuses disqualified (Art. 13) and blacklisted (Art. 14) operators', () => {
    expect(
      operatorEligibility({ qualificationStatus: 'disqualified', violations: [] }, '2026-11-24', v1)[0],
    ).toMatchObject({
      ok: false,
      article: '第十三条',
    });
    expect(
      operatorEligibility({ qualificationStatus: 'blacklisted', violations: [] }, '2026-11-24', v1)[0],
    ).toMatchObject({
      ok: false,
      article: '第十四条',
    });
  });

  it('reads the number of years from the parameter version', () => {
    const v2 = { version: 2, parameters: { ...POLICY_V1, violationFreeYears: 5 } };
    expect(
      operatorEligibility({ qualificationStatus: 'qualified', violations: ['2022-01-01'] }, '2026-11-24', v2)[1],
    ).toMatchObject({
      ok: false,
      policyVersion: 2,
    });
  });
});
