import fs from 'node:fs';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { enterpriseCreditCode, makeEnterprise } from '../src/server/demo/enterprise-factory';
import { makeCreditCode, makeIdNumber } from '../src/server/demo/identity-factory';
import { legalRepIdNumberFor, makeOperator } from '../src/server/demo/operator-factory';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';

/**
 * Decision 0009: who may change what on the province-wide registers. An operator is changed, its legal
 * representative's ID number revealed and its violations recorded only by the province, the region where it was
 * registered and the regions where it runs or ran a centre; serving an enterprise does not open its particulars unless
 * the enterprise asked; a registration outside the caller's scope answers exactly like an id that does not exist.
 */

const WEST = 'county.420502'; // 西陵区, 宜昌
const ZHIJIANG = 'county.420583'; // 枝江市, 宜昌
const YICHANG = 'city.420500';
const XIANGYANG = 'city.420600';
const OP = 'operator.1'; // centre 1 in 宜昌高新区 (西陵区)

describe('shared registers: writes and secrets scoped by region (decision 0009)', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const call = async (u: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, lang = 'zh-CN') => {
    cookies[u] ??= await loginAs(t.app, u);
    return as(t.app, cookies[u], {
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      headers: { 'accept-language': lang },
    });
  };
  const query = async <T = Record<string, unknown>>(q: SQL) => rowsOf<T>(await t.deps.db.execute(q));
  const auditSeq = async () => (await query<{ seq: string }>(sql`select seq from audit_head where id = 1`))[0]?.seq;
  /** The rows an operator refusal must leave as they were, with the operation log. */
  const operatorState = async (id: number) => ({
    row: await query(sql`select * from operators where id = ${id}`),
    violations: await query(sql`select * from operator_violations where operator_id = ${id} order by id`),
    seq: await auditSeq(),
  });
  const version = async (id: number) =>
    (await query<{ version: number }>(sql`select version from operators where id = ${id}`))[0]?.version;
  const patch = async (u: string, id: number, premises: string) =>
    call(u, 'PATCH', `/api/operators/${id}`, { version: await version(id), premises });
  const reveal = (u: string, id: number) => call(u, 'POST', `/api/operators/${id}/identity`);
  const violate = (u: string, id: number) =>
    call(u, 'POST', `/api/operators/${id}/violations`, {
      occurredOn: '2026-01-15',
      description: '未按规定申报出口货物，被海关处以警告。',
      source: '武汉海关行政处罚决定书',
    });
  const actionsOf = async (u: string, id: number) =>
    (await call(u, 'GET', `/api/operators/${id}`)).json().allowedActions;
  const expectOutside = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('OPERATOR_OUTSIDE_REGION');
  };

  beforeAll(async () => {
    t = await buildTestApp();
    // Centre 1 (the fixture operator's) operates in 宜昌高新区, so that it can record services.
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    expect(centre.id).toBe(1);
    await makeEngagement(t.deps, { centre, operator: await makeOperator(t.deps, { serial: 81 }), target: 'filed' });
    // Signed in before any test, so that a sign-in's own log entry is not taken for a change.
    for (const u of [WEST, ZHIJIANG, YICHANG, XIANGYANG, 'province']) cookies[u] = await loginAs(t.app, u);
  });
  afterAll(async () => t?.close());

  it('keeps the region of the county that registered an operator, and the province’s for the province’s', async () => {
    const res = await call(WEST, 'POST', '/api/operators', {
      name: '西陵区登记外贸服务有限公司',
      creditCode: makeCreditCode(82),
      legalRepName: '刘经理',
      legalRepIdNumber: makeIdNumber(82),
      tradeRegistration: '04210082',
      capabilities: ['logistics'],
      premises: '宜昌市西陵区东山大道1号',
      contactPhone: '0717-6100082',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ registeredRegionCode: '420502', registeredRegionName: '西陵区' });
    const byProvince = await makeOperator(t.deps, { serial: 83 });
    expect(byProvince).toMatchObject({ registeredRegionCode: '420000', registeredRegionName: '湖北省' });
  });

  it('the migration gives operators registered before it the region of the official who registered them', async () => {
    // Found by what it adds, not by its number: migrations may be renumbered when branches merge.
    const dir = path.join(import.meta.dirname, '../src/server/db/migrations');
    const file = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .find((text) => text.includes('ADD COLUMN "registered_region_code"'));
    const backfill = /UPDATE "operators" SET "registered_region_code"[^;]*;/.exec(file ?? '')?.[0] ?? '';
    expect(backfill).toContain('UPDATE');
    // As before the column existed: every row at the default.
    await t.deps.db.execute(sql`update operators set registered_region_code = '420000'`);
    await t.deps.db.execute(sql.raw(backfill));
    const rows = await query<{ name: string; registered_region_code: string }>(
      sql`select name, registered_region_code from operators order by id`,
    );
    // The county's own registration (through the API, so created_by is its user) is the county's again; the
    // factories' registrations have no user behind them and stay the province's.
    expect(rows.find((r) => r.name === '西陵区登记外贸服务有限公司')?.registered_region_code).toBe('420502');
    expect(rows.filter((r) => r.name !== '西陵区登记外贸服务有限公司').map((r) => r.registered_region_code)).toEqual(
      rows.filter((r) => r.name !== '西陵区登记外贸服务有限公司').map(() => '420000'),
    );
  });

  it('another county may read an operator registered in 西陵区 but not change it, reveal its ID or see the buttons', async () => {
    const op = await makeOperator(t.deps, { serial: 84, registeredIn: '420502' });
    const before = await operatorState(op.id);
    expectOutside(await patch(ZHIJIANG, op.id, '枝江市马家店街道1号'));
    const reveal403 = await reveal(ZHIJIANG, op.id);
    expectOutside(reveal403);
    expect(reveal403.body).not.toContain(legalRepIdNumberFor(84, '420502'));
    const en = await call(
      ZHIJIANG,
      'PATCH',
      `/api/operators/${op.id}`,
      { version: op.version, premises: 'x 路 1 号' },
      'en',
    );
    expect(en.json().message).toContain('not registered in your region');
    // 襄阳 has nothing to do with it: no violation that would bar it everywhere.
    expectOutside(await violate(XIANGYANG, op.id));
    expect(await operatorState(op.id)).toEqual(before);
    expect((await call(ZHIJIANG, 'GET', `/api/operators/${op.id}`)).statusCode).toBe(200);
    expect(await actionsOf(ZHIJIANG, op.id)).toEqual([]);
    expect(await actionsOf(XIANGYANG, op.id)).toEqual([]);
    // An id that does not exist is still 404, not a refusal of the region.
    expect((await reveal(ZHIJIANG, 999_999)).json().code).toBe('NOT_FOUND');
  });

  it('the county that registered it, the city above that county and the province may', async () => {
    const op = await makeOperator(t.deps, { serial: 85, registeredIn: '420502' });
    expect(await actionsOf(WEST, op.id)).toEqual(['update', 'viewIdentity']);
    expect(await actionsOf(YICHANG, op.id)).toEqual(['recordViolation']);
    expect(await actionsOf('province', op.id)).toEqual(['update', 'viewIdentity', 'recordViolation']);
    expect((await patch(WEST, op.id, '宜昌市西陵区夷陵大道2号')).statusCode).toBe(200);
    const shown = await reveal(WEST, op.id);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().legalRepIdNumber).toBe(legalRepIdNumberFor(85, '420502'));
    expect((await violate(YICHANG, op.id)).statusCode).toBe(200);
    expect((await patch('province', op.id, '武汉市江汉区建设大道3号')).statusCode).toBe(200);
    expect((await reveal('province', op.id)).statusCode).toBe(200);
    expect((await violate('province', op.id)).statusCode).toBe(200);
    const after = await query<{ premises: string; n: string }>(
      sql`select premises, (select count(*) from operator_violations where operator_id = ${op.id}) as n
          from operators where id = ${op.id}`,
    );
    expect(after[0]).toMatchObject({ premises: '武汉市江汉区建设大道3号' });
    expect(Number(after[0]?.n)).toBe(2);
  });

  it('the county (and the city) where it runs a centre may, from the tender on; a third region still may not', async () => {
    const op = await makeOperator(t.deps, { serial: 86 });
    expectOutside(await patch(ZHIJIANG, op.id, '枝江市马家店街道2号'));
    const zhijiangCentre = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved' });
    await makeEngagement(t.deps, { centre: zhijiangCentre, operator: op, target: 'tendered' });
    expect(await actionsOf(ZHIJIANG, op.id)).toEqual(['update', 'viewIdentity']);
    expect((await patch(ZHIJIANG, op.id, '枝江市马家店街道3号')).statusCode).toBe(200);
    expect((await reveal(ZHIJIANG, op.id)).statusCode).toBe(200);
    // 西陵区 registered nothing here and runs no centre with it.
    const before = await operatorState(op.id);
    expectOutside(await patch(WEST, op.id, '宜昌市西陵区3号'));
    expectOutside(await reveal(WEST, op.id));
    expectOutside(await violate(XIANGYANG, op.id));
    expect(await operatorState(op.id)).toEqual(before);
    expect((await violate(YICHANG, op.id)).statusCode).toBe(200);
  });
});

