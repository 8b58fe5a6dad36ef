import { describe, expect, it } from 'vitest';
import { CENTRE_STATUSES } from '../../../contracts/centre';
import { AppError } from '../../lib/errors';
import { CENTRE_TRANSITIONS, type CentreTransition, canTransition, nextStatus } from './centre.machine';

describe('centre state machine (SPEC §3.1, Art. 9)', () => {
  it('follows county → city → province', () => {
    let s = nextStatus('draft', 'submit');
    expect(s).toBe('submitted');
    s = nextStatus(s, 'forward');
    expect(s).toBe('forwarded');
    expect(nextStatus(s, 'approve')).toBe('approved');
    expect(nextStatus('forwarded', 'reject')).toBe('rejected');
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'submit')).toBe('submitted');
    expect(nextStatus('approved', 'startOperating')).toBe('operating');
    expect(nextStatus('operating', 'revoke')).toBe('revoked');
  });

  it('refuses every step the table does not list, with a 409 naming the status', () => {
    let refused = 0;
    for (const status of CENTRE_STATUSES) {
      for (const t of Object.keys(CENTRE_TRANSITIONS) as CentreTransition[]) {
        if (canTransition(status, t)) continue;
        refused++;
        try {
          nextStatus(status, t);
          expect.unreachable();
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('INVALID_TRANSITION');
          expect((err as AppError).status).toBe(409);
        }
      }
    }
    expect(refused).toBeGreaterThan(50);
  });

  it('has no way out of revoked and rejected, and no way to skip the city', () => {
    for (const t of Object.keys(CENTRE_TRANSITIONS) as CentreTransition[]) {
      expect(canTransition('revoked', t)).toBe(false);
      expect(canTransition('rejected', t)).toBe(false);
    }
    expect(canTransition('submitted', 'approve')).toBe(false);
    expect(canTransition('draft', 'forward')).toBe(false);
  });
});
