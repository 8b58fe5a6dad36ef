import { describe, expect, it } from 'vitest';
import type { TVerdict } from '../../../contracts/centre';
import { POLICY_V1 } from '../parameters-v1';
import type { PolicyInForce } from '../policy';
import { type StaffFacts, staffingVerdicts } from './staffing';

const v1: PolicyInForce = { version: 1, parameters: POLICY_V1 };

const person = (over: Partial<StaffFacts> = {}): StaffFacts => ({
  tradeYears: 1,
  customsDeclarant: false,
  foreignLanguage: false,
  ...over,
});

const byRule = (verdicts: TVerdict[]) => Object.fromEntries(verdicts.map((v) => [v.rule, v]));

/** A team meeting the national minimum exactly: 5 people, 2 experienced, 1 declarant, 1 linguist. */
const nationalTeam = (): StaffFacts[] => [
  person({ tradeYears: 3 }),
  person({ tradeYears: 8 }),
  person({ customsDeclarant: true }),
  person({ foreignLanguage: true }),
  person(),
];

describe('Art. 7 staffing', () => {
  it('gives four verdicts, each citing the article and the parameter version', () => {
    const verdicts = staffingVerdicts('national', nationalTeam(), v1);
    expect(verdicts.map((v) => v.rule)).toEqual([
      'staff.total',
      'staff.tradeYears',
      'staff.customsDeclarant',
      'staff.foreignLanguage',
    ]);
    for (const v of verdicts) {
      expect(v).toMatchObject({ ok: true, article: '第七条', policyVersion: 1 });
      expect(v.message['zh-CN']).toContain('（第七条）');
      expect(v.message.en).toContain('(Art. 7)');
    }
  });

  it('needs 5 staff in a national-level park: 4 fail, 5 pass', () => {
    const five = nationalTeam();
    expect(byRule(staffingVerdicts('national', five, v1))['staff.total']).toEqual({
      ok: true,
      article: '第七条',
      rule: 'staff.total',
      required: 5,
      actual: 5,
      policyVersion: 1,
      message: {
        'zh-CN': '派驻人员 5 名，符合国家级开发区（园区）不少于 5 名的要求（第七条）',
        en: 'Stationed staff: 5, meeting the minimum of 5 for a national-level park (Art. 7)',
      },
    });
    const four = byRule(staffingVerdicts('national', five.slice(0, 4), v1));
    expect(four['staff.total']).toMatchObject({ ok: false, required: 5, actual: 4 });
    expect(four['staff.total'].message['zh-CN']).toBe(
      '派驻人员 4 名，低于国家级开发区（园区）不少于 5 名的要求（第七条）',
    );
    expect(four['staff.tradeYears'].ok).toBe(true);
  });

  it('needs 3 staff in a provincial or other park: 2 fail, 3 pass', () => {
    const three = [person({ tradeYears: 3, customsDeclarant: true }), person({ foreignLanguage: true }), person()];
    for (const level of ['provincial', 'other'] as const) {
      const ok = byRule(staffingVerdicts(level, three, v1));
      expect(Object.values(ok).every((v) => v.ok)).toBe(true);
      expect(ok['staff.total']).toMatchObject({ required: 3, actual: 3 });
      expect(ok['staff.tradeYears']).toMatchObject({ required: 1, actual: 1 });
      const two = byRule(staffingVerdicts(level, three.slice(0, 2), v1));
      expect(two['staff.total']).toMatchObject({ ok: false, required: 3, actual: 2 });
      expect(two['staff.total'].message['zh-CN']).toContain('低于省级等其他开发区（园区）不少于 3 名');
      expect(two['staff.total'].message.en).toContain('below the minimum of 3 for a provincial or other park');
    }
  });

  it('counts 3 years in trade (以上 includes 3), not 2.9', () => {
    const team = nationalTeam();
    team[0] = person({ tradeYears: 2.9 });
    const short = byRule(staffingVerdicts('national', team, v1))['staff.tradeYears'];
    expect(short).toMatchObject({ ok: false, required: 2, actual: 1 });
    expect(short.message['zh-CN']).toBe(
      '从事国际贸易3年以上的人员 1 名，低于国家级开发区（园区）不少于 2 名的要求（第七条）',
    );
    team[0] = person({ tradeYears: 3 });
    expect(byRule(staffingVerdicts('national', team, v1))['staff.tradeYears']).toMatchObject({ ok: true, actual: 2 });
  });

  it('ignores a missing or nonsense number of years', () => {
    const team = nationalTeam();
    team[0] = person({ tradeYears: Number.NaN });
    team[1] = person({ tradeYears: Number.POSITIVE_INFINITY });
    expect(byRule(staffingVerdicts('national', team, v1))['staff.tradeYears']).toMatchObject({ ok: false, actual: 0 });
  });

  it('needs a customs declarant and a foreign-language specialist', () => {
    const none = nationalTeam().map((p) => ({ ...p, customsDeclarant: false, foreignLanguage: false }));
    const v = byRule(staffingVerdicts('national', none, v1));
    expect(v['staff.customsDeclarant']).toMatchObject({ ok: false, required: 1, actual: 0 });
    expect(v['staff.foreignLanguage']).toMatchObject({ ok: false, required: 1, actual: 0 });
    expect(v['staff.customsDeclarant'].message['zh-CN']).toContain('专业报关员 0 名');
    expect(v['staff.foreignLanguage'].message['zh-CN']).toContain('外语人才 0 名');
  });

  it('lets one person count under several heads', () => {
    const team = [
      person({ tradeYears: 5, customsDeclarant: true, foreignLanguage: true }),
      person({ tradeYears: 4 }),
      person(),
      person(),
      person(),
    ];
    expect(staffingVerdicts('national', team, v1).every((v) => v.ok)).toBe(true);
  });

  it('fails every head with no staff', () => {
    expect(staffingVerdicts('national', [], v1).map((v) => [v.ok, v.required, v.actual])).toEqual([
      [false, 5, 0],
      [false, 2, 0],
      [false, 1, 0],
      [false, 1, 0],
    ]);
  });

  it('reads the numbers from the parameter version, not from the code', () => {
    const v2: PolicyInForce = {
      version: 2,
      parameters: {
        ...POLICY_V1,
        staffNational: { ...POLICY_V1.staffNational, total: 6 },
        staffTradeExperienceYears: 5,
      },
    };
    const v = byRule(staffingVerdicts('national', nationalTeam(), v2));
    expect(v['staff.total']).toMatchObject({ ok: false, required: 6, actual: 5, policyVersion: 2 });
    expect(v['staff.total'].message['zh-CN']).toContain('不少于 6 名');
    // Only the 8-year person has 5 or more years now.
    expect(v['staff.tradeYears']).toMatchObject({ ok: false, required: 2, actual: 1, policyVersion: 2 });
    expect(v['staff.tradeYears'].message['zh-CN']).toContain('从事国际贸易5年以上');
    expect(byRule(staffingVerdicts('national', nationalTeam(), v1))['staff.total'].ok).toBe(true);
  });
});