describe('enterprises: serving is no key to particulars; ids outside the scope answer as missing (decision 0009)', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const call = async (u: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    cookies[u] ??= await loginAs(t.app, u);
    return as(t.app, cookies[u], {
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  };
  const query = async <T = Record<string, unknown>>(q: SQL) => rowsOf<T>(await t.deps.db.execute(q));
  const state = async () => ({
    records: await query(sql`select id from service_records order by id`),
    enterprises: await query(sql`select * from enterprises order by id`),
    seq: (await query<{ seq: string }>(sql`select seq from audit_head where id = 1`))[0]?.seq,
  });
  const walkIn = (body: Record<string, unknown>) =>
    call(OP, 'POST', '/api/service-records', {
      category: 'consultation',
      subItem: 'other',
      channel: 'window',
      requestText: '窗口咨询出口退税政策。',
      ...body,
    });
  const particulars = (creditCode: string) => ({
    creditCode,
    name: '来访企业自报名称',
    countyCode: '420606',
    contactPerson: '自报联系人',
    contactPhone: '13700000000',
    hasTradeRecord: false,
  });
  const register = async (serial: number, name: string) => {
    const creditCode = enterpriseCreditCode('420606', serial);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/enterprise-registrations',
      payload: {
        creditCode,
        name,
        countyCode: '420606',
        contactPerson: '郑经理',
        contactPhone: '0710-3000099',
        hasTradeRecord: false,
        password: 'Reg#2026xyz',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await query<{ id: number }>(sql`select id from enterprises where credit_code = ${creditCode}`);
    return { id: row?.id ?? 0, creditCode };
  };
  /** A refusal as a caller sees it, with the id it was asked about taken out. */
  const answer = (res: LightMyRequestResponse) => {
    const { details, ...rest } = res.json();
    const { id: _id, ...d } = details ?? {};
    return { status: res.statusCode, ...rest, details: d };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    await makeEngagement(t.deps, { centre, operator: await makeOperator(t.deps, { serial: 91 }), target: 'filed' });
    for (const u of [WEST, ZHIJIANG, OP]) cookies[u] = await loginAs(t.app, u);
  });
  afterAll(async () => t?.close());

  it('a walk-in recorded for an enterprise of another county shows its name and code only, and opens nothing', async () => {
    const xiangyang = await makeEnterprise(t.deps, {
      particulars: {
        creditCode: enterpriseCreditCode('420606', 1),
        name: '襄阳高新外贸有限公司',
        countyCode: '420606',
        contactPerson: '周经理',
        contactPhone: '0710-3000001',
        hasTradeRecord: false,
      },
      password: TEST_PASSWORD,
    });
    const rowBefore = await query(sql`select * from enterprises where id = ${xiangyang.id}`);
    // Chosen by id, it is not there for this centre: the same answer as an id that does not exist.
    const byId = await walkIn({ enterpriseId: xiangyang.id });
    const missing = await walkIn({ enterpriseId: 999_999 });
    expect(byId.statusCode).toBe(400);
    expect(answer(byId)).toEqual(answer(missing));
    expect(byId.body).not.toContain('襄阳高新外贸');
    // Come to the window with its particulars, it is served; what the staff typed does not overwrite its record.
    const served = await walkIn({ enterprise: particulars(xiangyang.creditCode) });
    expect(served.statusCode, served.body).toBe(201);
    expect(served.json()).toMatchObject({ enterpriseName: '襄阳高新外贸有限公司' });
    expect(served.body).not.toContain('0710-3000001');
    expect(served.body).not.toContain('周经理');
    expect(await query(sql`select * from enterprises where id = ${xiangyang.id}`)).toEqual(rowBefore);
    // The centre's own record is no key to the contacts.
    const read = await call(OP, 'GET', `/api/enterprises/${xiangyang.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('0710-3000001');
    const listed = await call(OP, 'GET', `/api/enterprises?q=${xiangyang.creditCode}`);
    expect(listed.json().total).toBe(0);
    const records = await call(OP, 'GET', '/api/service-records');
    expect(records.body).not.toContain('0710-3000001');
    // When the enterprise itself asks the centre, the centre may see whom it serves.
    const asked = await call(xiangyang.username ?? '', 'POST', '/api/service-records/requests', {
      centreId: 1,
      category: 'tax_refund',
      subItem: 'refund_declaration',
      requestText: '请协助办理出口退税申报。',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const now = await call(OP, 'GET', `/api/enterprises/${xiangyang.id}`);
    expect(now.statusCode).toBe(200);
    expect(now.json()).toMatchObject({ contactPhone: '0710-3000001' });
  });

  it('a pending or rejected registration elsewhere answers exactly like a missing id, and never by its name', async () => {
    const pending = await register(2, '襄阳待审核外贸有限公司');
    const rejected = await register(3, '襄阳已退回外贸有限公司');
    await t.deps.db.execute(sql`update enterprises set status = 'rejected' where id = ${rejected.id}`);
    const before = await state();
    for (const e of [pending, rejected]) {
      const name = e === pending ? '襄阳待审核外贸有限公司' : '襄阳已退回外贸有限公司';
      // The centre, by id.
      const byId = await walkIn({ enterpriseId: e.id });
      expect(answer(byId)).toEqual(answer(await walkIn({ enterpriseId: 999_999 })));
      expect(byId.body).not.toContain(name);
      // The centre, by the credit code it typed: refused without the name or which of the two it is.
      const byCode = await walkIn({ enterprise: particulars(e.creditCode) });
      expect(byCode.statusCode).toBe(409);
      expect(byCode.json().code).toBe('ENTERPRISE_NOT_SERVABLE');
      expect(byCode.body).not.toContain(name);
      expect(byCode.body).not.toMatch(/待审核|已退回|awaiting|rejected/);
      // Officials of other regions: reading and reviewing answer as for a missing id.
      for (const u of [ZHIJIANG, 'county.420502', OP]) {
        const got = await call(u, 'GET', `/api/enterprises/${e.id}`);
        expect(answer(got)).toEqual(answer(await call(u, 'GET', '/api/enterprises/999999')));
        expect(got.body).not.toContain(name);
      }
      for (const u of ['county.420502', OP]) {
        const review = await call(u, 'POST', `/api/enterprises/${e.id}/review`, { decision: 'approve', version: 1 });
        const none = await call(u, 'POST', '/api/enterprises/999999/review', { decision: 'approve', version: 1 });
        expect(answer(review)).toEqual(answer(none));
        expect(review.statusCode).toBe(404);
      }
    }
    expect(await state()).toEqual(before);
  });
});
