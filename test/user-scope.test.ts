import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/**
 * SPEC §1: an account's scope points at something real. An operator account for a centre that does not exist (or an
 * evaluator for an agency that does not exist) would silently gain whatever record later takes that id.
 */
describe('account scopes point at real records', () => {
  let t: TestApp;
  let admin: string;
  const users = async () =>
    Number(rowsOf<{ n: string }>(await t.deps.db.execute(sql`select count(*) as n from users`))[0]?.n);
  const audits = async () =>
    Number(rowsOf<{ n: string }>(await t.deps.db.execute(sql`select count(*) as n from audit_entries`))[0]?.n);
  const create = (payload: Record<string, unknown>, lang = 'zh-CN') =>
    as(t.app, admin, {
      method: 'POST',
      url: '/api/users',
      payload: { displayName: '新账户', password: 'Fresh#2026pw', ...payload },
      headers: { 'accept-language': lang },
    });

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(async () => t?.close());

  it('refuses an operator account for a centre that does not exist, naming the field, and writes nothing', async () => {
    const before = { users: await users(), audits: await audits() };
    const res = await create({ username: 'operator.ghost', role: 'operator', centreId: 987_654 });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('USER_SCOPE_INVALID');
    expect(res.json().details.field).toBe('centreId');
    expect(res.json().message).toContain('外综服中心 987654 不存在');
    const en = await create({ username: 'operator.ghost', role: 'operator', centreId: 987_654 }, 'en');
    expect(en.json().message).toContain('centre 987654 does not exist');
    expect({ users: await users(), audits: await audits() }).toEqual(before);
  });

  it('refuses an evaluator account for an agency that does not exist', async () => {
    const before = await users();
    const res = await create({ username: 'evaluator.ghost', role: 'evaluator', evaluatorId: 987_654 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.field).toBe('evaluatorId');
    expect(res.json().message).toContain('第三方评估机构 987654 不存在');
    expect(await users()).toBe(before);
  });

  it('opens the account once the centre exists', async () => {
    const centre = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved' });
    const res = await create({ username: `operator.new.${centre.id}`, role: 'operator', centreId: centre.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().centreId).toBe(centre.id);
  });
});
