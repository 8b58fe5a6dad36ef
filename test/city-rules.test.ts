import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCentreDetail } from '../src/contracts/centre';
import type { TCityRule } from '../src/contracts/city-rule';
import { rowsOf } from '../src/server/db/client';
import { centreInputFor, makeCentre } from '../src/server/demo/centre-factory';
import { POLICY_V1 } from '../src/server/policy/parameters-v1';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/**
 * Art. 15: a city's implementing rule makes numbers stricter for its own centres only, from its effective date, and
 * the verdicts say so.
 */
describe('city implementing rules (Art. 15)', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let zhijiang: TCentreDetail; // provincial park in 宜昌, 80 m²
  let xiangyang: TCentreDetail; // national park in 襄阳, 160 m²
  const DAY = 86_400_000;
  const USERS = ['province', 'city.420500', 'city.420600', 'county.420583', 'operator.1'];
  /** Move the clock; sessions idle that long have ended, so everyone signs in again. */
  const advanceDays = async (n: number) => {
    t.clock.advance(n * DAY);
    for (const u of USERS) cookies[u] = await loginAs(t.app, u);
  };

  beforeAll(async () => {
    t = await buildTestApp();
    for (const u of USERS) cookies[u] = await loginAs(t.app, u);
    zhijiang = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved' });
    xiangyang = await makeCentre(t.deps, { park: t.world.parks.xiangyangHighTech, target: 'approved' });
  });
  afterAll(async () => t?.close());

  const publish = (user: string, payload: Record<string, unknown>, lang = 'zh-CN') =>
    as(t.app, cookies[user] ?? '', {
      method: 'POST',
      url: '/api/city-rules',
      payload,
      headers: { 'accept-language': lang },
    });
  const rule = (parameters: Record<string, number>, effectiveFrom = '2026-12-04') => ({
    title: '宜昌市外贸综合服务中心认定管理实施细则',
    documentNumber: '宜商务发〔2026〕12号',
    effectiveFrom,
    parameters,
  });
  const ruleCount = async () =>
    Number(rowsOf<{ n: string }>(await t.deps.db.execute(sql`select count(*) as n from city_policy_rules`))[0]?.n);
  const auditSeq = async () =>
    rowsOf<{ seq: string }>(await t.deps.db.execute(sql`select seq from audit_head where id = 1`))[0]?.seq;
  const detail = async (id: number, user = 'province') =>
    (await as(t.app, cookies[user] ?? '', { method: 'GET', url: `/api/centres/${id}` })).json() as TCentreDetail;

  it('refuses a value that is not stricter, naming the parameter and the direction, and changes nothing', async () => {
    const before = { rules: await ruleCount(), seq: await auditSeq() };
    // Art. 6 minimums only larger: the province's 50 itself is not stricter.
    const same = await publish('city.420500', rule({ venueMinAreaOther: POLICY_V1.venueMinAreaOther }));
    expect(same.statusCode).toBe(400);
    expect(same.json().code).toBe('CITY_RULE_NOT_STRICTER');
    expect(same.json().details.field).toBe('parameters.venueMinAreaOther');
    expect(same.json().details.direction).toBe('larger');
    expect(same.json().message).toContain('其他开发区（园区）服务场地面积下限');
    expect(same.json().message).toContain('须大于');
    expect(same.json().message).toContain('第十五条');
    // Deadlines only shorter: 20 working days is looser than 15, and the English message says which way.
    const looser = await publish('city.420500', rule({ filingDeadlineWorkingDays: 20 }), 'en');
    expect(looser.statusCode).toBe(400);
    expect(looser.json().details.field).toBe('parameters.filingDeadlineWorkingDays');
    expect(looser.json().message).toContain('must be less than 15');
    expect(looser.json().message).toContain('Art. 15');
    // Fewer staff than Art. 7 asks: refused, even with another stricter key beside it.
    const fewer = await publish('city.420500', rule({ venueMinAreaOther: 60, 'staffOther.total': 2 }));
    expect(fewer.statusCode).toBe(400);
    expect(fewer.json().details.field).toBe('parameters.staffOther.total');
    // Keys a city may not touch, and an empty rule, are 400s naming the field.
    expect((await publish('city.420500', rule({ baseFundingOther: 1 }))).statusCode).toBe(400);
    expect((await publish('city.420500', rule({}))).statusCode).toBe(400);
    // No rule back-dated before today.
    const past = await publish('city.420500', rule({ venueMinAreaOther: 60 }, '2026-11-01'));
    expect(past.statusCode).toBe(400);
    expect(past.json().details.field).toBe('effectiveFrom');
    expect({ rules: await ruleCount(), seq: await auditSeq() }).toEqual(before);
  });

  it('is published by a city for its own region only; the province cannot publish one', async () => {
    expect((await publish('province', rule({ venueMinAreaOther: 60 }))).statusCode).toBe(403);
    expect((await publish('county.420583', rule({ venueMinAreaOther: 60 }))).statusCode).toBe(403);
    const own = await publish('city.420500', rule({ venueMinAreaOther: 100, filingDeadlineWorkingDays: 10 }));
    expect(own.statusCode).toBe(201);
    const r = own.json() as TCityRule;
    expect(r).toMatchObject({ cityCode: '420500', cityName: '宜昌市', inForce: false, effectiveFrom: '2026-12-04' });
    expect(r.parameters).toEqual({ venueMinAreaOther: 100, filingDeadlineWorkingDays: 10 });
    const [audit] = rowsOf<{ action: string }>(
      await t.deps.db.execute(
        sql`select action from audit_entries where object_type = 'city_policy_rule' and object_id = ${String(r.id)}`,
      ),
    );
    expect(audit?.action).toBe('city.rule.published');
    // Everyone signed in reads the rules; the list filters by city.
    const list = await as(t.app, cookies['operator.1'] ?? '', { method: 'GET', url: '/api/city-rules?city=420500' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: TCityRule) => x.id)).toEqual([r.id]);
    const other = await as(t.app, cookies['operator.1'] ?? '', { method: 'GET', url: '/api/city-rules?city=420600' });
    expect(other.json().items).toEqual([]);
  });

  it('applies from its effective date, only to the city’s centres, and the verdict names the rule', async () => {
    // Before 4 December the province's 50 m² holds in 宜昌.
    let z = await detail(zhijiang.id);
    expect(z.venueVerdict).toMatchObject({ ok: true, required: 50 });
    expect(z.venueVerdict.cityRule).toBeUndefined();
    await advanceDays(10); // 2026-12-04
    z = await detail(zhijiang.id);
    expect(z.venueVerdict).toMatchObject({ ok: false, required: 100, actual: 80 });
    expect(z.venueVerdict.cityRule?.note['zh-CN']).toBe('按宜昌市实施细则：场地不少于 100 平方米');
    expect(z.venueVerdict.cityRule?.documentNumber).toBe('宜商务发〔2026〕12号');
    expect(z.venueVerdict.message['zh-CN']).toContain('宜昌市实施细则');
    // The list shows the same verdict; 襄阳's centre is under the province's numbers only.
    const list = await as(t.app, cookies.province ?? '', { method: 'GET', url: '/api/centres?pageSize=50' });
    const row = list.json().items.find((c: { id: number }) => c.id === zhijiang.id);
    expect(row.venueVerdict.required).toBe(100);
    const x = await detail(xiangyang.id);
    expect(x.venueVerdict).toMatchObject({ ok: true, required: 80 });
    expect(x.venueVerdict.cityRule).toBeUndefined();
    // The rule is now in force.
    const rules = await as(t.app, cookies.province ?? '', { method: 'GET', url: '/api/city-rules' });
    expect(rules.json().items[0]).toMatchObject({ inForce: true });
  });

  it('refuses a new application in the city below the city’s minimum, citing the rule', async () => {
    const create = await as(t.app, cookies['county.420583'] ?? '', {
      method: 'POST',
      url: '/api/centres',
      payload: { ...centreInputFor(t.world.parks.zhijiang, { name: '枝江经开区第二外贸综合服务中心' }) },
    });
    // One centre per park (Art. 9(二)) may refuse first; the venue rule is checked before the placement.
    expect(create.statusCode).toBe(201);
    const id = create.json().id as number;
    const submit = await as(t.app, cookies['county.420583'] ?? '', {
      method: 'POST',
      url: `/api/centres/${id}/submit`,
      payload: { version: create.json().version },
    });
    expect(submit.statusCode).toBe(400);
    expect(submit.json().code).toBe('VENUE_TOO_SMALL');
    expect(submit.json().message).toContain('宜昌市实施细则');
  });

  it('gives way when the province later goes beyond the city: the stricter number wins, no longer the city’s', async () => {
    await t.deps.db.execute(sql`insert into policy_versions (version, title, effective_from, published_by, basis, parameters)
      select 99, 'test', '2026-12-10', 'test', 'test', parameters || '{"venueMinAreaOther": 120}'::jsonb
      from policy_versions where version = 1`);
    await advanceDays(6); // 2026-12-10
    const z = await detail(zhijiang.id);
    expect(z.venueVerdict).toMatchObject({ ok: false, required: 120, policyVersion: 99 });
    expect(z.venueVerdict.cityRule).toBeUndefined();
    // The baseline for the form shows both and what applies.
    const base = await as(t.app, cookies['city.420500'] ?? '', { method: 'GET', url: '/api/city-rules/baseline' });
    expect(base.json()).toMatchObject({
      cityCode: '420500',
      policyVersion: 99,
      province: { venueMinAreaOther: 120, filingDeadlineWorkingDays: 15 },
      effective: { venueMinAreaOther: 120, filingDeadlineWorkingDays: 10 },
    });
    // A newer rule replaces the older from its own date; its values are checked against version 99.
    expect((await publish('city.420500', rule({ venueMinAreaOther: 110 }, '2026-12-20'))).statusCode).toBe(400);
    const newer = await publish('city.420500', rule({ venueMinAreaOther: 150 }, '2026-12-20'));
    expect(newer.statusCode).toBe(201);
    await advanceDays(10);
    const later = await detail(zhijiang.id);
    expect(later.venueVerdict).toMatchObject({ required: 150 });
    expect(later.venueVerdict.cityRule?.id).toBe(newer.json().id);
    const base2 = await as(t.app, cookies['city.420500'] ?? '', { method: 'GET', url: '/api/city-rules/baseline' });
    // The older rule's shorter filing deadline no longer applies: the newer one replaced it whole.
    expect(base2.json().effective.filingDeadlineWorkingDays).toBe(15);
  });
});
