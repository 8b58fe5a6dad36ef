import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard } from '../src/contracts/dashboard';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { enterpriseCreditCode, makeEnterprise } from '../src/server/demo/enterprise-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import type { OutboundMessage } from '../src/server/modules/message/notify';
import { beijingDay } from '../src/server/policy/policy';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';

const ENT = 'enterprise.91420500MA4F000001';
const OP = 'operator.1';

describe('service records: request, handling, progress, rating and rectification (Art. 5, 8)', () => {
  let t: TestApp;
  let centreId: number;
  let otherEnterprise: string;
  const outbound: OutboundMessage[] = [];
  const cookies: Record<string, string> = {};
  const cookie = async (u: string) => {
    cookies[u] ??= await loginAs(t.app, u);
    return cookies[u] as string;
  };
  const call = async (u: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, lang = 'zh-CN') =>
    as(t.app, await cookie(u), {
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      headers: { 'accept-language': lang },
    });
  const count = async (table: string) =>
    Number(rowsOf<{ n: string }>(await t.deps.db.execute(sql.raw(`select count(*) as n from ${table}`)))[0]?.n);
  const auditSeq = async () =>
    rowsOf<{ seq: string }>(await t.deps.db.execute(sql`select seq from audit_head where id = 1`))[0]?.seq;

  beforeAll(async () => {
    t = await buildTestApp();
    t.deps.channels = [{ name: 'recording', deliver: async (m) => void outbound.push(m) }];
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    centreId = centre.id;
    expect(centreId).toBe(1);
    const operator = await makeOperator(t.deps, { serial: 61 });
    await makeEngagement(t.deps, { centre, operator, target: 'filed' });
    const other = await makeEnterprise(t.deps, {
      particulars: {
        creditCode: enterpriseCreditCode('420502', 2),
        name: '宜昌另一家外贸有限公司',
        countyCode: '420502',
        contactPerson: '李经理',
        contactPhone: '0717-6000002',
        hasTradeRecord: false,
      },
      password: TEST_PASSWORD,
    });
    otherEnterprise = other.username ?? '';
  });
  afterAll(async () => t?.close());

  const request = (u = ENT) =>
    call(u, 'POST', '/api/service-records/requests', {
      centreId,
      category: 'tax_refund',
      subItem: 'refund_declaration',
      requestText: '请协助办理本月出口退税申报。',
    });

  it('takes an enterprise request as 待受理, tells the centre, and lets it run to completion with a visible log', async () => {
    const res = await request();
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r.status).toBe('submitted');
    expect(r.number).toMatch(/^FW\d{10}$/);
    expect(r.progress.map((p: { kind: string }) => p.kind)).toEqual(['submitted']);
    const inbox = await call(OP, 'GET', '/api/messages?unread=true');
    expect(inbox.json().items[0]).toMatchObject({ kind: 'service.submitted', params: { number: r.number } });
    expect(outbound.some((m) => m.kind === 'service.submitted')).toBe(true);

    let v = r.version;
    const step = async (name: string, body: Record<string, unknown>) => {
      const s = await call(OP, 'POST', `/api/service-records/${r.id}/${name}`, { version: v, ...body });
      expect(s.statusCode, s.body).toBe(200);
      v = s.json().version;
      return s.json();
    };
    await step('accept', {});
    await step('progress', { note: '已收到报关单与发票，正在核对。' });
    await step('progress', { note: '已提交电子税务局，等待审核。' });
    const done = await step('complete', { resultText: '退税申报已完成。' });
    expect(done.status).toBe('completed');
    expect(done.progress.map((p: { kind: string }) => p.kind)).toEqual([
      'submitted',
      'accepted',
      'progress',
      'progress',
      'completed',
    ]);
    // The enterprise sees the same log and may now rate (and only rate).
    const mine = await call(ENT, 'GET', `/api/service-records/${r.id}`);
    expect(mine.json().progress[2].note).toBe('已收到报关单与发票，正在核对。');
    expect(mine.json().allowed).toEqual(['attach', 'rate']);
    const msgs = (await call(ENT, 'GET', '/api/messages')).json().items.map((m: { kind: string }) => m.kind);
    expect(msgs).toContain('service.completed');
  });

  it('answers a new record with exactly the page reading it back shows, in Chinese and in English', async () => {
    // The create paths build their answer from the values they wrote instead of reading the record back (issue 12
    // target 4): it must not differ from the read-back in any field.
    const [staff] = rowsOf<{ id: number }>(
      await t.deps.db.execute(sql`insert into centre_staff (centre_id, name, trade_years, customs_declarant,
          foreign_language, social_insurance_proof) values (${centreId}, '王经办', 3, true, false, '证明') returning id`),
    );
    const [ent] = rowsOf<{ id: number }>(
      await t.deps.db.execute(sql`select enterprise_id as id from users where username = ${ENT}`),
    );
    for (const lang of ['zh-CN', 'en']) {
      const asked = await call(
        ENT,
        'POST',
        '/api/service-records/requests',
        {
          centreId,
          category: 'tax_refund',
          subItem: 'refund_declaration',
          requestText: '请协助办理出口退税申报（核对回读）。',
        },
        lang,
      );
      expect(asked.statusCode, asked.body).toBe(201);
      expect(asked.json()).toEqual(
        (await call(ENT, 'GET', `/api/service-records/${asked.json().id}`, undefined, lang)).json(),
      );
      const recorded = await call(
        OP,
        'POST',
        '/api/service-records',
        {
          enterpriseId: ent?.id,
          category: 'tax_refund',
          subItem: 'refund_declaration',
          channel: 'onsite',
          requestText: '上门辅导出口退税申报（核对回读）。',
          assigneeId: staff?.id,
        },
        lang,
      );
      expect(recorded.statusCode, recorded.body).toBe(201);
      const back = await call(OP, 'GET', `/api/service-records/${recorded.json().id}`, undefined, lang);
      expect(recorded.json()).toEqual(back.json());
      expect(back.json()).toMatchObject({ assigneeName: '王经办', status: 'accepted', allowed: expect.any(Array) });
      expect(back.json().number).toMatch(/^FW\d{10}$/);
    }
  });

  it('refuses a step the status does not allow, naming both, and writes nothing', async () => {
    const r = (await request()).json();
    const seq = await auditSeq();
    const res = await call(OP, 'POST', `/api/service-records/${r.id}/complete`, {
      version: r.version,
      resultText: 'x',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('待受理');
    expect(await auditSeq()).toBe(seq);
  });

  it('lets only the served enterprise rate, only after completion, once; a bad rating opens a rectification', async () => {
    const r = (await request()).json();
    const early = await call(ENT, 'POST', `/api/service-records/${r.id}/rating`, { level: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('RATING_REFUSED');
    let v = r.version;
    for (const [name, body] of [
      ['accept', {}],
      ['complete', { resultText: '已办结。' }],
    ] as const) {
      const s = await call(OP, 'POST', `/api/service-records/${r.id}/${name}`, { version: v, ...body });
      v = s.json().version;
    }
    await cookie(otherEnterprise); // signing in is audited: do it before taking the snapshot
    const seq = await auditSeq();
    const ratings = await count('service_ratings');
    // Another enterprise cannot even see the record; the centre has no rating permission.
    expect(
      (await call(otherEnterprise, 'POST', `/api/service-records/${r.id}/rating`, { level: 'satisfied' })).statusCode,
    ).toBe(404);
    expect(
      (await call(OP, 'POST', `/api/service-records/${r.id}/rating`, { level: 'very_satisfied' })).statusCode,
    ).toBe(403);
    expect(await count('service_ratings')).toBe(ratings);
    expect(await auditSeq()).toBe(seq);

    const listTotal = async (user: string, key: string) =>
      ((await call(user, 'GET', '/api/dashboard')).json() as TDashboard).lists.find((l) => l.key === key)?.total;
    const toRate = async () => (await listTotal(ENT, 'myToRate')) as number;
    const unrated = async () => (await listTotal(OP, 'unrated')) as number;
    const [toRateBefore, unratedBefore] = [await toRate(), await unrated()];
    expect(toRateBefore).toBeGreaterThanOrEqual(1);
    const rated = await call(ENT, 'POST', `/api/service-records/${r.id}/rating`, {
      level: 'dissatisfied',
      efficiency: 2,
      attitude: 3,
      comment: '办理时间过长。',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    const detail = rated.json();
    expect(detail.rating.level).toBe('dissatisfied');
    // 15 working days on the official calendar from the test day (see TEST_START).
    expect(detail.rectification.status).toBe('open');
    expect(detail.rectification).toMatchObject({ openedOn: '2026-11-24', dueOn: '2026-12-15', overdue: false });
    expect(detail.rectification.rule).toContain('15 个工作日');
    expect(detail.allowed).not.toContain('rate');
    // The home pages count it as rated at once.
    expect(await toRate()).toBe(toRateBefore - 1);
    expect(await unrated()).toBe(unratedBefore - 1);
    const twice = await call(ENT, 'POST', `/api/service-records/${r.id}/rating`, { level: 'very_satisfied' });
    expect(twice.statusCode).toBe(409);
    expect((await call(ENT, 'GET', `/api/service-records/${r.id}`)).json().rating.level).toBe('dissatisfied');
    // Not even the database lets a rating change.
    await expect(t.deps.db.execute(sql`update service_ratings set level = 'very_satisfied'`)).rejects.toThrow();

    // The centre answers, the county sends it back, the centre answers again, the county closes it.
    const fixId = detail.rectification.id;
    let fv = detail.rectification.version;
    const fix = async (u: string, path: string, body: Record<string, unknown>) => {
      const s = await call(u, 'POST', `/api/rectifications/${fixId}/${path}`, { version: fv, ...body });
      expect(s.statusCode, s.body).toBe(200);
      fv = s.json().version;
      return s.json();
    };
    expect((await fix(OP, 'answer', { answer: '已约谈经办人并优化流程。' })).status).toBe('answered');
    expect((await fix('county.420502', 'follow-up', { decision: 'reopen', comment: '请补充整改措施。' })).status).toBe(
      'open',
    );
    await fix(OP, 'answer', { answer: '已补充：设立退税专岗，承诺 3 个工作日办结。' });
    expect((await fix('county.420502', 'follow-up', { decision: 'accept', comment: '整改到位。' })).status).toBe(
      'closed',
    );
    // Another county cannot see it.
    const other = await call('county.420583', 'POST', `/api/rectifications/${fixId}/follow-up`, {
      version: fv,
      decision: 'reopen',
      comment: 'x',
    });
    expect(other.statusCode).toBe(404);
  });

  it('flags a rectification overdue once its working-day deadline has passed', async () => {
    const r = (await request()).json();
    let v = r.version;
    for (const [name, body] of [
      ['accept', {}],
      ['complete', { resultText: '已办结。' }],
    ] as const) {
      v = (await call(OP, 'POST', `/api/service-records/${r.id}/${name}`, { version: v, ...body })).json().version;
    }
    const d = (await call(ENT, 'POST', `/api/service-records/${r.id}/rating`, { level: 'very_dissatisfied' })).json();
    const due = d.rectification.dueOn as string;
    const before = (await call(OP, 'GET', '/api/rectifications?overdue=true'))
      .json()
      .items.map((x: { id: number }) => x.id);
    expect(before).not.toContain(d.rectification.id);
    // Art. 15, 16: 宜昌 shortens the period from tomorrow; this rectification keeps the period it was given.
    const tomorrow = beijingDay(new Date(t.clock.now.getTime() + 86_400_000));
    const ruled = await call('city.420500', 'POST', '/api/city-rules', {
      title: '宜昌市外贸综合服务中心服务评价整改实施细则',
      documentNumber: '宜商务发〔2026〕31号',
      effectiveFrom: tomorrow,
      parameters: { rectificationWorkingDays: 10 },
    });
    expect(ruled.statusCode, ruled.body).toBe(201);
    t.clock.now = new Date(`${due}T12:00:00+08:00`);
    t.clock.advance(86_400_000);
    // Weeks later every session has expired: sign in again.
    for (const k of Object.keys(cookies)) delete cookies[k];
    const after = (await call(OP, 'GET', '/api/rectifications?overdue=true')).json().items;
    expect(after.map((x: { id: number }) => x.id)).toContain(d.rectification.id);
    // Shown, in the list and alone, under the rule of the day it was opened — not the city's shorter one of today.
    const listed = after.find((x: { id: number }) => x.id === d.rectification.id);
    expect(listed.rule).toContain('15 个工作日');
    expect(listed.dueOn).toBe(due);
    const alone = (await call(OP, 'GET', `/api/service-records/${r.id}`)).json().rectification;
    expect(alone.rule).toContain('15 个工作日');
    // A 差评 given today is given the city's 10 working days.
    const next = (await request()).json();
    let nv = next.version;
    for (const [name, body] of [
      ['accept', {}],
      ['complete', { resultText: '已办结。' }],
    ] as const) {
      nv = (await call(OP, 'POST', `/api/service-records/${next.id}/${name}`, { version: nv, ...body })).json().version;
    }
    const fresh = (await call(ENT, 'POST', `/api/service-records/${next.id}/rating`, { level: 'dissatisfied' })).json();
    expect(fresh.rectification.rule).toContain('10 个工作日');
    expect(fresh.rectification.rule).toContain('宜商务发〔2026〕31号');
    expect(listed.rule).not.toContain('宜商务发');
    const dash = (await call(OP, 'GET', '/api/dashboard')).json() as TDashboard;
    const dueList = dash.lists.find((l) => l.key === 'rectificationsDue');
    // The centre's home leads its rectifications with the overdue ones, each opening its record.
    expect(dueList?.items[0]?.overdue).toBe(true);
    expect(dueList?.items.find((i) => i.id === d.rectification.id)).toMatchObject({
      overdue: true,
      link: `/services/${r.id}`,
    });
  });

  it('keeps each enterprise to its own records and officials to their region', async () => {
    const r = (await request()).json();
    expect((await call(otherEnterprise, 'GET', `/api/service-records/${r.id}`)).statusCode).toBe(404);
    const list = (await call(otherEnterprise, 'GET', '/api/service-records')).json();
    expect(list.items.every((x: { enterpriseId: number }) => x.enterpriseId !== r.enterpriseId)).toBe(true);
    expect((await call('city.420600', 'GET', `/api/service-records/${r.id}`)).statusCode).toBe(404);
    expect((await call('city.420500', 'GET', `/api/service-records/${r.id}`)).statusCode).toBe(200);
    // Officials read but do not handle.
    const county = await call('county.420502', 'POST', `/api/service-records/${r.id}/accept`, { version: r.version });
    expect(county.statusCode).toBe(403);
  });

  it('lets the centre record a walk-in for a new enterprise, entered approved, and refuses an unknown sub-item', async () => {
    const bad = await call(OP, 'POST', '/api/service-records', {
      enterprise: {
        creditCode: enterpriseCreditCode('420502', 30),
        name: '宜昌窗口新客户有限公司',
        countyCode: '420502',
        contactPerson: '赵先生',
        contactPhone: '13900000000',
      },
      category: 'consultation',
      subItem: 'refund_declaration',
      channel: 'window',
      requestText: '咨询出口退税政策。',
    });
    expect(bad.statusCode).toBe(400);
    expect(await count(`enterprises where credit_code = '${enterpriseCreditCode('420502', 30)}'`)).toBe(0);
    const ok = await call(OP, 'POST', '/api/service-records', {
      enterprise: {
        creditCode: enterpriseCreditCode('420502', 30),
        name: '宜昌窗口新客户有限公司',
        countyCode: '420502',
        contactPerson: '赵先生',
        contactPhone: '13900000000',
      },
      category: 'consultation',
      subItem: 'other',
      channel: 'window',
      requestText: '咨询出口退税政策。',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'accepted', channel: 'window', source: 'staff' });
  });

  it('registers an enterprise of a city-level unit without counties (仙桃市) as belonging to the unit itself', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/enterprise-registrations',
      headers: { 'x-forwarded-for': '10.9.9.9' },
      payload: {
        creditCode: enterpriseCreditCode('429004', 1),
        name: '仙桃市测试外贸有限公司',
        countyCode: '429004',
        contactPerson: '吴经理',
        contactPhone: '0728-3000001',
        hasTradeRecord: false,
        password: 'Reg#2026xyz',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = rowsOf<{ county_code: string; city_code: string }>(
      await t.deps.db.execute(
        sql`select county_code, city_code from enterprises where name = '仙桃市测试外贸有限公司'`,
      ),
    );
    expect(row).toEqual({ county_code: '429004', city_code: '429004' });
  });

  it('lets an enterprise correct its particulars under the registration rules, and refuses without a change', async () => {
    const me = (await call(ENT, 'GET', '/api/enterprises?pageSize=1')).json().items[0];
    const snapshot = async () => ({
      row: rowsOf(await t.deps.db.execute(sql`select * from enterprises where id = ${me.id}`)),
      seq: await auditSeq(),
    });
    const before = await snapshot();
    const patch = (payload: Record<string, unknown>) =>
      call(ENT, 'PATCH', `/api/enterprises/${me.id}`, { version: me.version, ...payload });
    const otherPark = await patch({ parkId: t.world.parks.xiangyangHighTech.id });
    expect(otherPark.statusCode).toBe(400);
    expect(otherPark.json().details.field).toBe('parkId');
    const future = await patch({ hasTradeRecord: true, firstTradeOn: '2027-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.field).toBe('firstTradeOn');
    expect(await snapshot()).toEqual(before);
    const ok = await patch({ contactPhone: '0717-6000010' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ contactPhone: '0717-6000010', parkId: me.parkId, firstTradeOn: me.firstTradeOn });
    expect(
      (await call(ENT, 'PATCH', `/api/enterprises/${me.id}`, { version: me.version, contactPhone: '1' })).statusCode,
    ).toBe(400);
  });

  it('registers an enterprise publicly, has it approved by the county, and signs it in', async () => {
    const code = enterpriseCreditCode('420502', 40);
    const body = {
      creditCode: code,
      name: '宜昌新注册进出口有限公司',
      countyCode: '420502',
      parkId: t.world.parks.yichangHighTech.id,
      contactPerson: '钱女士',
      contactPhone: '13800000001',
      hasTradeRecord: false,
      password: 'Reg#2026abc',
    };
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/public/enterprise-registrations',
      payload: { ...body, creditCode: `${code.slice(0, 17)}0` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toBe('creditCode');
    const reg = await t.app.inject({ method: 'POST', url: '/api/public/enterprise-registrations', payload: body });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json()).toMatchObject({ status: 'pending', username: `enterprise.${code}` });
    const again = await t.app.inject({ method: 'POST', url: '/api/public/enterprise-registrations', payload: body });
    expect(again.statusCode).toBe(409);
    // No account before approval.
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `enterprise.${code}`, password: 'Reg#2026abc' },
    });
    expect(early.statusCode).toBe(401);
    const pending = (await call('county.420502', 'GET', '/api/enterprises?status=pending')).json();
    const e = pending.items.find((x: { creditCode: string }) => x.creditCode === code);
    expect(e).toBeTruthy();
    expect(
      (
        await call('county.420583', 'POST', `/api/enterprises/${e.id}/review`, {
          decision: 'approve',
          version: e.version,
        })
      ).statusCode,
    ).toBe(404);
    const approved = await call('county.420502', 'POST', `/api/enterprises/${e.id}/review`, {
      decision: 'approve',
      version: e.version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', hasAccount: true });
    await loginAs(t.app, `enterprise.${code}`, 'Reg#2026abc');
  });
});
