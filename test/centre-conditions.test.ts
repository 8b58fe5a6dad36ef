import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCentreConditionStatus } from '../src/contracts/city-rule';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { runHousekeeping } from '../src/server/housekeeping';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/**
 * Art. 9(四): a recognised centre whose venue (Art. 6) or staffing (Art. 7) stops meeting the conditions is watched;
 * the city and the county are told when the failure starts, and after `conditionFailureDays` it is listed for the
 * province's adjustment or revocation decision, with the verdict history as evidence.
 */
describe('centres that no longer meet the conditions (Art. 9(四))', () => {
  let t: TestApp;
  let centreId: number;
  const cookies: Record<string, string> = {};
  const USERS = [
    'admin',
    'province',
    'city.420500',
    'city.420600',
    'county.420502',
    'county.420583',
    'operator.1',
  ] as const;
  const DAY = 86_400_000;
  const advanceDays = async (n: number) => {
    t.clock.advance(n * DAY);
    for (const u of USERS) cookies[u] = await loginAs(t.app, u);
  };
  const person = (name: string, tradeYears: number, customsDeclarant = false, foreignLanguage = false) => ({
    name,
    tradeYears,
    customsDeclarant,
    foreignLanguage,
    socialInsuranceProof: `宜昌市社保参保证明-${name}`,
  });
  const conditions = (user: string, query = '') =>
    as(t.app, cookies[user] ?? '', { method: 'GET', url: `/api/centres/conditions${query}` });
  const items = async (user: string, query = '') =>
    (await conditions(user, query)).json().items as TCentreConditionStatus[];
  const messagesOf = async (username: string, kind: string) =>
    rowsOf<{ params: Record<string, string>; link: string }>(
      await t.deps.db.execute(sql`select m.params, m.link from messages m join users u on u.id = m.user_id
        where u.username = ${username} and m.kind = ${kind} order by m.id`),
    );

  beforeAll(async () => {
    t = await buildTestApp();
    // Centre 1 in the national 宜昌高新区 (5 / 2 / 1 / 1 under Art. 7), run by a filed operator.
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    centreId = centre.id;
    expect(centreId).toBe(1);
    await makeEngagement(t.deps, { centre, operator: await makeOperator(t.deps, { serial: 81 }), target: 'filed' });
    for (const u of USERS) cookies[u] = await loginAs(t.app, u);
    const staff = [
      person('李一', 5, true),
      person('李二', 4, false, true),
      person('李三', 1),
      person('李四', 1),
      person('李五', 2),
    ];
    for (const p of staff) {
      const res = await as(t.app, cookies['operator.1'] ?? '', {
        method: 'POST',
        url: `/api/centres/${centreId}/staff`,
        payload: p,
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  it('watches nothing while the centre meets both conditions', async () => {
    // Adding the five one by one, the roster failed until the fifth came, and that failure was resolved at once.
    expect((await items('province', '?show=resolved')).map((i) => [i.failingSince, i.resolvedOn])).toEqual([
      ['2026-11-24', '2026-11-24'],
    ]);
    expect(await items('province', '?show=open')).toEqual([]);
    await runHousekeeping(t.deps);
    expect(await items('province', '?show=open')).toEqual([]);
  });

  let openId = 0;
  it('opens a failure when a person leaves, in the same transaction, and tells the city and the county', async () => {
    const before = {
      city: (await messagesOf('city.420500', 'centre.conditionFailing')).length,
      county: (await messagesOf('county.420502', 'centre.conditionFailing')).length,
      audit: rowsOf<{ n: number }>(
        await t.deps.db.execute(
          sql`select count(*)::int as n from audit_entries where action = 'centre.condition.failing'`,
        ),
      )[0]?.n,
    };
    const roster = await as(t.app, cookies['operator.1'] ?? '', {
      method: 'GET',
      url: `/api/centres/${centreId}/staff`,
    });
    const li = roster.json().items.find((s: { name: string }) => s.name === '李五');
    const removed = await as(t.app, cookies['operator.1'] ?? '', {
      method: 'DELETE',
      url: `/api/centres/${centreId}/staff/${li.id}`,
    });
    expect(removed.statusCode).toBe(204);
    const open = await items('province', '?show=open');
    expect(open).toHaveLength(1);
    openId = open[0]?.id ?? 0;
    expect(open[0]).toMatchObject({
      centreId,
      condition: 'staffing',
      failingSince: '2026-11-24',
      daysFailing: 0,
      thresholdDays: 30,
      overdue: false,
      decisionLink: `/centres/${centreId}`,
    });
    expect(open[0]?.lastVerdicts.find((v) => !v.ok)).toMatchObject({ rule: 'staff.total', required: 5, actual: 4 });
    // Not yet listed for a decision.
    expect(await items('province')).toEqual([]);
    // The city and the county of the centre are told, once; the other city is not.
    const toCity = await messagesOf('city.420500', 'centre.conditionFailing');
    expect(toCity).toHaveLength(before.city + 1);
    expect(toCity.at(-1)?.params.detailZh).toContain('派驻人员 4 名');
    expect(toCity.at(-1)?.link).toBe(`/centres/${centreId}`);
    expect(await messagesOf('county.420502', 'centre.conditionFailing')).toHaveLength(before.county + 1);
    expect(await messagesOf('city.420600', 'centre.conditionFailing')).toHaveLength(0);
    // The sweep again changes nothing: no second row, no second message.
    await runHousekeeping(t.deps);
    expect(await items('province', '?show=open')).toHaveLength(1);
    expect(await messagesOf('city.420500', 'centre.conditionFailing')).toHaveLength(before.city + 1);
    const audit = rowsOf<{ n: number }>(
      await t.deps.db.execute(
        sql`select count(*)::int as n from audit_entries where action = 'centre.condition.failing'`,
      ),
    );
    expect(audit[0]?.n).toBe((before.audit ?? 0) + 1);
  });

  it('lists the centre after conditionFailureDays, with its history, for the province, its city and county', async () => {
    await advanceDays(30);
    expect(await items('province')).toEqual([]); // 30 days: not longer than 30
    await advanceDays(1);
    const listed = await items('province');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ daysFailing: 31, overdue: true, centreName: expect.any(String) });
    expect(listed[0]?.history).toHaveLength(1);
    expect(listed[0]?.history[0]).toMatchObject({ on: '2026-11-24', ok: false });
    // Scope: the city and the county of the centre see it; the others see nothing; other roles may not ask.
    expect(await items('city.420500')).toHaveLength(1);
    expect(await items('county.420502')).toHaveLength(1);
    expect(await items('city.420600')).toEqual([]);
    expect(await items('county.420583')).toEqual([]);
    expect((await conditions('operator.1')).statusCode).toBe(403);
    expect((await conditions('admin')).statusCode).toBe(403);
    // A further change of the roster adds to the evidence.
    const roster = await as(t.app, cookies['operator.1'] ?? '', {
      method: 'GET',
      url: `/api/centres/${centreId}/staff`,
    });
    const li = roster.json().items.find((s: { name: string }) => s.name === '李四');
    await as(t.app, cookies['operator.1'] ?? '', { method: 'DELETE', url: `/api/centres/${centreId}/staff/${li.id}` });
    const again = await items('province');
    expect(again[0]?.history).toHaveLength(2);
    expect(again[0]?.failingSince).toBe('2026-11-24');
  });

  it('resolves when staff are added back, and tells the region', async () => {
    for (const p of [person('王一', 3), person('王二', 1)]) {
      await as(t.app, cookies['operator.1'] ?? '', {
        method: 'POST',
        url: `/api/centres/${centreId}/staff`,
        payload: p,
      });
    }
    expect(await items('province', '?show=open')).toEqual([]);
    const resolved = (await items('province', '?show=resolved')).filter((i) => i.id === openId);
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ resolvedOn: '2026-12-25', overdue: false, daysFailing: 31 });
    expect(resolved[0]?.history.at(-1)).toMatchObject({ on: '2026-12-25', ok: true });
    const told = await messagesOf('county.420502', 'centre.conditionResolved');
    expect(told.at(-1)?.params.on).toBe('2026-12-25');
  });

  it('a city rule taking effect is picked up by the daily sweep, and its shorter period lists sooner', async () => {
    const published = await as(t.app, cookies['city.420500'] ?? '', {
      method: 'POST',
      url: '/api/city-rules',
      payload: {
        title: '宜昌市外贸综合服务中心认定管理实施细则',
        documentNumber: '宜商务发〔2026〕30号',
        effectiveFrom: '2026-12-28',
        parameters: { venueMinAreaNational: 200, conditionFailureDays: 10 },
      },
    });
    expect(published.statusCode).toBe(201);
    await runHousekeeping(t.deps);
    expect(await items('province', '?show=open')).toEqual([]); // not in force yet
    await advanceDays(3); // 2026-12-28
    await runHousekeeping(t.deps);
    const open = await items('province', '?show=open');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ condition: 'venue', failingSince: '2026-12-28', thresholdDays: 10 });
    expect(open[0]?.lastVerdicts[0]?.cityRule?.documentNumber).toBe('宜商务发〔2026〕30号');
    await advanceDays(11);
    expect(await items('province')).toHaveLength(1);
  });
});
