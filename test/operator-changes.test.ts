import { type SQL, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard } from '../src/contracts/dashboard';
import {
  HANDOVER_ITEMS,
  type TApplyOperatorChangeRequest,
  type TEngagementDetail,
  type TOperatorChange,
} from '../src/contracts/engagement';
import type { TPark } from '../src/contracts/park';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import {
  makeEngagement,
  makeOperatorChange,
  type OperatorChangeTarget,
  tenderInputFor,
} from '../src/server/demo/engagement-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { beijingDay } from '../src/server/policy/policy';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/**
 * 更换承办企业 (Art. 10(六)) through the HTTP API: the county applies within one month of the change (month-end
 * clamped), the city forwards, the province approves (the engagement ends on the day of the change, the centre has
 * no operator until the county's new tender) or rejects with a reason; the handover checklist; who sees which
 * applications; and the dashboard's filing figures (Art. 10(三)). One app for the file; every test makes its own
 * centres, operators and engagements. Every refusal leaves the changes, engagements, centres and the audit chain
 * as they were.
 */

let t: TestApp;
const USERS = [
  'admin',
  'province',
  'city.420500',
  'city.420600',
  'county.420502',
  'county.420583',
  'evaluator.1',
  'enterprise.91420500MA4F000001',
] as const;
type User = (typeof USERS)[number];
const cookies = {} as Record<User, string>;

beforeAll(async () => {
  t = await buildTestApp();
  for (const u of USERS) cookies[u] = await loginAs(t.app, u);
});
afterAll(async () => t?.close());

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const today = () => beijingDay(t.clock.fn());

const send = (user: User, opts: InjectOptions) => as(t.app, cookies[user], opts);
const get = (user: User, url: string) => send(user, { method: 'GET', url });
const post = (user: User, url: string, payload: unknown) =>
  send(user, { method: 'POST', url, payload: payload as InjectOptions['payload'] });
const put = (user: User, url: string, payload: unknown) =>
  send(user, { method: 'PUT', url, payload: payload as InjectOptions['payload'] });

async function query<T = Record<string, unknown>>(q: SQL): Promise<T[]> {
  return rowsOf<T>(await t.deps.db.execute(q));
}

/** Everything an operator-change route may write, and the head of the audit chain. */
async function everything() {
  return {
    changes: await query(sql`select * from operator_changes order by id`),
    engagements: await query(sql`select * from engagements order by id`),
    events: await query(sql`select * from engagement_events order by id`),
    centres: await query(sql`select id, status, version, updated_at from centres order by id`),
    centreEvents: await query(sql`select * from centre_events order by id`),
    operators: await query(sql`select id, qualification_status from operators order by id`),
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

const fieldOf = (res: LightMyRequestResponse) => res.json().details?.field as string | undefined;
const fieldsOf = (res: LightMyRequestResponse) =>
  ((res.json().details?.fields ?? []) as { field: string }[]).map((f) => f.field);

let serial = 300;
const newOperator = () => makeOperator(t.deps, { serial: ++serial });

let centreNo = 0;
/** A recognised centre; 宜昌高新区 is a national zone, so each application states the Art. 9(二) justification. */
function newCentre(park: TPark = t.world.parks.yichangHighTech) {
  centreNo++;
  return makeCentre(t.deps, {
    park,
    target: 'approved',
    input: {
      name: `${park.name}第${centreNo}外贸综合服务中心`,
      tradingEnterpriseCount: 300 + centreNo,
      supportStatement: '园区实绩外贸企业300余家，区财政安排配套资金，提供场地及办公、直播设备。',
    },
  });
}

/** A centre with an operator on file (by default awarded 30 days ago: the service period began on 2026-10-25). */
async function filedEngagement(opts: { park?: TPark; daysAgo?: number } = {}) {
  const centre = await newCentre(opts.park);
  const operator = await newOperator();
  const e = await makeEngagement(t.deps, { centre, operator, target: 'filed', daysAgo: opts.daysAgo });
  expect(e.status).toBe('filed');
  return { centre, operator, e };
}

/** A change of operator on a fresh filed engagement, brought to `target` by the factory (changed 7 days ago). */
async function changeAt(target: OperatorChangeTarget, park?: TPark) {
  const f = await filedEngagement({ park });
  const change = await makeOperatorChange(t.deps, { engagement: f.e, target });
  expect(change.status).toBe(target);
  return { ...f, change };
}

function applyBody(
  e: { version: number },
  over: Partial<TApplyOperatorChangeRequest> = {},
): TApplyOperatorChangeRequest {
  return {
    version: e.version,
    cause: 'operator',
    changedOn: daysBefore(today(), 7),
    reason: '原承办企业因经营调整申请退出承办，经县商务局同意终止服务。',
    incomingOperatorId: null,
    outgoingEvaluation: { result: 'satisfactory', note: '服务期内按协议提供服务，服务记录完整，评估合格。' },
    ...over,
  };
}
const apply = (user: User, e: { id: number; version: number }, over: Partial<TApplyOperatorChangeRequest> = {}) =>
  post(user, `/api/engagements/${e.id}/changes`, applyBody(e, over));
const forward = (user: User, c: { id: number; version: number }) =>
  post(user, `/api/operator-changes/${c.id}/forward`, { version: c.version, comment: '同意报省商务厅核准。' });
const decide = (user: User, c: { id: number; version: number }, decision: 'approve' | 'reject', comment?: string) =>
  post(user, `/api/operator-changes/${c.id}/decide`, { version: c.version, decision, comment });
const handover = (user: User, c: { id: number; version: number }, items: unknown[]) =>
  put(user, `/api/operator-changes/${c.id}/handover`, { version: c.version, items });

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

async function detail(id: number, user: User = 'province'): Promise<TEngagementDetail> {
  const res = await get(user, `/api/engagements/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function changeOf(id: number, user: User = 'province'): Promise<TOperatorChange> {
  const res = await get(user, `/api/operator-changes/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function auditOf(action: string, objectId: number) {
  const res = await get('admin', `/api/audit?action=${action}&objectId=${objectId}&sort=seq&pageSize=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { seq: number; actorName: string; after: Record<string, unknown> }[];
}

async function changeIds(user: User, qs = ''): Promise<number[]> {
  const res = await get(user, `/api/operator-changes?pageSize=200${qs ? `&${qs}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  const items = res.json().items as TOperatorChange[];
  expect(res.json().total).toBe(items.length);
  return items.map((c) => c.id);
}

// ---------------------------------------------------------------------------------------------------------------

describe('the county applies (Art. 10(六): 变更之日起1个月内提出申请)', () => {
  it('records the application with its deadline, the served days, an open handover and an audit entry', async () => {
    const { centre, operator, e } = await filedEngagement();
    // Awarded 30 days before Tuesday 24 November 2026; the service period starts on the award.
    expect(today()).toBe('2026-11-24');
    expect(e.serviceStart).toBe('2026-10-25');
    expect(e.allowedActions).not.toContain('changeOperator'); // the factory's system user is no county officer
    expect((await detail(e.id, 'county.420502')).allowedActions).toContain('changeOperator');
    expect((await detail(e.id, 'city.420500')).allowedActions).not.toContain('changeOperator');

    const incoming = await newOperator();
    const res = await apply('county.420502', e, {
      cause: 'authority',
      changedOn: '2026-11-10',
      incomingOperatorId: incoming.id,
      outgoingEvaluation: { result: 'unsatisfactory', note: '服务企业数量未达协议约定，评估不合格。' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as TOperatorChange;
    expect(c).toMatchObject({
      engagementId: e.id,
      centreId: centre.id,
      centreName: centre.name,
      cityName: centre.cityName,
      countyName: centre.countyName,
      outgoingOperatorId: operator.id,
      outgoingOperatorName: operator.name,
      incomingOperatorId: incoming.id,
      incomingOperatorName: incoming.name,
      status: 'submitted',
      cause: 'authority',
      changedOn: '2026-11-10',
      appliedOn: '2026-11-24',
      // One month from the change.
      deadline: '2026-12-10',
      deadlineVerdict: {
        ok: true,
        article: '第十条（六）',
        rule: 'operatorChange.deadline',
        required: '2026-12-10',
        actual: '2026-11-24',
        policyVersion: 1,
      },
      servedFrom: e.serviceStart,
      servedTo: '2026-11-10',
      // Both ends count: 25–31 October is 7 days, 1–10 November 10 more.
      servedDays: 17,
      evaluationResult: 'unsatisfactory',
      evaluationNote: '服务企业数量未达协议约定，评估不合格。',
      forwardComment: null,
      decisionComment: null,
      appliedBy: 'county.420502',
      decidedAt: null,
      policyVersion: 1,
      version: 1,
    });
    expect(c.handover).toEqual(HANDOVER_ITEMS.map((item) => ({ item, done: false, note: '' })));
    // The county cannot forward or decide its own application; it keeps the handover.
    expect(c.allowedActions).toEqual(['handover']);
    expect((await changeOf(c.id, 'city.420500')).allowedActions).toEqual(['forward']);

    const log = await auditOf('operatorChange.applied', c.id);
    expect(log).toHaveLength(1);
    expect(log[0]?.actorName).toBe('county.420502');

    // The engagement stays on file until the province approves; its page shows the application.
    const d = await detail(e.id, 'county.420502');
    expect(d).toMatchObject({ status: 'filed', endedOn: null, version: e.version + 1 });
    expect(d.changes.map((x) => [x.id, x.status])).toEqual([[c.id, 'submitted']]);
    expect(d.events.at(-1)).toMatchObject({
      action: 'change_applied',
      fromStatus: 'filed',
      toStatus: 'filed',
      actorName: 'county.420502',
    });
  });

  it('clamps the month at its end: a change on 31 January may be applied for until 28 February (Beijing days)', async () => {
    const saved = t.clock.now;
    try {
      // 10:00 in Beijing on 28 February 2026: two centres whose operators were awarded on 29 January.
      t.clock.now = new Date('2026-02-28T02:00:00.000Z');
      const onTime = await filedEngagement();
      const late = await filedEngagement();
      expect(late.e.serviceStart).toBe('2026-01-29');

      const ok = await apply('county.420502', onTime.e, { changedOn: '2026-01-31' });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({
        changedOn: '2026-01-31',
        appliedOn: '2026-02-28',
        deadline: '2026-02-28',
        deadlineVerdict: { ok: true, required: '2026-02-28', actual: '2026-02-28' },
        servedDays: 3,
      });

      // 00:30 on 1 March in Beijing is still 28 February in UTC: the Beijing day counts, and it is too late.
      for (const [instant, day] of [
        ['2026-02-28T16:30:00.000Z', '2026-03-01'],
        ['2026-03-01T02:00:00.000Z', '2026-03-01'],
      ] as const) {
        t.clock.now = new Date(instant);
        const res = await refused(
          () => apply('county.420502', late.e, { changedOn: '2026-01-31' }),
          409,
          'ENGAGEMENT_RULE',
        );
        expect(res.json().message).toContain('第十条（六）');
        expect(res.json().message).toContain('2026年2月28日');
        expect(res.json().details.verdict).toMatchObject({
          ok: false,
          article: '第十条（六）',
          rule: 'operatorChange.deadline',
          required: '2026-02-28',
          actual: day,
        });
      }
    } finally {
      t.clock.now = saved;
    }
  });

  it('refuses a change more than a month ago, citing the article and the deadline', async () => {
    const { e } = await filedEngagement({ daysAgo: 60 });
    // Awarded 90 days ago (2026-08-26); the change 40 days ago (2026-10-15) was due by 2026-11-15.
    const res = await refused(() => apply('county.420502', e, { changedOn: '2026-10-15' }), 409, 'ENGAGEMENT_RULE');
    expect(res.json().message).toContain('第十条（六）');
    expect(res.json().message).toContain('2026年11月15日');
    expect(res.json().details.verdict).toMatchObject({ required: '2026-11-15', actual: '2026-11-24' });
  });

  it('refuses a change dated in the future or before the service period began (400 changedOn)', async () => {
    const { e } = await filedEngagement();
    for (const changedOn of ['2026-11-25', daysBefore(e.serviceStart, 1)]) {
      const res = await refused(() => apply('county.420502', e, { changedOn }), 400, 'VALIDATION_FAILED');
      expect(fieldOf(res), changedOn).toBe('changedOn');
    }
  });

  it('refuses an engagement not on file (INVALID_TRANSITION)', async () => {
    const centre = await newCentre();
    const e = await makeEngagement(t.deps, { centre, operator: await newOperator(), target: 'signed' });
    expect((await detail(e.id, 'county.420502')).allowedActions).not.toContain('changeOperator');
    await refused(() => apply('county.420502', e), 409, 'INVALID_TRANSITION');
  });

  it('refuses a second application while one is open (OPERATOR_CHANGE_PENDING), naming the open one', async () => {
    const { e, change } = await changeAt('forwarded');
    const current = await detail(e.id, 'county.420502');
    const res = await refused(() => apply('county.420502', current), 409, 'OPERATOR_CHANGE_PENDING');
    expect(res.json().details.changeId).toBe(change.id);
    expect(res.json().message).toContain('更换承办企业申请正在办理（待省商务厅核准）');
  });

  it('refuses the outgoing operator as the incoming one (400), and an ineligible incoming operator (409)', async () => {
    const { operator, e } = await filedEngagement();
    const same = await refused(
      () => apply('county.420502', e, { incomingOperatorId: operator.id }),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldOf(same)).toBe('incomingOperatorId');

    const blacklisted = await newOperator();
    // There is no route that blacklists an operator yet: set it as the province would have.
    await t.deps.db.execute(
      sql`update operators set qualification_status = 'blacklisted' where id = ${blacklisted.id}`,
    );
    const res = await refused(
      () => apply('county.420502', e, { incomingOperatorId: blacklisted.id }),
      409,
      'OPERATOR_INELIGIBLE',
    );
    expect(res.json().message).toContain('第十四条');
    expect(res.json().details.verdict).toMatchObject({ rule: 'operator.qualification', actual: 'blacklisted' });
  });

  it('refuses a stale version (409), another county (404) and the city or the province (403)', async () => {
    const { e } = await filedEngagement();
    await refused(() => apply('county.420502', { id: e.id, version: e.version - 1 }), 409, 'VERSION_CONFLICT');
    await refused(() => apply('county.420583', e), 404, 'NOT_FOUND');
    for (const user of ['city.420500', 'province'] as const) await refused(() => apply(user, e), 403, 'FORBIDDEN');
    // The same application from the county goes through.
    expect((await apply('county.420502', e)).statusCode).toBe(201);
  });
});

describe('the city forwards (Art. 10(六): 经所在市州商务局报省商务厅)', () => {
  it('forwards its county’s application once; another city does not see it', async () => {
    const { change } = await changeAt('submitted');
    await refused(() => forward('city.420600', change), 404, 'NOT_FOUND');
    await refused(() => forward('county.420502', change), 403, 'FORBIDDEN');
    await refused(() => forward('province', change), 403, 'FORBIDDEN');

    const res = await forward('city.420500', change);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as TOperatorChange;
    expect(c).toMatchObject({
      status: 'forwarded',
      forwardComment: '同意报省商务厅核准。',
      version: change.version + 1,
      allowedActions: [],
    });
    expect((await changeOf(c.id, 'province')).allowedActions).toEqual(['decide']);
    expect(await auditOf('operatorChange.forwarded', c.id)).toHaveLength(1);

    const twice = await refused(() => forward('city.420500', c), 409, 'INVALID_TRANSITION');
    expect(twice.json().message).toContain('已转报');
    await refused(() => forward('city.420500', change), 409, 'VERSION_CONFLICT');
  });
});

describe('the province decides (Art. 10(六): 报省商务厅核准)', () => {
  it('approval ends the engagement on the day of the change; the centre has no operator until a new tender', async () => {
    const { centre, operator, e, change } = await changeAt('forwarded');
    expect(change.changedOn).toBe('2026-11-17');
    await refused(() => decide('city.420500', change, 'approve'), 403, 'FORBIDDEN');
    await refused(() => decide('county.420502', change, 'approve'), 403, 'FORBIDDEN');

    const res = await decide('province', change, 'approve', '同意更换，请县商务局按政府采购程序确定承接机构。');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      decisionComment: '同意更换，请县商务局按政府采购程序确定承接机构。',
      decidedAt: t.clock.now.toISOString(),
      version: change.version + 1,
      allowedActions: [],
    });

    const d = await detail(e.id, 'county.420502');
    expect(d).toMatchObject({
      status: 'ended',
      endedOn: '2026-11-17',
      endReason: 'operator_changed',
      filingNumber: e.filingNumber,
    });
    expect(d.reprocurement).toMatchObject({ reason: 'operator_changed' });
    expect(d.allowedActions).not.toContain('changeOperator');
    expect(d.changes.map((x) => [x.id, x.status])).toEqual([[change.id, 'approved']]);
    expect(d.events.at(-1)).toMatchObject({
      action: 'ended_by_change',
      fromStatus: 'filed',
      toStatus: 'ended',
      actorName: 'province',
    });
    expect(await auditOf('operatorChange.approved', change.id)).toHaveLength(1);
    const ended = await auditOf('engagement.ended', e.id);
    expect(ended).toHaveLength(1);
    expect(ended[0]?.after).toMatchObject({
      endedOn: '2026-11-17',
      endReason: 'operator_changed',
      changeId: change.id,
    });

    // The centre's page and the public list no longer name the outgoing operator.
    const c = await get('province', `/api/centres/${centre.id}`);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().operatorName).toBeNull();
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/centres?pageSize=200' });
    expect(pub.statusCode).toBe(200);
    const listed = pub.json().items.find((x: { id: number }) => x.id === centre.id);
    expect(listed).toBeDefined();
    expect(listed.operatorName).toBeNull();
    // The published filing stays, as the record of who ran the centre until when.
    const filings = await t.app.inject({ method: 'GET', url: '/api/public/filings?pageSize=200' });
    expect(filings.statusCode).toBe(200);
    expect(filings.json().items.find((f: { filingNumber: string }) => f.filingNumber === e.filingNumber)).toMatchObject(
      { centreName: centre.name, operatorName: operator.name, endedOn: '2026-11-17' },
    );

    // Deciding again is refused.
    await refused(() => decide('province', res.json(), 'reject', '重复操作。'), 409, 'INVALID_TRANSITION');

    // The county may now record the tender for the incoming operator.
    const incoming = await newOperator();
    const tender = await post('county.420502', `/api/centres/${centre.id}/engagements`, {
      ...tenderInputFor(centre, incoming, today()),
      projectNumber: `420502-ZFCG-2026-R${centre.id}`,
    });
    expect(tender.statusCode, tender.body).toBe(201);
    expect(tender.json()).toMatchObject({ centreId: centre.id, operatorId: incoming.id, status: 'tendered' });
  });

  it('a rejection needs a reason, and leaves the engagement on file and open to a new application', async () => {
    const { e, change } = await changeAt('forwarded');
    const none = await refused(() => decide('province', change, 'reject'), 400, 'VALIDATION_FAILED');
    expect(fieldsOf(none)).toContain('comment');
    await refused(() => decide('province', change, 'reject', '   '), 400, 'VALIDATION_FAILED');

    const res = await decide('province', change, 'reject', '更换理由不充分，请补充原承办企业违约情况说明。');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'rejected',
      decisionComment: '更换理由不充分，请补充原承办企业违约情况说明。',
      allowedActions: [],
    });
    expect(await auditOf('operatorChange.rejected', change.id)).toHaveLength(1);
    const d = await detail(e.id, 'county.420502');
    expect(d).toMatchObject({ status: 'filed', endedOn: null, endReason: null });
    expect(d.allowedActions).toContain('changeOperator');
    // No longer pending: the county may apply again.
    expect((await apply('county.420502', d)).statusCode).toBe(201);
  });

  it('refuses to decide an application the city has not forwarded (INVALID_TRANSITION)', async () => {
    const { e, change } = await changeAt('submitted');
    const res = await refused(() => decide('province', change, 'approve'), 409, 'INVALID_TRANSITION');
    expect(res.json().message).toContain('已提交');
    expect((await detail(e.id)).status).toBe('filed');
  });
});

describe('the handover (Art. 10(六): 退出企业与承接企业应按相关规定做好工作交接)', () => {
  it('saves the items the county ticks and leaves the others as they were', async () => {
    const { change } = await changeAt('approved');
    const res = await handover('county.420502', change, [
      { item: 'funds', done: true, note: '资金结余已核对移交' },
      { item: 'staff', done: true },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as TOperatorChange;
    expect(c.version).toBe(change.version + 1);
    expect(c.handover).toEqual(
      HANDOVER_ITEMS.map((item) =>
        item === 'funds'
          ? { item, done: true, note: '资金结余已核对移交' }
          : item === 'staff'
            ? { item, done: true, note: '' }
            : { item, done: false, note: '' },
      ),
    );
    expect(await auditOf('operatorChange.handover.updated', c.id)).toHaveLength(1);
    // Un-ticking one item leaves the other ticked.
    const back = await handover('county.420502', c, [{ item: 'staff', done: false }]);
    expect(back.statusCode, back.body).toBe(200);
    expect(
      back
        .json()
        .handover.filter((h: { done: boolean }) => h.done)
        .map((h: { item: string }) => h.item),
    ).toEqual(['funds']);
    expect((await changeOf(c.id)).handover).toEqual(back.json().handover);
  });

  it('refuses an item listed twice, a rejected change, a stale version, another county and the city', async () => {
    const { change } = await changeAt('submitted');
    const twice = await refused(
      () =>
        handover('county.420502', change, [
          { item: 'funds', done: true },
          { item: 'funds', done: false },
        ]),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldOf(twice)).toBe('items.1.item');
    const unknown = await refused(
      () => handover('county.420502', change, [{ item: 'vehicles', done: true }]),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldsOf(unknown).some((f) => f.startsWith('items'))).toBe(true);
    await refused(
      () => handover('county.420502', { id: change.id, version: change.version + 1 }, [{ item: 'funds', done: true }]),
      409,
      'VERSION_CONFLICT',
    );
    await refused(() => handover('county.420583', change, [{ item: 'funds', done: true }]), 404, 'NOT_FOUND');
    await refused(() => handover('city.420500', change, [{ item: 'funds', done: true }]), 403, 'FORBIDDEN');

    const rejected = (await changeAt('rejected')).change;
    expect(rejected.allowedActions).not.toContain('handover');
    const res = await refused(
      () => handover('county.420502', rejected, [{ item: 'funds', done: true }]),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldOf(res)).toBe('status');
  });
});

describe('who sees which applications, and what waits for whom', () => {
  it('the city waits on submitted ones, the province on forwarded ones; 襄阳 sees none of 宜昌’s; no evaluator', async () => {
    const submitted = await changeAt('submitted');
    const forwarded = await changeAt('forwarded');
    const approved = await changeAt('approved');
    const xiangyang = await changeAt('submitted', t.world.parks.xiangyangHighTech);
    const yichangIds = [submitted.change.id, forwarded.change.id, approved.change.id];

    const cityWaits = await changeIds('city.420500', 'awaitingMe=true');
    expect(cityWaits).toContain(submitted.change.id);
    expect(cityWaits).not.toContain(forwarded.change.id);
    expect(cityWaits).not.toContain(approved.change.id);
    expect(cityWaits).not.toContain(xiangyang.change.id);
    const cityAll = await changeIds('city.420500');
    expect(cityAll).toEqual(expect.arrayContaining(yichangIds));
    expect(cityAll).not.toContain(xiangyang.change.id);

    const provinceWaits = await changeIds('province', 'awaitingMe=true');
    expect(provinceWaits).toContain(forwarded.change.id);
    expect(provinceWaits).not.toContain(submitted.change.id);
    expect(provinceWaits).not.toContain(approved.change.id);
    expect(provinceWaits).not.toContain(xiangyang.change.id);
    expect(await changeIds('province')).toEqual(expect.arrayContaining([...yichangIds, xiangyang.change.id]));

    const otherCity = await changeIds('city.420600');
    expect(otherCity).toContain(xiangyang.change.id);
    for (const id of yichangIds) expect(otherCity).not.toContain(id);
    expect((await changeIds('city.420600', 'awaitingMe=true')).some((id) => yichangIds.includes(id))).toBe(false);
    expect((await get('city.420600', `/api/operator-changes/${submitted.change.id}`)).statusCode).toBe(404);
    expect((await get('county.420583', `/api/operator-changes/${submitted.change.id}`)).statusCode).toBe(404);

    // Filters: by status and by centre.
    const forwardedOnly = await changeIds('province', 'status=forwarded');
    expect(forwardedOnly).toContain(forwarded.change.id);
    expect(forwardedOnly).not.toContain(submitted.change.id);
    expect(await changeIds('province', `centreId=${approved.centre.id}`)).toEqual([approved.change.id]);

    expect((await get('evaluator.1', '/api/operator-changes')).statusCode).toBe(403);
    expect((await get('evaluator.1', `/api/operator-changes/${submitted.change.id}`)).statusCode).toBe(403);
  });
});

describe('dashboard filing figures (Art. 10(三))', () => {
  const filings = async (user: User) => {
    const res = await get(user, '/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const home = res.json() as TDashboard;
    const total = (key: string) => home.lists.find((l) => l.key === key)?.total ?? 0;
    // The home's filing figures: overdue (oversight), the caller's steps (lists), on file (the overview's total).
    return {
      overdue: home.figures.find((f) => f.key === 'overdueFilings')?.value,
      awaitingMe: ['filingsToReport', 'changesToForward', 'filingsToFile', 'changesToDecide'].reduce(
        (sum, key) => sum + total(key),
        0,
      ),
      filed: home.overview?.totals.filings.filed,
    };
  };
  /** An agreement signed 45 days ago (40 days' shift, signed 5 days before that) and never reported. */
  const overdueSigned = async (park?: TPark) => {
    const centre = await newCentre(park);
    const e = await makeEngagement(t.deps, { centre, operator: await newOperator(), target: 'signed', daysAgo: 40 });
    expect(e.signedOn).toBe('2026-10-10');
    expect((e.filingDeadline ?? '') < today()).toBe(true);
    return e;
  };

  it('counts overdue filings and what awaits the caller within its scope', async () => {
    const first = await overdueSigned();
    const province1 = await filings('province');
    const yichang1 = await filings('city.420500');
    const xiangyang1 = await filings('city.420600');
    expect(province1?.overdue).toBeGreaterThanOrEqual(1);
    expect(yichang1?.overdue).toBeGreaterThanOrEqual(1);
    // The dashboard figure is the overdue list's length.
    const overdueList = await get('city.420500', '/api/engagements?overdue=true&pageSize=200');
    expect(overdueList.json().items.map((x: { id: number }) => x.id)).toContain(first.id);
    expect(yichang1?.overdue).toBe(overdueList.json().total);

    await overdueSigned();
    const province2 = await filings('province');
    const yichang2 = await filings('city.420500');
    expect(province2?.overdue).toBe((province1?.overdue ?? 0) + 1);
    expect(yichang2?.overdue).toBe((yichang1?.overdue ?? 0) + 1);
    // A signed agreement waits for the city's report: one more for 宜昌, none for 襄阳.
    expect(yichang2?.awaitingMe).toBe((yichang1?.awaitingMe ?? 0) + 1);
    expect(await filings('city.420600')).toEqual(xiangyang1);
    // The city's step: signed agreements to report and changes of operator to forward.
    const signed = await get('city.420500', '/api/engagements?status=signed&pageSize=200');
    const toForward = await get('city.420500', '/api/operator-changes?awaitingMe=true&pageSize=200');
    expect(yichang2?.awaitingMe).toBe(signed.json().total + toForward.json().total);
    // The province waits on reports, not on signed agreements.
    expect(province2?.awaitingMe).toBe(province1?.awaitingMe);

    // A late agreement in 襄阳 counts for 襄阳 and the province, not for 宜昌.
    await overdueSigned(t.world.parks.xiangyangHighTech);
    expect((await filings('city.420600'))?.overdue).toBe((xiangyang1?.overdue ?? 0) + 1);
    expect((await filings('province'))?.overdue).toBe((province2?.overdue ?? 0) + 1);
    expect(await filings('city.420500')).toEqual(yichang2);
  });

  it('counts filings on file and drops an engagement ended by a change of operator', async () => {
    const before = await filings('province');
    const { change } = await changeAt('forwarded');
    expect((await filings('province'))?.filed).toBe((before?.filed ?? 0) + 1);
    const ok = await decide('province', change, 'approve', '同意更换。');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await filings('province'))?.filed).toBe(before?.filed);
  });

  it('has no filing figures for an enterprise or an evaluator', async () => {
    for (const user of ['enterprise.91420500MA4F000001', 'evaluator.1'] as const) {
      const res = await get(user, '/api/dashboard');
      expect(res.statusCode, res.body).toBe(200);
      const home = res.json() as TDashboard;
      expect(home.figures.map((f) => f.key)).not.toContain('overdueFilings');
      expect(home.overview).toBeNull();
    }
  });
});

describe("the county's part of a change: one at a time, and the handover until it is done", () => {
  it('offers no second change of operator while one is open, and again once it is decided', async () => {
    const { e, change } = await changeAt('forwarded');
    expect((await detail(e.id, 'county.420502')).allowedActions).not.toContain('changeOperator');
    const res = await post('province', `/api/operator-changes/${change.id}/decide`, {
      version: change.version,
      decision: 'reject',
      comment: '理由不充分，维持原承办企业。',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await detail(e.id, 'county.420502')).allowedActions).toContain('changeOperator');
  });

  it('an approved change waits for the county until every handover item is done', async () => {
    const { change } = await changeAt('approved');
    const waiting = async () => {
      const res = await get('county.420502', '/api/operator-changes?awaitingMe=true&pageSize=200');
      return (res.json().items as { id: number }[]).map((c) => c.id);
    };
    expect(await waiting()).toContain(change.id);
    const res = await put('county.420502', `/api/operator-changes/${change.id}/handover`, {
      version: change.version,
      items: HANDOVER_ITEMS.map((item) => ({ item, done: true, note: '已交接' })),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await waiting()).not.toContain(change.id);
  });

  it('a rejection without a reason is refused in the officer’s language, naming the field', async () => {
    const { change } = await changeAt('forwarded');
    const res = await post('province', `/api/operator-changes/${change.id}/decide`, {
      version: change.version,
      decision: 'reject',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual([{ field: 'comment', reason: '不予核准须说明理由' }]);
  });
});
