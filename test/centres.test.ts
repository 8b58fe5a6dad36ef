import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RECOGNISED_STATUSES,
  type TCentre,
  type TCentreDetail,
  type TCentreInput,
  type TCentreStats,
  type TCentreStatus,
  type TPublicCentre,
} from '../src/contracts/centre';
import type { TPark } from '../src/contracts/park';
import { prepareDatabase } from '../src/server/bootstrap';
import { systemContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { centreInputFor, makeCentre } from '../src/server/demo/centre-factory';
import { makePark } from '../src/server/demo/factories';
import { loadDemo } from '../src/server/demo/load-demo';
import { verifyAuditChain } from '../src/server/lib/audit';
import { requestCentreChange } from '../src/server/modules/centre/request-centre-change';
import { getDashboard } from '../src/server/modules/dashboard/get-dashboard';
import { checkFigures } from '../src/server/modules/figures';
import { beijingDay } from '../src/server/policy/policy';
import { as, buildTestApp, depsFor, loginAs, type TestApp, TestClock } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import { createTestDatabase, usingPostgres } from './helpers/db';

/**
 * Centres through the HTTP API (issue 4; Art. 6 and Art. 9 of the draft policy): the set-up workflow county → city →
 * province with every step and every refusal, the rules checked at submission and again at approval, adjustment and
 * revocation with decision letters, the lists, export and statistics, the public list, simultaneous steps, and the
 * demo data. Every refusal leaves the centres, their history, change requests, letters and the audit chain as they were.
 */

let t: TestApp;
type Who = 'admin' | 'province' | 'city' | 'otherCity' | 'county' | 'otherCounty' | 'park';
const WHO: Who[] = ['admin', 'province', 'city', 'otherCity', 'county', 'otherCounty', 'park'];
const cookie = {} as Record<Who, string>;
/** Parks made here, beside the fixture's 宜昌高新区 (national), 枝江 (provincial) and 襄阳高新区 (national). */
const extra = {} as Record<'jingmen' | 'jingzhou' | 'dangyang' | 'xiaogan' | 'yidu', TPark>;

const get = (who: Who, url: string, headers: Record<string, string> = {}) =>
  as(t.app, cookie[who], { method: 'GET', url, headers });
const send = (who: Who, opts: InjectOptions) => as(t.app, cookie[who], opts);
const post = (who: Who, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  send(who, { method: 'POST', url, payload: payload as InjectOptions['payload'], headers });
/** One workflow step, with the version the officer saw. */
const step = (who: Who, id: number, name: string, version: number, comment?: string, headers = {}) =>
  post(who, `/api/centres/${id}/${name}`, { version, ...(comment === undefined ? {} : { comment }) }, headers);
const anonymous = (url: string) => t.app.inject({ method: 'GET', url });

async function query<T = Record<string, unknown>>(q: SQL): Promise<T[]> {
  return rowsOf<T>(await t.deps.db.execute(q));
}

async function loginAll() {
  for (const who of WHO) cookie[who] = await loginAs(t.app, t.world.users[who].username);
}

/** Everything a centre route may write, and the head of the audit chain. */
async function everything() {
  return {
    centres: await query(sql`select * from centres order by id`),
    events: await query(sql`select * from centre_events order by id`),
    changes: await query(sql`select * from centre_changes order by id`),
    letters: await query(sql`select * from decision_letters order by id`),
    head: await query(sql`select seq, hash from audit_head`),
  };
}

/** A refused call: the status and code it answers, and nothing written. */
async function refused(call: () => Promise<LightMyRequestResponse>, status: number, code: string) {
  const before = await everything();
  const res = await call();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code, res.body).toBe(code);
  expect(await everything()).toEqual(before);
  return res;
}

async function row(id: number) {
  const [r] = await query<{ status: TCentreStatus; version: number }>(
    sql`select status, version from centres where id = ${id}`,
  );
  if (!r) throw new Error(`no centre ${id}`);
  return r;
}

async function auditOf(objectId: number, action: string) {
  const res = await get('admin', `/api/audit?action=${action}&objectId=${objectId}&sort=seq`);
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { actorName: string; before: unknown; after: unknown }[]; total: number };
}

async function listOf(who: Who, qs = ''): Promise<TCentre[]> {
  const res = await get(who, `/api/centres?pageSize=200${qs ? `&${qs}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().total).toBe(res.json().items.length);
  return res.json().items;
}
const idsIn = (items: { id: number }[]) => items.map((c) => c.id);

