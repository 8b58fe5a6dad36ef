import { describe, expect, it } from 'vitest';
import { ROLES } from '../../contracts/access';
import { PARK_KINDS, PARK_LEVELS } from '../../contracts/park';
import { ZAuditAction } from '../../server/lib/audit';
import { en } from './en';
import { zhCN } from './zh-CN';

describe('interface labels', () => {
  it('labels every audit action, role, park kind and level in both languages', () => {
    const keys = [
      ...ZAuditAction.options.map((a) => `audit.action.${a}`),
      ...ROLES.map((r) => `role.${r}`),
      ...PARK_KINDS.map((k) => `park.kind.${k}`),
      ...PARK_LEVELS.map((l) => `park.level.${l}`),
    ];
    const missing = keys.filter((k) => !(k in zhCN) || !(k in en));
    expect(missing).toEqual([]);
  });
});
