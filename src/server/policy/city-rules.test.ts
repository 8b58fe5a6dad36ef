import { describe, expect, it } from 'vitest';
import { applyCityRule, firstNotStricter } from './city-rules';
import { POLICY_V1 } from './parameters-v1';
import { filingDeadline, filingVerdict } from './rules/deadlines';
import { staffingVerdicts } from './rules/staffing';

const province = { version: 1, parameters: POLICY_V1 };
const ref = { id: 7, cityName: '宜昌市', title: '宜昌市实施细则', documentNumber: '宜商务发〔2026〕12号' };

describe('city rules on top of the province (Art. 15)', () => {
  it('applies only stricter values and lists the keys it set', () => {
    const p = applyCityRule(province, {
      ref,
      parameters: { venueMinAreaOther: 40, 'staffOther.total': 4, filingDeadlineWorkingDays: 10 },
    });
    expect(p.parameters.venueMinAreaOther).toBe(50); // 40 is looser: the province's 50 stands
    expect(p.parameters.staffOther).toEqual({ ...POLICY_V1.staffOther, total: 4 });
    expect(p.parameters.filingDeadlineWorkingDays).toBe(10);
    expect(p.overridden).toEqual(['staffOther.total', 'filingDeadlineWorkingDays']);
    expect(p.cityRule).toEqual(ref);
  });

  it('gives way to a stricter province, and names no rule then', () => {
    const stricter = { version: 2, parameters: { ...POLICY_V1, venueMinAreaOther: 200 } };
    const p = applyCityRule(stricter, { ref, parameters: { venueMinAreaOther: 100 } });
    expect(p.parameters.venueMinAreaOther).toBe(200);
    expect(p.overridden).toEqual([]);
    expect(p.cityRule).toBeNull();
  });

  it('refuses the first value on the wrong side, naming it and the direction in both languages', () => {
    expect(firstNotStricter({ venueMinAreaNational: 90, conditionFailureDays: 20 }, province)).toBeNull();
    const bad = firstNotStricter({ conditionFailureDays: 30 }, province);
    expect(bad).toMatchObject({ key: 'conditionFailureDays', province: 30, value: 30 });
    expect(bad?.message['zh-CN']).toContain('须小于');
    expect(bad?.message.en).toContain('must be less than 30');
  });

  it('tags the verdicts whose number came from the rule', () => {
    const p = applyCityRule(province, { ref, parameters: { 'staffOther.total': 4, filingDeadlineWorkingDays: 10 } });
    const staff = staffingVerdicts('provincial', [], p);
    expect(staff.find((v) => v.rule === 'staff.total')?.cityRule?.note['zh-CN']).toBe(
      '按宜昌市实施细则：派驻人员不少于 4 名',
    );
    expect(staff.find((v) => v.rule === 'staff.customsDeclarant')?.cityRule).toBeUndefined();
    const filing = filingVerdict('2026-11-02', null, '2026-11-10', p);
    expect(filing.required).toBe(filingDeadline('2026-11-02', p));
    expect(filing.required).not.toBe(filingDeadline('2026-11-02', province));
    expect(filing.cityRule?.documentNumber).toBe('宜商务发〔2026〕12号');
  });
});