async function publicList(qs = ''): Promise<TPublicCentre[]> {
  const res = await anonymous(`/api/public/centres?pageSize=200${qs ? `&${qs}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

const fieldsOf = (res: LightMyRequestResponse) =>
  (res.json().details.fields as { field: string }[]).map((f) => f.field);

/** Art. 9(二): a further centre in a national-level zone states its trading enterprises and support. */
const SECOND_CENTRE = {
  tradingEnterpriseCount: 420,
  supportStatement: '园区实绩外贸企业420家，区财政每年安排配套资金，提供场地及办公、直播设备。',
} satisfies Partial<TCentreInput>;

let nameCounter = 0;
const uniqueName = (prefix: string) => `${prefix}${++nameCounter}号外贸综合服务中心`;

beforeAll(async () => {
  t = await buildTestApp();
  await loginAll();
  const park = (name: string, kind: TPark['kind'], level: TPark['level'], countyCode: string) =>
    makePark(t.deps, { name, kind, level, countyCode });
  extra.jingmen = await park('荆门高新技术产业开发区', 'high_tech_zone', 'national', '420804');
  extra.jingzhou = await park('荆州经济技术开发区', 'economic_dev_zone', 'national', '421002');
  extra.dangyang = await park('当阳经济开发区', 'economic_dev_zone', 'provincial', '420582');
  extra.xiaogan = await park('孝感高新技术产业开发区', 'high_tech_zone', 'national', '420902');
  extra.yidu = await park('宜都工业园区', 'industrial_park', 'other', '420581');
});
afterAll(async () => t?.close());

describe('set-up workflow: county applies, city forwards, province approves (Art. 9(三))', () => {
  let id: number;
  let version: number;
  const yichang = () => t.world.parks.yichangHighTech;
  const input = () => centreInputFor(yichang(), { venueArea: 100 });

  it('the county drafts an application for a park of its own', async () => {
    const res = await post('county', '/api/centres', input());
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as TCentreDetail;
    id = c.id;
    version = c.version;
    expect(c).toMatchObject({
      status: 'draft',
      parkId: yichang().id,
      parkName: '宜昌高新技术产业开发区',
      countyCode: '420502',
      cityCode: '420500',
      venueArea: 100,
      version: 1,
      submittedAt: null,
      recognisedAt: null,
      allowedActions: ['update', 'submit'],
      letters: [],
    });
    expect(c.events).toEqual([
      expect.objectContaining({ action: 'create', fromStatus: null, toStatus: 'draft', actorRole: 'county' }),
    ]);
    const audit = await auditOf(id, 'centre.created');
    expect(audit.total).toBe(1);
    expect(audit.items[0]).toMatchObject({
      actorName: 'county.420502',
      after: { status: 'draft', parkId: yichang().id },
    });
  });

  it('the draft is the county’s own: the city, the province, the park and the admin do not find it', async () => {
    for (const who of ['city', 'province', 'park', 'admin'] as const) {
      const res = await get(who, `/api/centres/${id}`);
      expect(res.statusCode, who).toBe(404);
      expect(res.json().code, who).toBe('NOT_FOUND');
      expect(idsIn(await listOf(who)), who).not.toContain(id);
    }
    expect((await get('county', `/api/centres/${id}`)).statusCode).toBe(200);
    expect(idsIn(await listOf('county'))).toContain(id);
    expect(idsIn(await listOf('county', 'awaitingMe=true'))).toContain(id);
    // Nobody above the county acts on it either: for them it does not exist.
    await refused(() => step('city', id, 'forward', version), 404, 'NOT_FOUND');
  });

  it('another county can neither apply for the park nor see the draft', async () => {
    const res = await refused(
      () => post('otherCounty', '/api/centres', { ...input(), name: '枝江代宜昌申请外综服中心' }),
      404,
      'NOT_FOUND',
    );
    expect(res.json().details.field).toBe('parkId');
    expect((await get('otherCounty', `/api/centres/${id}`)).statusCode).toBe(404);
    expect(idsIn(await listOf('otherCounty'))).not.toContain(id);
    await refused(() => step('otherCounty', id, 'submit', version), 404, 'NOT_FOUND');
  });

  it('the county submits: the application reaches the city, and the park committee sees it', async () => {
    const res = await step('county', id, 'submit', version, '请市商务局审核。');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as TCentreDetail;
    expect(c).toMatchObject({ status: 'submitted', version: 2, submittedAt: t.clock.now.toISOString() });
    version = c.version;
    expect(c.allowedActions).toEqual([]);
    const forCity = (await get('city', `/api/centres/${id}`)).json() as TCentreDetail;
    expect(forCity.allowedActions).toEqual(['forward', 'return']);
    expect(idsIn(await listOf('city', 'awaitingMe=true'))).toContain(id);
    expect((await get('park', `/api/centres/${id}`)).statusCode).toBe(200);
    expect((await get('province', `/api/centres/${id}`)).statusCode).toBe(200);
    const audit = await auditOf(id, 'centre.submitted');
    expect(audit.items).toEqual([
      expect.objectContaining({
        actorName: 'county.420502',
        before: { status: 'draft', version: 1 },
        after: expect.objectContaining({ status: 'submitted', version: 2, policyVersion: 1 }),
      }),
    ]);
  });

  it('the province cannot approve an application the city has not forwarded: 409 naming the status', async () => {
    const zh = await refused(() => step('province', id, 'approve', version), 409, 'INVALID_TRANSITION');
    expect(zh.json().message).toBe('当前状态“已提交”下不能执行“核准”');
    const en = await refused(
      () => step('province', id, 'approve', version, undefined, { 'accept-language': 'en' }),
      409,
      'INVALID_TRANSITION',
    );
    expect(en.json().message).toBe('Cannot approve while the record is "submitted"');
  });

  it('each step belongs to one role: the others get 403 and nothing changes', async () => {
    await refused(() => step('city', id, 'approve', version), 403, 'FORBIDDEN');
    await refused(() => step('county', id, 'forward', version), 403, 'FORBIDDEN');
    await refused(() => step('province', id, 'submit', version), 403, 'FORBIDDEN');
    await refused(() => step('park', id, 'forward', version), 403, 'FORBIDDEN');
    await refused(() => step('admin', id, 'approve', version), 403, 'FORBIDDEN');
  });

  it('襄阳’s city bureau does not find a 宜昌 application (404)', async () => {
    await refused(() => step('otherCity', id, 'forward', version), 404, 'NOT_FOUND');
    await refused(() => step('otherCity', id, 'return', version, '不属于本市。'), 404, 'NOT_FOUND');
  });

  it('a step on a version the officer did not see is refused with 409 VERSION_CONFLICT', async () => {
    await refused(() => step('city', id, 'forward', version - 1), 409, 'VERSION_CONFLICT');
  });

  it('the county can neither edit nor resubmit what it has submitted', async () => {
    const edit = await refused(
      () => send('county', { method: 'PATCH', url: `/api/centres/${id}`, payload: { version, venueArea: 90 } }),
      409,
      'INVALID_TRANSITION',
    );
    expect(edit.json().message).toBe('当前状态“已提交”下不能执行“修改申请”');
    await refused(() => step('county', id, 'submit', version), 409, 'INVALID_TRANSITION');
  });

  it('the city returns the application only with a reason', async () => {
    for (const comment of [undefined, '', ' ']) {
      const res = await refused(() => step('city', id, 'return', version, comment), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(['comment']);
    }
    const res = await step('city', id, 'return', version, '请补充场地免费使用证明。');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as TCentreDetail;
    expect(c.status).toBe('returned');
    version = c.version;
    expect(c.events.at(-1)).toMatchObject({
      action: 'return',
      fromStatus: 'submitted',
      toStatus: 'returned',
      comment: '请补充场地免费使用证明。',
      actorRole: 'city',
    });
    // Back on the county's desk, off the city's.
    expect(idsIn(await listOf('county', 'awaitingMe=true'))).toContain(id);
    expect(idsIn(await listOf('city', 'awaitingMe=true'))).not.toContain(id);
  });

  it('the county edits the returned application on the version it saw, and submits it again', async () => {
    await refused(
      () =>
        send('county', {
          method: 'PATCH',
          url: `/api/centres/${id}`,
          payload: { version: version - 1, venueArea: 120 },
        }),
      409,
      'VERSION_CONFLICT',
    );
    const res = await send('county', {
      method: 'PATCH',
      url: `/api/centres/${id}`,
      payload: { version, venueArea: 120, venueAddress: '宜昌市西陵区发展大道政务服务中心三楼' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'returned',
      venueArea: 120,
      venueAddress: '宜昌市西陵区发展大道政务服务中心三楼',
      version: version + 1,
    });
    version = res.json().version;
    const audit = await auditOf(id, 'centre.updated');
    expect(audit.items).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ venueArea: 100 }),
        after: expect.objectContaining({ venueArea: 120 }),
      }),
    ]);
    const again = await step('county', id, 'submit', version);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('submitted');
    version = again.json().version;
  });

  it('the city forwards it to the province', async () => {
    const res = await step('city', id, 'forward', version, '经审核，同意报省商务厅核准。');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('forwarded');
    version = res.json().version;
    expect(idsIn(await listOf('province', 'awaitingMe=true'))).toContain(id);
    expect(((await get('province', `/api/centres/${id}`)).json() as TCentreDetail).allowedActions).toEqual([
      'approve',
      'reject',
    ]);
  });

  it('the province approves: the centre is recognised and a numbered decision letter is issued', async () => {
    const res = await step('province', id, 'approve', version);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as TCentreDetail;
    const year = beijingDay(t.clock.now).slice(0, 4);
    expect(c).toMatchObject({ status: 'approved', recognisedAt: t.clock.now.toISOString() });
    expect(c.letters).toEqual([
      expect.objectContaining({
        kind: 'approval',
        number: `鄂商务外综决〔${year}〕1号`,
        centreId: id,
        centreName: c.name,
        issuedOn: beijingDay(t.clock.now),
        issuedBy: '湖北省商务厅',
      }),
    ]);
    expect(c.letters[0]?.legalBasis).toContain('第九条');
    expect(c.events.map((e) => e.action)).toEqual([
      'create',
      'submit',
      'return',
      'update',
      'submit',
      'forward',
      'approve',
    ]);
    expect((await auditOf(id, 'centre.approved')).total).toBe(1);
    expect((await auditOf(c.letters[0]?.id ?? 0, 'decision.issued')).total).toBe(1);
    // Recognised, it waits for nobody's step.
    expect(idsIn(await listOf('province', 'awaitingMe=true'))).not.toContain(id);
    version = c.version;
  });

  it('the decision letter prints as a page with its number, the centre and the legal basis', async () => {
    const c = (await get('province', `/api/centres/${id}`)).json() as TCentreDetail;
    const letter = c.letters[0];
    if (!letter) throw new Error('no letter');
    for (const who of ['province', 'city', 'county', 'park', 'admin'] as const) {
      const res = await get(who, `/api/decision-letters/${letter.id}/print`);
      expect(res.statusCode, who).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain(letter.number);
      expect(res.body).toContain(c.name);
      expect(res.body).toContain('第九条');
      expect(res.body).toContain('2026年11月24日');
      expect(res.body).toContain('宜昌市商务局');
    }
    expect((await get('otherCity', `/api/decision-letters/${letter.id}/print`)).statusCode).toBe(404);
  });

  it('the recognised centre is on the public list; drafts and applications never are', async () => {
    const draft = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'draft' });
    const submitted = await makeCentre(t.deps, {
      park: yichang(),
      target: 'submitted',
      input: { ...SECOND_CENTRE, name: uniqueName('宜昌高新区待审') },
    });
    const items = await publicList();
    expect(idsIn(items)).toContain(id);
    expect(idsIn(items)).not.toContain(draft.id);
    expect(idsIn(items)).not.toContain(submitted.id);
    expect(items.every((x) => RECOGNISED_STATUSES.includes(x.status))).toBe(true);
  });

  it('once approved, no step of the set-up workflow applies', async () => {
    const again = await refused(() => step('province', id, 'approve', version), 409, 'INVALID_TRANSITION');
    expect(again.json().message).toContain('已核准');
    await refused(() => step('province', id, 'reject', version, '重复操作。'), 409, 'INVALID_TRANSITION');
    await refused(() => step('city', id, 'return', version, '重复操作。'), 409, 'INVALID_TRANSITION');
    await refused(() => step('county', id, 'submit', version), 409, 'INVALID_TRANSITION');
    await refused(
      () => send('county', { method: 'PATCH', url: `/api/centres/${id}`, payload: { version, venueArea: 60 } }),
      409,
      'INVALID_TRANSITION',
    );
  });
});

