import { describe, expect, it } from 'vitest';
import { datesRefusal, groundsRefusal, recoveryCalledFor, statusRefusal } from './sanction-rules';

describe('sanction rules (Art. 13, 14)', () => {
  it('a disqualification rests on Art. 13 only, a blacklisting on Art. 14 only; 12.3 only from the assessment', () => {
    expect(groundsRefusal('disqualification', ['13.1', '13.4'])).toBeNull();
    expect(groundsRefusal('blacklist', ['14'])).toBeNull();
    expect(groundsRefusal('disqualification', ['14'])?.['zh-CN']).toContain('第十四条');
    expect(groundsRefusal('blacklist', ['13.2'])?.en).toContain('第十三条（二）');
    expect(groundsRefusal('disqualification', ['12.3'])).not.toBeNull();
    expect(groundsRefusal('disqualification', ['12.3'], { fromAssessment: true })).toBeNull();
    expect(groundsRefusal('disqualification', ['13.1', '13.1'])).not.toBeNull();
  });

  it('refuses a blacklisted operator, and disqualifying a disqualified one; blacklisting it escalates', () => {
    expect(statusRefusal('disqualification', 'qualified')).toBeNull();
    expect(statusRefusal('blacklist', 'disqualified')).toBeNull();
    expect(statusRefusal('disqualification', 'disqualified')?.['zh-CN']).toContain('第十三条');
    expect(statusRefusal('blacklist', 'blacklisted')?.en).toContain('Art. 14');
    expect(statusRefusal('disqualification', 'blacklisted')).not.toBeNull();
  });

  it('recovers on blacklisting and on 13.1 / 13.3 only', () => {
    expect(recoveryCalledFor('blacklist', ['14'])).toBe(true);
    expect(recoveryCalledFor('disqualification', ['13.2', '13.3'])).toBe(true);
    expect(recoveryCalledFor('disqualification', ['13.1'])).toBe(true);
    expect(recoveryCalledFor('disqualification', ['13.2', '13.4'])).toBe(false);
    expect(recoveryCalledFor('disqualification', ['12.3'])).toBe(false);
  });

  it('the effective date is not before the decision, and the decision is not in the future', () => {
    expect(datesRefusal('2026-11-20', '2026-11-20', '2026-11-24')).toBeNull();
    expect(datesRefusal('2026-11-20', '2026-11-19', '2026-11-24')?.field).toBe('effectiveOn');
    expect(datesRefusal('2026-11-25', '2026-11-25', '2026-11-24')?.field).toBe('decidedOn');
    expect(datesRefusal('2026-11-20', '2026-11-25', '2026-11-24')?.field).toBe('effectiveOn');
    expect(datesRefusal('2026-11-20', '2026-11-24', '2026-11-24')).toBeNull();
  });
});
