import { describe, expect, it } from 'vitest';
import { POLICY_V1 } from '../parameters-v1';
import type { PolicyInForce } from '../policy';
import { type ContractFacts, contractYear, renewalVerdict, reprocurementDue, servicePeriodEnd } from './procurement';

const v1: PolicyInForce = { version: 1, parameters: POLICY_V1 };
/** A later version with a 2-year period, to show the rules read the parameter rather than a literal 3. */
const v2: PolicyInForce = { version: 2, parameters: { ...POLICY_V1, servicePeriodYears: 2 } };

function dayAfter(day: string): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

describe('Art. 10(三) service period: 3 years from its first day', () => {
  it('ends the day before the third anniversary', () => {
    expect(servicePeriodEnd('2026-03-01', v1)).toBe('2029-02-28');
    expect(servicePeriodEnd('2027-03-01', v1)).toBe('2030-02-28');
    expect(servicePeriodEnd('2026-01-01', v1)).toBe('2028-12-31');
    expect(servicePeriodEnd('2026-11-24', v1)).toBe('2029-11-23');
    // The anniversary falls on 29 February: the day before it is the 28th.
    expect(servicePeriodEnd('2025-03-01', v1)).toBe('2028-02-29');
  });

  it('clamps a 29 February start to 28 February and ends the day before (2031-02-27)', () => {
    // 2031 has no 29 February: the "anniversary" is clamped to the 28th (民法典第二百零二条 month-end rule) and the
    // period ends the day before. The next period would start on 2031-02-28, so periods stay contiguous.
    expect(servicePeriodEnd('2028-02-29', v1)).toBe('2031-02-27');
  });

  it('follows the parameter version', () => {
    expect(servicePeriodEnd('2026-03-01', v2)).toBe('2028-02-29');
  });
});

describe('Art. 10(三) 一年一签: contract years', () => {
  it('splits the period into consecutive years, the last ending with the period', () => {
    expect(contractYear('2026-03-01', 1)).toEqual({ start: '2026-03-01', end: '2027-02-28' });
    expect(contractYear('2026-03-01', 2)).toEqual({ start: '2027-03-01', end: '2028-02-29' });
    expect(contractYear('2026-03-01', 3)).toEqual({ start: '2028-03-01', end: '2029-02-28' });
    expect(contractYear('2026-03-01', 3).end).toBe(servicePeriodEnd('2026-03-01', v1));
  });

  it('leaves no gap and no overlap between years, whatever the start day', () => {
    for (const start of ['2026-01-01', '2026-03-01', '2027-02-28', '2028-02-29', '2026-12-31']) {
      expect(contractYear(start, 1).start, start).toBe(start);
      for (let y = 1; y < 3; y++) {
        expect(dayAfter(contractYear(start, y).end), `${start} year ${y}`).toBe(contractYear(start, y + 1).start);
      }
      expect(contractYear(start, 3).end, start).toBe(servicePeriodEnd(start, v1));
    }
  });

  it('gives a 29 February start clamped years ending on 27 February', () => {
    expect(contractYear('2028-02-29', 1)).toEqual({ start: '2028-02-29', end: '2029-02-27' });
    expect(contractYear('2028-02-29', 2)).toEqual({ start: '2029-02-28', end: '2030-02-27' });
    expect(contractYear('2028-02-29', 3)).toEqual({ start: '2030-02-28', end: '2031-02-27' });
  });
});