describe('rejection by the province', () => {
  let c: TCentreDetail;
  beforeAll(async () => {
    c = await makeCentre(t.deps, { park: t.world.parks.xiangyangHighTech, target: 'forwarded' });
  });

  it('needs a reason', async () => {
    const res = await refused(() => step('province', c.id, 'reject', c.version), 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res)).toEqual(['comment']);
  });

  it('ends the application with the reason on record, and issues no letter', async () => {
    const res = await step('province', c.id, 'reject', c.version, '园区外贸企业数量较少，暂不具备设立条件。');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as TCentreDetail;
    expect(r).toMatchObject({ status: 'rejected', recognisedAt: null, letters: [], allowedActions: [] });
    expect(r.events.at(-1)).toMatchObject({ action: 'reject', comment: '园区外贸企业数量较少，暂不具备设立条件。' });
    expect((await auditOf(c.id, 'centre.rejected')).total).toBe(1);
    expect(idsIn(await publicList())).not.toContain(c.id);
    c = r;
  });

  it('allows no further step (409 INVALID_TRANSITION)', async () => {
    const res = await refused(() => step('province', c.id, 'approve', c.version), 409, 'INVALID_TRANSITION');
    expect(res.json().message).toBe('当前状态“未予核准”下不能执行“核准”');
    await refused(() => step('province', c.id, 'reject', c.version, '再次驳回。'), 409, 'INVALID_TRANSITION');
    await refused(() => step('otherCity', c.id, 'forward', c.version), 409, 'INVALID_TRANSITION');
    await refused(
      () =>
        post('province', `/api/centres/${c.id}/changes`, {
          kind: 'revocation',
          reason: '撤销未获认定的中心。',
          version: c.version,
        }),
      409,
      'CENTRE_NOT_RECOGNISED',
    );
  });
});

describe('rules at submission: the venue (Art. 6) and one centre per park (Art. 9(二))', () => {
  /** A draft through the API, as the county of the park. */
  async function draft(who: 'county' | 'otherCounty', park: TPark, overrides: Partial<TCentreInput>) {
    const res = await post(who, '/api/centres', centreInputFor(park, { name: uniqueName(park.name), ...overrides }));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TCentreDetail;
  }
  const patch = (who: Who, c: { id: number; version: number }, payload: Record<string, unknown>) =>
    send(who, { method: 'PATCH', url: `/api/centres/${c.id}`, payload: { version: c.version, ...payload } });

  it('a national high-tech zone needs 80 m²: 79 is refused with the article, the numbers and the version', async () => {
    // 宜昌高新区 already has its centre; the Art. 9(二) statement keeps this one about the venue.
    const c = await draft('county', t.world.parks.yichangHighTech, { ...SECOND_CENTRE, venueArea: 79 });
    const res = await refused(() => step('county', c.id, 'submit', c.version), 400, 'VENUE_TOO_SMALL');
    expect(res.json().details).toMatchObject({
      field: 'venueArea',
      verdict: { ok: false, article: '第六条', rule: 'venue.minArea', required: 80, actual: 79, policyVersion: 1 },
    });
    expect(res.json().message).toBe(
      '不予受理：服务场地 79 平方米，低于国家级经开区/高新区不少于 80 平方米的要求（第六条）',
    );
    const edited = await patch('county', c, { venueArea: 80 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().venueVerdict).toMatchObject({ ok: true, required: 80, actual: 80 });
    const ok = await step('county', c.id, 'submit', edited.json().version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('submitted');
  });

  it('a provincial zone needs 50 m²: 49 is refused, 50 passes — and the centre is recognised', async () => {
    const zhijiang = t.world.parks.zhijiang;
    const c = await draft('otherCounty', zhijiang, { venueArea: 49 });
    const res = await refused(() => step('otherCounty', c.id, 'submit', c.version), 400, 'VENUE_TOO_SMALL');
    expect(res.json().details.verdict).toMatchObject({ article: '第六条', required: 50, actual: 49, policyVersion: 1 });
    const edited = await patch('otherCounty', c, { venueArea: 50 });
    const submitted = await step('otherCounty', c.id, 'submit', edited.json().version);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const forwarded = await step('city', c.id, 'forward', submitted.json().version);
    const approved = await step('province', c.id, 'approve', forwarded.json().version);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
  });

  it('a venue the county does not provide free of charge is refused (VENUE_NOT_FREE)', async () => {
    const c = await draft('county', t.world.parks.yichangHighTech, { ...SECOND_CENTRE, venueFree: false });
    const res = await refused(() => step('county', c.id, 'submit', c.version), 400, 'VENUE_NOT_FREE');
    expect(res.json().details).toMatchObject({
      field: 'venueFree',
      verdict: { ok: false, article: '第六条', rule: 'venue.freeOfCharge', required: true, actual: false },
    });
  });

  it('a provincial park with a recognised centre takes no second one, whatever the application says', async () => {
    const zhijiang = t.world.parks.zhijiang;
    for (const overrides of [{}, SECOND_CENTRE]) {
      const c = await draft('otherCounty', zhijiang, overrides);
      const res = await refused(() => step('otherCounty', c.id, 'submit', c.version), 409, 'CENTRE_ALREADY_IN_PARK');
      expect(res.json().details).toMatchObject({
        field: 'parkId',
        verdict: { ok: false, article: '第九条（二）', rule: 'placement.onePerPark', required: 0, actual: 1 },
      });
    }
  });

  it('a second centre in a national high-tech zone needs the trading enterprises and support stated', async () => {
    const c = await draft('county', t.world.parks.yichangHighTech, {});
    const res = await refused(() => step('county', c.id, 'submit', c.version), 409, 'CENTRE_ALREADY_IN_PARK');
    expect(res.json().details.verdict).toMatchObject({
      ok: false,
      article: '第九条（二）',
      rule: 'placement.secondCentreJustified',
    });
    const edited = await patch('county', c, SECOND_CENTRE);
    expect(edited.statusCode, edited.body).toBe(200);
    const submitted = await step('county', c.id, 'submit', edited.json().version);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const forwarded = await step('city', c.id, 'forward', submitted.json().version);
    const approved = await step('province', c.id, 'approve', forwarded.json().version);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      placementVerdict: { ok: true, rule: 'placement.secondCentreJustified', actual: '420' },
    });
  });
});

