import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES } from '../../../contracts/access';
import { can, PERMISSIONS, permittedActions } from './permissions';

describe('role × action matrix (SPEC §1)', () => {
  it('names every action exactly once and only known roles', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ACTIONS].sort());
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });

  it('lets only the administrator manage accounts and settings', () => {
    for (const action of [
      'user.read',
      'user.create',
      'user.update',
      'user.unlock',
      'user.resetPassword',
      'setting.update',
    ] as const) {
      expect(ROLES.filter((r) => can(r, action))).toEqual(['admin']);
    }
  });

  it('gives the administrator no business approvals: the province alone keeps the park list (Art. 4, 9)', () => {
    expect(can('admin', 'park.create')).toBe(false);
    expect(can('admin', 'park.update')).toBe(false);
    expect(ROLES.filter((r) => can(r, 'park.create'))).toEqual(['province']);
  });

  it('keeps parks away from operators, enterprises and evaluators until their own issues give them a scope', () => {
    for (const r of ['operator', 'enterprise', 'evaluator'] as const) expect(can(r, 'park.read')).toBe(false);
  });

  it('lists the permitted actions of a role for the web', () => {
    expect(permittedActions('city')).toContain('park.read');
    expect(permittedActions('city')).not.toContain('park.create');
  });
});
