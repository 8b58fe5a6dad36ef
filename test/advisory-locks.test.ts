import { describe, expect, it } from 'vitest';
import { ADVISORY_LOCK } from '../src/server/lib/advisory-locks';

describe('advisory lock keys', () => {
  it('give every kind of work a key of its own, so that a backup never holds up a decision letter', () => {
    const keys = Object.values(ADVISORY_LOCK);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ADVISORY_LOCK.decisionLetter).not.toBe(ADVISORY_LOCK.backup);
  });
});