describe('Art. 10(三) renewal: the next year only after the year before passed', () => {
  const c = (year: number, evaluation: ContractFacts['evaluation']): ContractFacts => ({ year, evaluation });

  it('allows year 1 with no contract yet', () => {
    expect(renewalVerdict(1, [], v1)).toMatchObject({ ok: true, actual: 1 });
  });

  it('refuses year 2 while year 1 is missing, pending or failed, each saying why', () => {
    const missing = renewalVerdict(2, [], v1);
    expect(missing).toMatchObject({ ok: false, required: 'passed', actual: 'missing' });
    expect(missing.message['zh-CN']).toContain('第1年度合同尚未签订');
    const pending = renewalVerdict(2, [c(1, 'pending')], v1);
    expect(pending).toMatchObject({ ok: false, actual: 'pending' });
    expect(pending.message['zh-CN']).toContain('尚未进行年度末期评估');
    const failed = renewalVerdict(2, [c(1, 'failed')], v1);
    expect(failed).toMatchObject({ ok: false, actual: 'failed' });
    expect(failed.message['zh-CN']).toContain('不合格');
    expect(failed.message.en).toContain('failed');
  });

  it('allows year 2 after year 1 passed, and year 3 only after year 2 passed too', () => {
    expect(renewalVerdict(2, [c(1, 'passed')], v1)).toMatchObject({ ok: true, actual: 'passed' });
    expect(renewalVerdict(3, [c(1, 'passed')], v1).ok).toBe(false);
    expect(renewalVerdict(3, [c(1, 'passed'), c(2, 'pending')], v1).ok).toBe(false);
    expect(renewalVerdict(3, [c(1, 'passed'), c(2, 'passed')], v1).ok).toBe(true);
  });

  it('refuses a year beyond the period, even with every year passed', () => {
    const all = [c(1, 'passed'), c(2, 'passed'), c(3, 'passed')];
    const year4 = renewalVerdict(4, all, v1);
    expect(year4).toMatchObject({ ok: false, required: 3, actual: 4 });
    expect(year4.message['zh-CN']).toContain('采购服务周期为3年');
    // Under a 2-year parameter, year 3 is already beyond the period.
    expect(renewalVerdict(3, [c(1, 'passed'), c(2, 'passed')], v2)).toMatchObject({ ok: false, required: 2 });
  });

  it('refuses a year that already has its contract', () => {
    expect(renewalVerdict(1, [c(1, 'pending')], v1)).toMatchObject({ ok: false, actual: 1 });
    const twice = renewalVerdict(2, [c(1, 'passed'), c(2, 'pending')], v1);
    expect(twice.ok).toBe(false);
    expect(twice.message['zh-CN']).toContain('第2年度合同已签订');
  });

  it('cites Art. 10(三) and the parameter version in every verdict', () => {
    const cases = [
      renewalVerdict(1, [], v1),
      renewalVerdict(2, [], v1),
      renewalVerdict(2, [c(1, 'passed')], v1),
      renewalVerdict(2, [c(1, 'failed')], v1),
      renewalVerdict(4, [], v1),
      renewalVerdict(1, [c(1, 'pending')], v1),
    ];
    for (const v of cases)
      expect(v).toMatchObject({ article: '第十条（三）', rule: 'contract.renewal', policyVersion: 1 });
    expect(renewalVerdict(1, [], v2).policyVersion).toBe(2);
  });
});

describe('Art. 10(三) re-procurement prompts', () => {
  const engagement = { serviceStart: '2026-03-01', serviceEnd: '2029-02-28', status: 'filed', endReason: null };

  it('asks for nothing during the first years', () => {
    expect(reprocurementDue(engagement, [{ year: 1, evaluation: 'pending' }], '2026-06-01', v1)).toBeNull();
    expect(reprocurementDue(engagement, [{ year: 1, evaluation: 'passed' }], '2027-03-01', v1)).toBeNull();
    // The last day of year 2 is still before the last year.
    expect(reprocurementDue(engagement, [], '2028-02-29', v1)).toBeNull();
  });

  it('asks for a new procurement after a failed year, due when that year ends', () => {
    const due = reprocurementDue(engagement, [{ year: 1, evaluation: 'failed' }], '2026-12-01', v1);
    expect(due).toMatchObject({ reason: 'failed_year', dueBy: '2027-02-28', article: '第十条（三）' });
    expect(due?.message['zh-CN']).toContain('第1年度末期评估不合格');
    expect(due?.message['zh-CN']).toContain('2027年2月28日');
  });

  it('warns from the first day of the last contract year until the period ends', () => {
    for (const today of ['2028-03-01', '2029-02-28']) {
      expect(reprocurementDue(engagement, [], today, v1), today).toMatchObject({
        reason: 'period_ending',
        dueBy: '2029-02-28',
        article: '第十条（三）',
      });
    }
  });

  it('says the period has ended the day after its last day', () => {
    const due = reprocurementDue(engagement, [], '2029-03-01', v1);
    expect(due).toMatchObject({ reason: 'period_ended', dueBy: '2029-02-28' });
    expect(due?.message['zh-CN']).toContain('3年采购服务周期已于2029年2月28日期满');
  });

  it('puts a failed year before the period ending or ended', () => {
    const contracts: ContractFacts[] = [
      { year: 1, evaluation: 'passed' },
      { year: 2, evaluation: 'failed' },
    ];
    expect(reprocurementDue(engagement, contracts, '2029-06-01', v1)).toMatchObject({
      reason: 'failed_year',
      dueBy: '2028-02-29',
    });
  });

  it('prompts a new procurement when the operator was changed', () => {
    const ended = { ...engagement, status: 'ended', endReason: 'operator_changed' };
    expect(reprocurementDue(ended, [], '2027-01-01', v1)).toMatchObject({ reason: 'operator_changed', dueBy: null });
  });

  it('takes the last year from the parameter version', () => {
    const twoYears = { ...engagement, serviceEnd: servicePeriodEnd('2026-03-01', v2) };
    expect(reprocurementDue(twoYears, [], '2027-02-28', v2)).toBeNull();
    expect(reprocurementDue(twoYears, [], '2027-03-01', v2)).toMatchObject({
      reason: 'period_ending',
      dueBy: '2028-02-29',
    });
  });
});
