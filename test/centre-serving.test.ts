import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centreIsServing } from '../src/contracts/centre';
import { systemContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { enterpriseCreditCode } from '../src/server/demo/enterprise-factory';
import { makeUser } from '../src/server/demo/factories';
import { makeOperator } from '../src/server/demo/operator-factory';
import { decideCentreChange } from '../src/server/modules/centre/decide-centre-change';
import { requestCentreChange } from '../src/server/modules/centre/request-centre-change';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';

/**
 * Issue 10: approving a city's venue adjustment (Art. 9(四)) moved an operating centre to `adjusted`, and from then on
 * every service request was refused. An adjusted centre keeps running; every place that asks "does it serve" asks
 * centreIsServing. Centre 1 operated and was adjusted; centre 2 operated and was revoked; centre 3 was adjusted before
 * any operator was filed (Art. 10(三): it does not run yet).
 */
const ENT = 'enterprise.91420500MA4F000001';

describe('centreIsServing (the one answer to "does this centre serve")', () => {
  it('serves when operating, or adjusted after it operated; never before its operator is filed or once revoked', () => {
    expect(centreIsServing({ status: 'operating', hasOperated: true })).toBe(true);
    expect(centreIsServing({ status: 'adjusted', hasOperated: true })).toBe(true);
    expect(centreIsServing({ status: 'adjusted', hasOperated: false })).toBe(false);
    expect(centreIsServing({ status: 'approved', hasOperated: false })).toBe(false);
    expect(centreIsServing({ status: 'revoked', hasOperated: true })).toBe(false);
  });
});

describe('an adjusted centre keeps serving; a revoked one stops (issue 10)', () => {
  let t: TestApp;
  const ids = { adjusted: 0, revoked: 0, notYetRunning: 0 };
  const cookies: Record<string, string> = {};
  const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    cookies[user] ??= await loginAs(t.app, user);
    return as(t.app, cookies[user], { method, url, ...(payload ? { payload } : {}) });
  };
  const snapshot = async () =>
    rowsOf<{ records: string; enterprises: string; activities: string; seq: string }>(
      await t.deps.db.execute(sql`select
        (select count(*) from service_records) as records,
        (select count(*) from enterprises) as enterprises,
        (select count(*) from activities) as activities,
        (select seq from audit_head where id = 1) as seq`),
    )[0];

  const versionOf = async (id: number) =>
    Number(
      rowsOf<{ v: number }>(await t.deps.db.execute(sql`select version as v from centres where id = ${id}`))[0]?.v,
    );

  const requestService = (user: string, centreId: number) =>
    call(user, 'POST', '/api/service-records/requests', {
      centreId,
      category: 'tax_refund',
      subItem: 'refund_declaration',
      requestText: '请协助办理本月出口退税申报。',
    });
  const walkIn = (user: string, serial: number) =>
    call(user, 'POST', '/api/service-records', {
      enterprise: {
        creditCode: enterpriseCreditCode('420502', 40 + serial),
        name: `宜昌窗口客户${serial}有限公司`,
        countyCode: '420502',
        contactPerson: '赵先生',
        contactPhone: '13900000000',
      },
      category: 'consultation',
      subItem: 'other',
      channel: 'window',
      requestText: '咨询出口退税政策。',
    });
  const activity = (user: string) =>
    call(user, 'POST', '/api/activities', {
      kind: 'policy_promotion',
      title: '2026年出口退税政策宣讲',
      startOn: '2026-11-10',
      endOn: '2026-11-10',
      place: '外综服中心报告厅',
      participantCount: 40,
      description: '出口退税新政解读',
    });

  beforeAll(async () => {
    t = await buildTestApp();
    const { yichangHighTech, zhijiang, xiangyangHighTech } = t.world.parks;
    const city = systemContext(t.deps, 'city', { regionCode: '420500' });
    const province = systemContext(t.deps, 'province');

    // Centre 1 (宜昌高新区): operating, then the city asks to move its venue and the province approves.
    let one = await makeCentre(t.deps, { park: yichangHighTech, target: 'approved' });
    await makeEngagement(t.deps, {
      centre: one,
      operator: await makeOperator(t.deps, { serial: 71 }),
      target: 'filed',
    });
    one = await requestCentreChange(city, one.id, {
      kind: 'adjustment',
      reason: '服务场地迁址扩容，调整服务场地。',
      adjustment: { venueAddress: '宜昌市西陵区发展大道企业服务中心一楼', venueArea: one.venueArea + 40 },
      version: await versionOf(one.id),
    });
    const pending = one.changes.find((c) => c.status === 'submitted');
    if (!pending) throw new Error('adjustment not requested');
    one = await decideCentreChange(province, pending.id, { decision: 'approve', comment: '同意调整。' });
    expect(one.status).toBe('adjusted');
    ids.adjusted = one.id;

    // Centre 2 (枝江): operating, then revoked by the province.
    const two = await makeCentre(t.deps, { park: zhijiang, target: 'approved' });
    await makeEngagement(t.deps, {
      centre: two,
      operator: await makeOperator(t.deps, { serial: 72 }),
      target: 'filed',
    });
    const revoked = await requestCentreChange(province, two.id, {
      kind: 'revocation',
      reason: '该中心连续两年未实际开展服务，不再满足设立条件。',
      version: await versionOf(two.id),
    });
    expect(revoked.status).toBe('revoked');
    ids.revoked = two.id;
    await makeUser(t.deps, { username: 'operator.2', role: 'operator', password: TEST_PASSWORD, centreId: two.id });

    // Centre 3 (襄阳高新区): approved and adjusted, but no operator was ever filed.
    const three = await makeCentre(t.deps, { park: xiangyangHighTech, target: 'adjusted' });
    ids.notYetRunning = three.id;
  });
  afterAll(async () => t?.close());

  it('takes an enterprise’s request at the adjusted centre', async () => {
    const res = await requestService(ENT, ids.adjusted);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ centreId: ids.adjusted, status: 'submitted' });
  });

  it('lets the adjusted centre’s staff record a walk-in and an activity', async () => {
    const res = await walkIn('operator.1', 1);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ centreId: ids.adjusted, status: 'accepted' });
    const act = await activity('operator.1');
    expect(act.statusCode, act.body).toBe(201);
  });

  it('keeps the adjusted centre on the public directory as taking requests, and counts it among the running', async () => {
    const dir = await t.app.inject({ method: 'GET', url: '/api/public/centres' });
    expect(dir.statusCode).toBe(200);
    const items = dir.json().items as { id: number; status: string; serving: boolean }[];
    expect(items.find((c) => c.id === ids.adjusted)).toMatchObject({ status: 'adjusted', serving: true });
    expect(items.find((c) => c.id === ids.notYetRunning)).toMatchObject({ status: 'adjusted', serving: false });
    expect(items.some((c) => c.id === ids.revoked)).toBe(false);
    const stats = await call('province', 'GET', '/api/service-stats');
    expect(stats.statusCode, stats.body).toBe(200);
    const shown = (stats.json().byCentre as { centreId: number }[]).map((c) => c.centreId);
    expect(shown).toContain(ids.adjusted);
    expect(shown).not.toContain(ids.notYetRunning);
    expect(shown).not.toContain(ids.revoked);
  });

  it('refuses a request, a walk-in and an activity at the revoked centre, and changes nothing', async () => {
    for (const u of [ENT, 'operator.2']) cookies[u] ??= await loginAs(t.app, u);
    const before = await snapshot();
    const res = await requestService(ENT, ids.revoked);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CENTRE_NOT_OPERATING');
    expect(res.json().message).toContain('已撤销');
    const walk = await walkIn('operator.2', 2);
    expect(walk.statusCode).toBe(409);
    expect(walk.json().code).toBe('CENTRE_NOT_OPERATING');
    const act = await activity('operator.2');
    expect(act.statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a request at a centre adjusted before its operator was filed (Art. 10(三)), and changes nothing', async () => {
    const before = await snapshot();
    const res = await requestService(ENT, ids.notYetRunning);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CENTRE_NOT_OPERATING');
    expect(await snapshot()).toEqual(before);
  });
});
