import { describe, expect, it } from 'vitest';
import { SUBMISSION_ACTIONS, SUBMISSION_STATUSES } from '../../../contracts/assessment';
import { AppError } from '../../lib/errors';
import { canTakeStep, nextSubmissionStatus, stepsFrom } from './submission.machine';

describe('submission machine (Art. 12(二))', () => {
  it('runs the golden path from draft to published', () => {
    let s = nextSubmissionStatus('draft', 'submit');
    for (const a of ['pass', 'assign', 'score', 'confirm', 'publish'] as const) s = nextSubmissionStatus(s, a);
    expect(s).toBe('published');
  });

  it('lets a returned submission be submitted again and a sent-back score be scored again', () => {
    expect(nextSubmissionStatus(nextSubmissionStatus('submitted', 'return'), 'submit')).toBe('submitted');
    expect(nextSubmissionStatus(nextSubmissionStatus('scored', 'sendBack'), 'score')).toBe('scored');
  });

  it('refuses skipping the city: nothing is assigned before the pre-review passes', () => {
    expect(canTakeStep('submitted', 'assign')).toBe(false);
    expect(() => nextSubmissionStatus('submitted', 'assign')).toThrow(AppError);
  });

  it('leaves a published submission final', () => {
    expect(stepsFrom('published')).toEqual([]);
  });

  it('has an answer for every status × step pair (throws or moves)', () => {
    for (const s of SUBMISSION_STATUSES)
      for (const a of SUBMISSION_ACTIONS) {
        if (canTakeStep(s, a)) expect(SUBMISSION_STATUSES).toContain(nextSubmissionStatus(s, a));
        else expect(() => nextSubmissionStatus(s, a)).toThrow(AppError);
      }
  });
});