describe('rules again at approval', () => {
  const changePark = async (park: TPark, payload: Record<string, unknown>) => {
    const [p] = await query<{ version: number }>(sql`select version from parks where id = ${park.id}`);
    const patched = await send('province', {
      method: 'PATCH',
      url: `/api/parks/${park.id}`,
      payload: { version: p?.version, ...payload },
    });
    expect(patched.statusCode, patched.body).toBe(200);
  };

  it('the first centre of a national zone needs no justification while a second application waits', async () => {
    const first = await makeCentre(t.deps, { park: extra.jingmen, target: 'forwarded' });
    const second = await makeCentre(t.deps, {
      park: extra.jingmen,
      target: 'forwarded',
      input: { ...SECOND_CENTRE, name: '荆门高新区第二外贸综合服务中心' },
    });
    const a = await step('province', first.id, 'approve', first.version);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().status).toBe('approved');
    const b = await step('province', second.id, 'approve', second.version);
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().status).toBe('approved');
  });

  it('two applications for a park that is no longer national: the first approved takes the place', async () => {
    // Both were submitted while 荆州经开区 was a national zone; then the province revised the park list.
    const first = await makeCentre(t.deps, { park: extra.jingzhou, target: 'forwarded' });
    const second = await makeCentre(t.deps, {
      park: extra.jingzhou,
      target: 'forwarded',
      input: { ...SECOND_CENTRE, name: '荆州经开区第二外贸综合服务中心' },
    });
    await changePark(extra.jingzhou, { level: 'provincial' });
    const a = await step('province', first.id, 'approve', first.version);
    expect(a.statusCode, a.body).toBe(200);
    const res = await refused(
      () => step('province', second.id, 'approve', second.version),
      409,
      'CENTRE_ALREADY_IN_PARK',
    );
    expect(res.json().details.verdict).toMatchObject({
      article: '第九条（二）',
      rule: 'placement.onePerPark',
      actual: 1,
    });
    expect((await row(second.id)).status).toBe('forwarded');
  });

  it('a park raised to national level needs the larger venue at approval (Art. 6)', async () => {
    const c = await makeCentre(t.deps, { park: extra.dangyang, target: 'forwarded', input: { venueArea: 60 } });
    await changePark(extra.dangyang, { level: 'national' });
    const res = await refused(() => step('province', c.id, 'approve', c.version), 400, 'VENUE_TOO_SMALL');
    expect(res.json().details.verdict).toMatchObject({ article: '第六条', required: 80, actual: 60 });
  });
});

