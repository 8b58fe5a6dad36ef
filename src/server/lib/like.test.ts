import { describe, expect, it } from 'vitest';
import { contains, escapeLike, startsWith } from './like';

describe('search text in LIKE patterns', () => {
  it('makes wildcards and the escape character literal', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(contains('高新')).toBe('%高新%');
    expect(startsWith('4205')).toBe('4205%');
  });
});