describe('adjustment and revocation of a recognised centre (Art. 9(四))', () => {
  let c: TCentreDetail;
  const fresh = async () => (await get('province', `/api/centres/${c.id}`)).json() as TCentreDetail;
  const request = (who: Who, payload: Record<string, unknown>) =>
    post(who, `/api/centres/${c.id}/changes`, { version: c.version, ...payload });
  const decide = (who: Who, changeId: number, decision: 'approve' | 'reject', comment = '经研究，同意。') =>
    post(who, `/api/centre-changes/${changeId}/decide`, { decision, comment });
  const centreRow = async () => query(sql`select * from centres where id = ${c.id}`);
  const pendingId = () => {
    const p = c.changes.find((x) => x.status === 'submitted');
    if (!p) throw new Error('no pending change');
    return p.id;
  };

  beforeAll(async () => {
    // A further centre in 宜昌高新区 (national high-tech zone: 80 m² minimum), recognised with 120 m².
    c = await makeCentre(t.deps, {
      park: t.world.parks.yichangHighTech,
      target: 'approved',
      input: { ...SECOND_CENTRE, name: '宜昌高新区跨境电商外贸综合服务中心', venueArea: 120 },
    });
  });

  it('the city requests an adjustment: it waits for the province, and the centre is unchanged', async () => {
    const res = await request('city', {
      kind: 'adjustment',
      reason: '中心迁入新址，扩大服务场地。',
      adjustment: { venueArea: 200 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as TCentreDetail;
    expect(r).toMatchObject({ status: 'approved', venueArea: 120 });
    expect(r.changes).toEqual([
      expect.objectContaining({
        kind: 'adjustment',
        origin: 'city',
        status: 'submitted',
        adjustment: { venueArea: 200 },
        requestedBy: 'city.420500',
        decisionLetterId: null,
      }),
    ]);
    expect(r.letters.map((l) => l.kind)).toEqual(['approval']);
    expect(r.allowedActions).toEqual([]);
    expect((await auditOf(pendingIdOf(r), 'centre.change.requested')).total).toBe(1);
    expect(idsIn(await listOf('province', 'awaitingMe=true'))).toContain(c.id);
    expect((await fresh()).allowedActions).toEqual(['decideChange']);
    c = r;
  });

  it('a second request while one is pending is refused (409 CHANGE_PENDING), the province’s own too', async () => {
    await refused(
      () => request('city', { kind: 'revocation', reason: '中心不再满足设立条件。' }),
      409,
      'CHANGE_PENDING',
    );
    await refused(
      () =>
        request('province', {
          kind: 'adjustment',
          reason: '调整联系电话。',
          adjustment: { contactPhone: '0717-1234567' },
        }),
      409,
      'CHANGE_PENDING',
    );
  });

  it('only the province decides, and only in scope', async () => {
    await refused(() => decide('city', pendingId(), 'approve'), 403, 'FORBIDDEN');
    await refused(() => decide('county', pendingId(), 'approve'), 403, 'FORBIDDEN');
    await refused(() => request('otherCity', { kind: 'revocation', reason: '不属于本市。' }), 404, 'NOT_FOUND');
    await refused(() => request('county', { kind: 'revocation', reason: '县级无权申请。' }), 403, 'FORBIDDEN');
  });

  it('the province approves: the centre is adjusted and an adjustment letter issued', async () => {
    const changeId = pendingId();
    const res = await decide('province', changeId, 'approve', '同意调整服务场地。');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as TCentreDetail;
    expect(r).toMatchObject({ status: 'adjusted', venueArea: 200 });
    const letter = r.letters.find((l) => l.kind === 'adjustment');
    expect(letter?.number).toMatch(/^鄂商务外综决〔2026〕\d+号$/);
    expect(letter?.legalBasis).toContain('第九条（四）');
    expect(r.changes[0]).toMatchObject({
      id: changeId,
      status: 'approved',
      decisionComment: '同意调整服务场地。',
      decisionLetterId: letter?.id,
    });
    expect(r.events.at(-1)).toMatchObject({ action: 'adjust', fromStatus: 'approved', toStatus: 'adjusted' });
    const audit = await auditOf(c.id, 'centre.adjusted');
    expect(audit.items).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ venueArea: 120, status: 'approved' }),
        after: expect.objectContaining({ venueArea: 200, status: 'adjusted' }),
      }),
    ]);
    const print = await get('city', `/api/decision-letters/${letter?.id}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain(`关于调整${r.name}的决定`);
    expect(print.body).toContain(letter?.number);
    // Still recognised, so still published.
    expect(idsIn(await publicList())).toContain(c.id);
    c = r;
  });

  it('a decided request cannot be decided again (409 CHANGE_NOT_PENDING)', async () => {
    const decided = c.changes[0]?.id ?? 0;
    await refused(() => decide('province', decided, 'approve'), 409, 'CHANGE_NOT_PENDING');
    await refused(() => decide('province', decided, 'reject', '再议。'), 409, 'CHANGE_NOT_PENDING');
  });

  it('the province rejects a request with a reason: the request closes, the centre stays as it was', async () => {
    const filed = await request('city', {
      kind: 'adjustment',
      reason: '中心服务电话变更。',
      adjustment: { contactPhone: '0717-6666888' },
    });
    expect(filed.statusCode, filed.body).toBe(200);
    c = filed.json();
    const changeId = pendingId();
    const res = await refused(
      () => post('province', `/api/centre-changes/${changeId}/decide`, { decision: 'reject' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldsOf(res)).toEqual(['comment']);
    const before = await centreRow();
    const lettersBefore = c.letters.length;
    const rejected = await decide('province', changeId, 'reject', '电话变更无须报省核准，请自行更新。');
    expect(rejected.statusCode, rejected.body).toBe(200);
    const r = rejected.json() as TCentreDetail;
    expect(await centreRow()).toEqual(before);
    expect(r).toMatchObject({ status: 'adjusted', contactPhone: c.contactPhone });
    expect(r.changes.find((x) => x.id === changeId)).toMatchObject({
      status: 'rejected',
      decisionComment: '电话变更无须报省核准，请自行更新。',
      decisionLetterId: null,
    });
    expect(r.letters).toHaveLength(lettersBefore);
    expect(r.events.at(-1)).toMatchObject({ action: 'change_rejected', fromStatus: 'adjusted', toStatus: 'adjusted' });
    c = r;
  });

  it('a city’s adjustment below the Art. 6 minimum is refused when it is requested, and nothing changes', async () => {
    const res = await refused(
      () => request('city', { kind: 'adjustment', reason: '缩减服务场地。', adjustment: { venueArea: 60 } }),
      400,
      'VENUE_TOO_SMALL',
    );
    expect(res.json().details).toMatchObject({
      field: 'adjustment.venueArea',
      verdict: { article: '第六条', required: 80, actual: 60, policyVersion: 1 },
    });
  });

  it('the province’s own adjustment below the minimum is refused and leaves no request behind', async () => {
    await refused(
      () => request('province', { kind: 'adjustment', reason: '压缩场地。', adjustment: { venueArea: 60 } }),
      400,
      'VENUE_TOO_SMALL',
    );
  });

  it('an adjustment must say what changes (400 ADJUSTMENT_EMPTY)', async () => {
    const res = await refused(
      () => request('city', { kind: 'adjustment', reason: '调整服务内容。', adjustment: {} }),
      400,
      'ADJUSTMENT_EMPTY',
    );
    expect(res.json().details.field).toBe('adjustment');
    await refused(() => request('city', { kind: 'adjustment', reason: '调整中心。' }), 400, 'ADJUSTMENT_EMPTY');
  });

  it('only a recognised centre can be adjusted or revoked (409 CENTRE_NOT_RECOGNISED)', async () => {
    const submitted = await makeCentre(t.deps, {
      park: t.world.parks.yichangHighTech,
      target: 'submitted',
      input: { ...SECOND_CENTRE, name: uniqueName('宜昌高新区调整前') },
    });
    await refused(
      () =>
        post('city', `/api/centres/${submitted.id}/changes`, {
          kind: 'adjustment',
          reason: '调整场地。',
          adjustment: { venueArea: 150 },
          version: submitted.version,
        }),
      409,
      'CENTRE_NOT_RECOGNISED',
    );
  });

  it('the province revokes on its own: revoked at once, with a letter, and gone from the public list', async () => {
    const res = await request('province', {
      kind: 'revocation',
      reason: '该中心连续两年未实际开展服务，不再满足设立条件。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as TCentreDetail;
    expect(r).toMatchObject({ status: 'revoked', revokedAt: t.clock.now.toISOString(), allowedActions: [] });
    const letter = r.letters.find((l) => l.kind === 'revocation');
    expect(letter?.legalBasis).toContain('第九条（四）');
    expect(r.changes[0]).toMatchObject({
      kind: 'revocation',
      origin: 'province',
      status: 'approved',
      decisionLetterId: letter?.id,
    });
    expect((await auditOf(c.id, 'centre.revoked')).total).toBe(1);
    const print = await get('province', `/api/decision-letters/${letter?.id}/print`);
    expect(print.body).toContain(`关于撤销${r.name}的决定`);
    expect(idsIn(await publicList())).not.toContain(c.id);
    c = r;
    await refused(
      () => request('province', { kind: 'revocation', reason: '再次撤销。' }),
      409,
      'CENTRE_NOT_RECOGNISED',
    );
  });
});

function pendingIdOf(c: TCentreDetail): number {
  return c.changes.find((x) => x.status === 'submitted')?.id ?? 0;
}

describe('lists, Excel export and statistics', () => {
  const RECOGNISED = new Set<string>(RECOGNISED_STATUSES);
  beforeAll(async () => {
    // Something waiting at every desk, in 宜昌 and in 襄阳.
    const yc = t.world.parks.yichangHighTech;
    const mk = (park: TPark, target: Parameters<typeof makeCentre>[1]['target'], prefix: string) =>
      makeCentre(t.deps, { park, target, input: { ...SECOND_CENTRE, name: uniqueName(prefix) } });
    await mk(yc, 'draft', '宜昌高新区草拟');
    await mk(yc, 'adjusted', '宜昌高新区已调整');
    await mk(yc, 'returned', '宜昌高新区退回');
    await mk(yc, 'submitted', '宜昌高新区报市');
    await mk(yc, 'forwarded', '宜昌高新区报省');
    await mk(extra.yidu, 'forwarded', '宜都');
    await mk(t.world.parks.xiangyangHighTech, 'submitted', '襄阳高新区');
    const recognised = await mk(yc, 'approved', '宜昌高新区待调整');
    await requestCentreChange(systemContext(t.deps, 'city', { regionCode: '420500' }), recognised.id, {
      kind: 'adjustment',
      reason: '中心服务电话变更。',
      adjustment: { contactPhone: '0717-6000000' },
      version: recognised.version,
    });
  });

  it('filters by status (repeated), city, park level and name, within the caller’s scope', async () => {
    const all = await listOf('province');
    const cases: [string, (c: TCentre) => boolean][] = [
      ['status=approved&status=adjusted', (c) => c.status === 'approved' || c.status === 'adjusted'],
      ['status=revoked', (c) => c.status === 'revoked'],
      ['cityCode=420600', (c) => c.cityCode === '420600'],
      ['parkLevel=provincial', (c) => c.parkLevel === 'provincial'],
      [`q=${encodeURIComponent('宜昌高新区报')}`, (c) => c.name.includes('宜昌高新区报')],
      ['cityCode=420500&status=forwarded', (c) => c.cityCode === '420500' && c.status === 'forwarded'],
    ];
    for (const [qs, keep] of cases) {
      const expected = idsIn(all.filter(keep));
      expect(expected.length, qs).toBeGreaterThan(0);
      expect(idsIn(await listOf('province', qs)), qs).toEqual(expected);
    }
    expect(idsIn(await listOf('city', 'cityCode=420600'))).toEqual([]);
  });

  it('refuses a status that does not exist, naming the parameter', async () => {
    const res = await get('province', '/api/centres?status=approved&status=recognised');
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain('status');
  });

  it('“awaiting me” is each desk’s own work: county drafts and returns, city submissions, province the rest', async () => {
    const pending = new Set(
      (await query<{ centre_id: number }>(sql`select centre_id from centre_changes where status = 'submitted'`)).map(
        (r) => r.centre_id,
      ),
    );
    const cases: [Who, (c: TCentre) => boolean][] = [
      ['county', (c) => c.status === 'draft' || c.status === 'returned'],
      ['otherCounty', (c) => c.status === 'draft' || c.status === 'returned'],
      ['city', (c) => c.status === 'submitted'],
      ['otherCity', (c) => c.status === 'submitted'],
      ['province', (c) => c.status === 'forwarded' || pending.has(c.id)],
    ];
    for (const [who, keep] of cases) {
      const expected = idsIn((await listOf(who)).filter(keep));
      expect(expected.length, who).toBeGreaterThan(0);
      expect(idsIn(await listOf(who, 'awaitingMe=true')), who).toEqual(expected);
    }
    const province = await listOf('province', 'awaitingMe=true');
    expect(province.some((c) => c.status !== 'forwarded')).toBe(true);
    // Nothing in the set-up workflow waits for a park committee or the administrator.
    expect(await listOf('park', 'awaitingMe=true')).toEqual([]);
    expect(await listOf('admin', 'awaitingMe=true')).toEqual([]);
  });

  async function sheetOf(res: LightMyRequestResponse) {
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    // exceljs declares a Buffer type of its own; at run time it reads Node's Buffer.
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const rows: unknown[][] = [];
    wb.worksheets[0]?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return rows;
  }

  it('exports the filtered list to Excel with Chinese headers and labels', async () => {
    const qs = 'status=approved&status=adjusted&cityCode=420500';
    const list = await listOf('province', qs);
    const res = await get('province', `/api/centres?${qs}&format=xlsx`);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('外综服中心'));
    const [header, ...rows] = await sheetOf(res);
    expect(header).toEqual([
      'ID',
      '名称',
      '状态',
      '园区',
      '园区级别',
      '市（州）',
      '县（市、区）',
      '场地面积（㎡）',
      '场地合规（第六条）',
      '人员配备（第七条）',
      '服务内容',
      '联系人',
    ]);
    expect(rows.map((r) => r[0])).toEqual(idsIn(list));
    expect(rows.map((r) => r[1])).toEqual(list.map((c) => c.name));
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['已核准', '已调整']));
    const first = list[0];
    if (!first) throw new Error('empty list');
    expect(rows[0]?.slice(3, 9)).toEqual([
      first.parkName,
      first.parkLevel === 'national' ? '国家级' : first.parkLevel === 'provincial' ? '省级' : '其他',
      '宜昌市',
      first.countyName,
      first.venueArea,
      first.venueVerdict.message['zh-CN'],
    ]);
    expect(rows[0]?.[9]).toBe(`${first.staffCount} 人（${first.staffCompliant ? '达标' : '未达标'}）`);
    expect(String(rows[0]?.[10])).toContain('退税服务');
    const en = await sheetOf(await get('province', `/api/centres?${qs}&format=xlsx&lang=en`));
    expect(en[0]?.slice(0, 3)).toEqual(['ID', 'Name', 'Status']);
    expect(en.slice(1).map((r) => r[0])).toEqual(idsIn(list));
  });

  it('the layout statistics agree with the list, city by city', async () => {
    for (const who of ['province', 'city', 'county'] as const) {
      const list = await listOf(who);
      const res = await get(who, '/api/centres/stats');
      expect(res.statusCode).toBe(200);
      const stats = res.json() as TCentreStats;
      const cities = [...new Set(list.map((c) => c.cityCode))].sort();
      expect(
        stats.byCity.map((x) => x.cityCode),
        who,
      ).toEqual(cities);
      for (const city of stats.byCity) {
        const here = list.filter((c) => c.cityCode === city.cityCode);
        expect(city, `${who} ${city.cityCode}`).toEqual({
          cityCode: city.cityCode,
          cityName: here[0]?.cityName,
          recognised: here.filter((c) => RECOGNISED.has(c.status)).length,
          inApplication: here.filter((c) => ['draft', 'submitted', 'returned', 'forwarded'].includes(c.status)).length,
          revoked: here.filter((c) => c.status === 'revoked').length,
        });
      }
      const byStatus: Record<string, number> = {};
      for (const c of list) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      expect(stats.byStatus, who).toEqual(byStatus);
      expect(stats.venueNonCompliant, who).toBe(
        list.filter((c) => c.status !== 'rejected' && c.status !== 'revoked' && !c.venueVerdict.ok).length,
      );
    }
    // The province sees 宜昌, 襄阳, 荆门, 荆州 and 孝感 … but no drafts.
    const province = (await get('province', '/api/centres/stats')).json() as TCentreStats;
    expect(province.byStatus.draft).toBeUndefined();
    expect((await get('county', '/api/centres/stats')).json().byStatus.draft).toBeGreaterThan(0);
  });
});

describe('public list (no sign-in)', () => {
  let limited: TCentreDetail;
  const PUBLIC_FIELDS = [
    'address',
    'cityName',
    'contactPerson',
    'contactPhone',
    'countyName',
    // Art. 12(三): the latest published grade and its year, nothing of the scores (issue 14).
    'grade',
    'id',
    'isDemo',
    'name',
    // The operator on file (Art. 10(三): the province publishes the filings).
    'operatorName',
    'parkLevel',
    'parkName',
    'recognisedAt',
    'services',
    // Whether it takes service requests now (centreIsServing): an adjusted centre that ran keeps serving.
    'serving',
    'status',
  ];
  beforeAll(async () => {
    // 襄阳's only recognised centre, offering no tax refunds (an application in the park is on its way: hence the
    // Art. 9(二) statement).
    limited = await makeCentre(t.deps, {
      park: t.world.parks.xiangyangHighTech,
      target: 'approved',
      input: { ...SECOND_CENTRE, name: '襄阳高新区通关物流服务中心', services: ['customs_declaration', 'logistics'] },
    });
  });

  it('is exactly the recognised centres the province sees', async () => {
    const recognised = (await listOf('province')).filter((c) => RECOGNISED_STATUSES.includes(c.status));
    const items = await publicList();
    expect(idsIn(items).sort()).toEqual(idsIn(recognised).sort());
    expect(new Set(items.map((c) => c.status))).toEqual(new Set(['approved', 'adjusted']));
  });

  it('filters by service', async () => {
    const taxRefund = await publicList('service=tax_refund');
    expect(taxRefund.length).toBeGreaterThan(0);
    expect(taxRefund.every((c) => c.services.includes('tax_refund'))).toBe(true);
    expect(idsIn(taxRefund)).not.toContain(limited.id);
    const all = await publicList();
    expect(idsIn(taxRefund)).toEqual(idsIn(all.filter((c) => c.services.includes('tax_refund'))));
    expect(idsIn(await publicList('service=logistics'))).toContain(limited.id);
    expect((await anonymous('/api/public/centres?service=massage')).statusCode).toBe(400);
  });

  it('filters by city', async () => {
    const xiangyang = await publicList('cityCode=420600');
    expect(idsIn(xiangyang)).toEqual([limited.id]);
    expect(xiangyang[0]).toMatchObject({
      cityName: '襄阳市',
      countyName: t.world.parks.xiangyangHighTech.countyName,
      parkName: '襄阳高新技术产业开发区',
      parkLevel: 'national',
    });
    const yichang = await publicList('cityCode=420500');
    expect(yichang.length).toBeGreaterThan(1);
    expect(yichang.every((c) => c.cityName === '宜昌市')).toBe(true);
  });

  it('pages through the list without gaps or repeats, centres of one name in one city included', async () => {
    // Names are not unique: three county centres in 宜昌 that all call themselves the same.
    const counties: [string, string][] = [
      ['远安工业园区', '420525'],
      ['兴山工业园区', '420526'],
      ['秭归工业园区', '420527'],
    ];
    for (const [name, countyCode] of counties) {
      const park = await makePark(t.deps, { name, kind: 'industrial_park', level: 'other', countyCode });
      await makeCentre(t.deps, { park, target: 'approved', input: { name: '宜昌县域外贸综合服务中心' } });
    }
    const all = idsIn(await publicList());
    expect(all.length).toBeGreaterThan(4);
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 2); page++) {
      const res = await anonymous(`/api/public/centres?pageSize=2&page=${page}`);
      expect(res.json().total).toBe(all.length);
      seen.push(...idsIn(res.json().items));
    }
    expect(seen).toEqual(all);
  });

  it('shows what an enterprise needs to find a centre, and nothing internal', async () => {
    const res = await anonymous('/api/public/centres?pageSize=200');
    for (const item of res.json().items) expect(Object.keys(item).sort()).toEqual(PUBLIC_FIELDS);
    // The application's reasons, officials' comments and decision reasons stay inside.
    expect(res.body).not.toContain('聚集外贸企业较多');
    expect(res.body).not.toContain('同意设立');
    expect(res.body).not.toContain('请补充');
    expect(res.body).not.toContain('venueArea');
  });
});

describe('simultaneous steps (PostgreSQL only)', () => {
  const burst = (n: number, call: () => Promise<LightMyRequestResponse>) =>
    Promise.all(Array.from({ length: n }, () => call()));

  it.skipIf(!usingPostgres)('of 20 forwards of one application exactly one goes through', async () => {
    const park = await makePark(t.deps, {
      name: '猇亭工业园区',
      kind: 'industrial_park',
      level: 'other',
      countyCode: '420505',
    });
    const c = await makeCentre(t.deps, { park, target: 'submitted' });
    const results = await burst(20, () => step('city', c.id, 'forward', c.version));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, ...Array(19).fill(409)]);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(['VERSION_CONFLICT', 'INVALID_TRANSITION']).toContain(r.json().code);
    }
    expect(await row(c.id)).toEqual({ status: 'forwarded', version: c.version + 1 });
    expect((await auditOf(c.id, 'centre.forwarded')).total).toBe(1);
    const events = await query(sql`select id from centre_events where centre_id = ${c.id} and action = 'forward'`);
    expect(events).toHaveLength(1);
  });

  it.skipIf(!usingPostgres)(
    'of 20 approvals of one application exactly one goes through, with one letter',
    async () => {
      const c = await makeCentre(t.deps, {
        park: t.world.parks.yichangHighTech,
        target: 'forwarded',
        input: { ...SECOND_CENTRE, name: uniqueName('宜昌高新区并发') },
      });
      const results = await burst(20, () => step('province', c.id, 'approve', c.version));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, ...Array(19).fill(409)]);
      expect(await row(c.id)).toEqual({ status: 'approved', version: c.version + 1 });
      const letters = await query<{ number: string }>(
        sql`select number from decision_letters where centre_id = ${c.id}`,
      );
      expect(letters).toHaveLength(1);
      const numbers = await query(sql`select number from decision_letters group by number having count(*) > 1`);
      expect(numbers).toEqual([]);
      expect((await auditOf(c.id, 'centre.approved')).total).toBe(1);
      const verify = await get('admin', '/api/audit/verify');
      expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
    },
  );
});

describe('decision letters are numbered by the Beijing calendar year', () => {
  const approveAt = async (iso: string, prefix: string) => {
    t.clock.now = new Date(iso);
    const c = await makeCentre(t.deps, {
      park: t.world.parks.yichangHighTech,
      target: 'forwarded',
      input: { ...SECOND_CENTRE, name: uniqueName(prefix) },
    });
    cookie.province = await loginAs(t.app, t.world.users.province.username);
    const res = await step('province', c.id, 'approve', c.version);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as TCentreDetail).letters[0];
  };

  it('23:59 on 31 December in Beijing is still 2026; 00:30 on 1 January starts 2027 at number 1', async () => {
    const serials = await query<{ n: number }>(
      sql`select max(serial)::int as n from decision_letters where year = 2026`,
    );
    const last2026 = await approveAt('2026-12-31T15:59:00.000Z', '宜昌高新区年末');
    expect(last2026).toMatchObject({
      number: `鄂商务外综决〔2026〕${(serials[0]?.n ?? 0) + 1}号`,
      issuedOn: '2026-12-31',
    });
    // Still 31 December in UTC, already New Year's Day in Beijing.
    const first2027 = await approveAt('2026-12-31T16:30:00.000Z', '宜昌高新区新年');
    expect(first2027).toMatchObject({ number: '鄂商务外综决〔2027〕1号', issuedOn: '2027-01-01' });
    const print = await get('province', `/api/decision-letters/${first2027?.id}/print`);
    expect(print.body).toContain('2027年1月1日');
  });
});

describe('demo data', () => {
  it('loads on a fresh database with a recognised centre in every city and each state on show', async () => {
    const database = await createTestDatabase();
    try {
      const deps = depsFor(database, new TestClock());
      await prepareDatabase(database, deps);
      await loadDemo(deps, TEST_PASSWORD);
      const q = async <T>(s: SQL) => rowsOf<T>(await database.db.execute(s));
      const cities = await q<{ code: string; recognised: number }>(
        sql`select r.code, (select count(*)::int from centres c where c.city_code = r.code
              and c.status in ('approved', 'operating', 'adjusted')) as recognised
            from regions r where r.level = 'city' order by r.code`,
      );
      expect(cities).toHaveLength(17);
      expect(cities.filter((x) => x.recognised < 1)).toEqual([]);
      expect(cities.find((x) => x.code === '420500')?.recognised).toBeGreaterThanOrEqual(1);
      const statuses = (await q<{ status: string }>(sql`select distinct status from centres`)).map((x) => x.status);
      expect(statuses).toEqual(
        expect.arrayContaining(['revoked', 'adjusted', 'submitted', 'forwarded', 'returned', 'draft', 'rejected']),
      );
      const donghu = await q<{ n: number }>(
        sql`select count(*)::int as n from centres c join parks p on p.id = c.park_id
            where p.name = '武汉东湖新技术开发区' and c.status in ('approved', 'operating', 'adjusted')`,
      );
      expect(donghu[0]?.n).toBe(2);
      const pending = await q<{ n: number }>(
        sql`select count(*)::int as n from centre_changes where status = 'submitted'`,
      );
      expect(pending[0]?.n).toBeGreaterThanOrEqual(1);
      expect((await q<{ n: number }>(sql`select count(*)::int as n from centres where not is_demo`))[0]?.n).toBe(0);
      // Issue 5: operators on file run most centres; every other stage of an engagement has an example.
      const engagementStatuses = (await q<{ status: string }>(sql`select distinct status from engagements`)).map(
        (x) => x.status,
      );
      expect(engagementStatuses).toEqual(expect.arrayContaining(['tendered', 'signed', 'reported', 'filed']));
      const operating = await q<{ n: number }>(sql`select count(*)::int as n from centres where status = 'operating'`);
      expect(operating[0]?.n).toBeGreaterThanOrEqual(10);
      const overdue = await q<{ n: number }>(
        sql`select count(*)::int as n from engagements where reported_on is null and filing_deadline < ${beijingDay(deps.clock())}`,
      );
      expect(overdue[0]?.n).toBeGreaterThanOrEqual(1);
      const failedYear = await q<{ n: number }>(
        sql`select count(*)::int as n from annual_contracts where evaluation = 'failed'`,
      );
      expect(failedYear[0]?.n).toBe(1);
      const changes = await q<{ n: number }>(
        sql`select count(*)::int as n from operator_changes where status = 'submitted'`,
      );
      expect(changes[0]?.n).toBe(1);
      // The province's home page tells of the overdue filing and the failed year due for re-procurement.
      const home = await getDashboard(systemContext(deps, 'province'));
      const figure = (key: string) => home.figures.find((f) => f.key === key)?.value;
      const waiting = (key: string) => home.lists.find((l) => l.key === key)?.total ?? 0;
      expect(figure('overdueFilings')).toBeGreaterThanOrEqual(1);
      expect(figure('reprocurementDue')).toBe(1);
      expect(waiting('filingsToFile') + waiting('changesToDecide')).toBe(1);

      // Issue 11: a demo that reads like a real province. The chain verifies, reads in time order, and names the
      // demo's own accounts as the actors of its history.
      expect(await verifyAuditChain(database.db, deps.auditKey)).toMatchObject({ ok: true, firstBroken: null });
      const outOfOrder = await q<{ n: number }>(
        sql`select count(*)::int as n from audit_entries a join audit_entries b on b.seq = a.seq + 1
            where b.at < a.at and a.action not in ('region.imported', 'policy.version.published')`,
      );
      expect(outOfOrder[0]?.n).toBe(0);
      const future = await q<{ n: number }>(
        sql`select count(*)::int as n from audit_entries where at > ${deps.clock().toISOString()}::timestamptz`,
      );
      expect(future[0]?.n).toBe(0);
      const actors = await q<{ action: string; actor_name: string; actor_role: string }>(
        sql`select action, actor_name, actor_role from audit_entries
            where action in ('centre.submitted', 'centre.forwarded', 'centre.approved', 'service.completed', 'service.rated')`,
      );
      expect(actors.length).toBeGreaterThan(100);
      expect(actors.filter((a) => a.actor_name === 'system')).toEqual([]);
      expect(actors.find((a) => a.action === 'centre.approved')?.actor_name).toBe('province');
      expect(actors.find((a) => a.action === 'service.rated')?.actor_name).toMatch(/^enterprise\.91/);
      // Dates in order: applied before approved before filed before serving; no record before its centre served.
      const early = await q<{ n: number }>(
        sql`select count(*)::int as n from service_records r join engagements e on e.centre_id = r.centre_id
            and e.status = 'filed' where r.submitted_at < (e.filed_on::timestamp - interval '8 hours')`,
      );
      expect(early[0]?.n).toBe(0);
      // Legacy centres (issue 15) were filed before the platform: their records were entered about earlier days.
      const approvedAfterFiled = await q<{ n: number }>(
        sql`select count(*)::int as n from centres c join engagements e on e.centre_id = c.id
            join audit_entries a on a.action = 'centre.approved' and a.object_id = c.id::text
            where e.filed_on is not null and a.at > (e.filed_on::timestamp + interval '16 hours')
              and e.filed_on >= (select min(effective_from) from policy_versions)`,
      );
      expect(approvedAfterFiled[0]?.n).toBe(0);
      // Issue 15: two legacy centres, filed the year before last, have last year's grades published and last year's
      // entitlements due (Art. 11); the payments demo pays against one of them, confirmed by a second official.
      const year = Number(beijingDay(deps.clock()).slice(0, 4));
      const legacy = await q<{ n: number }>(
        sql`select count(distinct e.centre_id)::int as n from engagements e
            where e.status = 'filed' and extract(year from e.filed_on) = ${year - 2}`,
      );
      expect(legacy[0]?.n).toBe(2);
      const due = await q<{ status: string; year: number; amount_fen: string }>(
        sql`select status, year, amount_fen::text from funding_entitlements where year = ${year - 1} order by centre_id`,
      );
      expect(due.map((d) => d.status)).toEqual(['due', 'due']);
      expect(due.every((d) => Number(d.amount_fen) > 0)).toBe(true);
      const paid = await q<{ n: number }>(
        sql`select count(*)::int as n from fund_payments p join funding_entitlements f on f.id = p.entitlement_id
            where f.year = ${year - 1} and p.status = 'confirmed' and p.confirmed_by <> p.recorded_by`,
      );
      expect(paid[0]?.n).toBeGreaterThanOrEqual(1);
      // Issue 12: the history written in bulk and the steps taken through the use cases leave the figures layer
      // equal to the recomputation from the rows.
      expect((await checkFigures(database.db)).differences).toEqual([]);
      // Volumes and quality differ: a busy 武汉 centre with hundreds of records, quiet ones with a few dozen, and
      // 差评 that opened rectifications, most of them answered.
      const volumes = await q<{ city_code: string; n: number }>(
        sql`select c.city_code, count(*)::int as n from service_records r join centres c on c.id = r.centre_id
            group by c.id, c.city_code order by n desc`,
      );
      expect(volumes[0]?.city_code).toBe('420100');
      expect(volumes[0]?.n).toBeGreaterThan(150);
      expect(volumes.at(-1)?.n).toBeLessThan(40);
      const rectifications = await q<{ status: string; n: number }>(
        sql`select status, count(*)::int as n from rectifications group by status`,
      );
      expect(rectifications.find((x) => x.status === 'closed')?.n).toBeGreaterThan(3);
      // People and codes: varied names; an operator's credit code carries its own region (GB 32100).
      const contacts = await q<{ n: number }>(sql`select count(distinct contact_person)::int as n from centres`);
      expect(contacts[0]?.n).toBeGreaterThan(10);
      const reps = await q<{ n: number }>(sql`select count(distinct legal_rep_name)::int as n from operators`);
      expect(reps[0]?.n).toBeGreaterThan(5);
      const xiantao = await q<{ credit_code: string }>(
        sql`select o.credit_code from operators o join engagements e on e.operator_id = o.id
            join centres c on c.id = e.centre_id where c.city_code = '429004'`,
      );
      expect(xiantao[0]?.credit_code.slice(2, 8)).toMatch(/^4290/);
      // Money: the year's contract is the price won at tender.
      const mismatched = await q<{ n: number }>(
        sql`select count(*)::int as n from annual_contracts a join engagements e on e.id = a.engagement_id
            where a.amount::numeric <> e.contract_amount::numeric`,
      );
      expect(mismatched[0]?.n).toBe(0);
    } finally {
      await database.close();
    }
    // A year of a province's history: more than the default allowance on a shared machine.
  }, 600_000);
});

describe('public directory search', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await makeCentre(t.deps, {
      park: t.world.parks.zhijiang,
      target: 'approved',
      input: { name: '枝江外综服中心', venueAddress: '枝江市马家店街道江汉大道99号' },
    });
  });
  afterAll(async () => t?.close());

  it('finds a centre by its own name, its park or its street, without sign-in', async () => {
    for (const q of ['外综服', '枝江经济开发区', '江汉大道']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/public/centres?q=${encodeURIComponent(q)}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ total: 1, items: [{ name: '枝江外综服中心' }] });
    }
    const none = await t.app.inject({ method: 'GET', url: `/api/public/centres?q=${encodeURIComponent('襄阳')}` });
    expect(none.json().total).toBe(0);
  });
});
