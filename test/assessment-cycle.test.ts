import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../src/contracts/assessment';
import type { TAssessmentCycle, TIndicatorSystem, TSubmissionDetail } from '../src/contracts/assessment-cycle';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeUser } from '../src/server/demo/factories';
import { makeOperator } from '../src/server/demo/operator-factory';
import { addWorkingDays } from '../src/server/policy/rules/deadlines';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';

/**
 * Art. 12(二)(1)–(2) through the HTTP API: the province drafts an indicator system and opens the year's cycle (the
 * system freezes, drafts appear for the serving centres only, everyone concerned is told); operators submit their
 * material before the deadline (late is refused with the deadline named unless the province reopens); the city
 * pre-reviews its own centres, returning with reasons or passing. Every step writes an event and an audit entry;
 * every refusal leaves the database as it was. The clock starts at 2026-11-24 (Beijing).
 */

let t: TestApp;
const cookies: Record<string, string> = {};
const ids = { one: 0, two: 0, three: 0 };
const USERS = [
  'province',
  'operator.1',
  'operator.3',
  'city.420500',
  'city.420600',
  'county.420502',
  'evaluator.1',
  'enterprise.91420500MA4F000001',
];
const PDF = Buffer.from('%PDF-1.4\n% 自评报告\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

async function signInAll() {
  for (const u of USERS) cookies[u] = await loginAs(t.app, u);
}
const call = (user: string, opts: InjectOptions) => as(t.app, cookies[user] ?? '', opts);
const get = (user: string, url: string) => call(user, { method: 'GET', url });
const post = (user: string, url: string, payload: unknown) =>
  call(user, { method: 'POST', url, payload: payload as object });
const put = (user: string, url: string, payload: unknown) =>
  call(user, { method: 'PUT', url, payload: payload as object });
const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.deps.db.execute(q));

/** Everything a refused request must leave untouched. */
async function state() {
  return {
    systems: await query(sql`select * from indicator_systems order by id`),
    cycles: await query(sql`select * from assessment_cycles order by id`),
    submissions: await query(sql`select * from assessment_submissions order by id`),
    events: await query(sql`select count(*)::int as n from assessment_submission_events`),
    files: await query(sql`select count(*)::int as n from attachments where assessment_submission_id is not null`),
    messages: await query(sql`select count(*)::int as n from messages`),
    audit: await query(sql`select seq from audit_head where id = 1`),
  };
}
async function lastAudit() {
  const [row] = await query<{ action: string; object_type: string; object_id: string }>(
    sql`select action, object_type, object_id from audit_entries order by seq desc limit 1`,
  );
  return row;
}
async function eventsOf(submissionId: number) {
  return query<{ action: string; from_status: string | null; to_status: string | null; reason: string | null }>(
    sql`select action, from_status, to_status, reason from assessment_submission_events
        where submission_id = ${submissionId} order by id`,
  );
}
async function submissionOf(centreId: number) {
  const [row] = await query<{ id: number; version: number; status: string }>(
    sql`select id, version, status from assessment_submissions where centre_id = ${centreId}`,
  );
  return row;
}

beforeAll(async () => {
  t = await buildTestApp();
  const { yichangHighTech, zhijiang, xiangyangHighTech } = t.world.parks;
  // Centre 1 (宜昌高新区, the fixture operator's) and centre 3 (襄阳) operate with a filed operator; centre 2 (枝江)
  // is recognised but its operator is not filed yet, so it does not run and is not assessed.
  const one = await makeCentre(t.deps, { park: yichangHighTech, target: 'approved' });
  await makeEngagement(t.deps, { centre: one, operator: await makeOperator(t.deps, { serial: 81 }), target: 'filed' });
  const two = await makeCentre(t.deps, { park: zhijiang, target: 'approved' });
  const three = await makeCentre(t.deps, { park: xiangyangHighTech, target: 'approved' });
  await makeEngagement(t.deps, {
    centre: three,
    operator: await makeOperator(t.deps, { serial: 83 }),
    target: 'filed',
  });
  Object.assign(ids, { one: one.id, two: two.id, three: three.id });
  await makeUser(t.deps, { username: 'operator.3', role: 'operator', password: TEST_PASSWORD, centreId: three.id });
  await signInAll();
});
afterAll(async () => t?.close());

let system: TIndicatorSystem;
let cycle: TAssessmentCycle;

describe('indicator systems', () => {
  it('the province drafts a system by copying the shipped default; others may not', async () => {
    for (const u of ['operator.1', 'city.420500', 'evaluator.1', 'enterprise.91420500MA4F000001']) {
      const before = await state();
      const res = await post(u, '/api/assessment/systems', { title: '2026年度体系', year: 2026, copyFrom: null });
      expect(res.statusCode, u).toBe(403);
      expect(await state()).toEqual(before);
    }
    const res = await post('province', '/api/assessment/systems', {
      title: '2026年度外综服中心考核评价指标体系',
      year: 2026,
      copyFrom: null,
    });
    expect(res.statusCode).toBe(201);
    system = res.json();
    expect(system.status).toBe('draft');
    expect(system.body.indicators.reduce((a, i) => a + i.weight, 0)).toBe(100);
    expect(system.body.gradeThresholds).toEqual({ excellent: 90, good: 80, fair: 60 });
    expect((await lastAudit())?.action).toBe('assessment.system.created');
  });

  it('a draft is edited under its version; weights must add up to 100', async () => {
    const body = structuredClone(system.body);
    body.indicators[0] = {
      ...body.indicators[0],
      weight: body.indicators[0].weight + 1,
    } as (typeof body.indicators)[0];
    const before = await state();
    const bad = await put('province', `/api/assessment/systems/${system.id}`, {
      version: system.version,
      title: system.title,
      year: 2026,
      body,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].field).toBe('body.indicators');
    // The reason is the rule's, in the user's language — not a generic "invalid input".
    expect(bad.json().details.fields[0].reason).toBe('各指标权重之和须为 100');
    expect(await state()).toEqual(before);

    const last = body.indicators.length - 1;
    body.indicators[last] = {
      ...body.indicators[last],
      weight: body.indicators[last].weight - 1,
    } as (typeof body.indicators)[0];
    const ok = await put('province', `/api/assessment/systems/${system.id}`, {
      version: system.version,
      title: system.title,
      year: 2026,
      body,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(system.version + 1);
    expect((await lastAudit())?.action).toBe('assessment.system.updated');
    const stale = await put('province', `/api/assessment/systems/${system.id}`, {
      version: system.version,
      title: system.title,
      year: 2026,
      body,
    });
    expect(stale.statusCode).toBe(409);
    system = ok.json();
  });

  it('a draft’s indicators are edited, not only weights: names and rules are stored as sent; a bad rule is refused', async () => {
    const body = structuredClone(system.body);
    const at = (key: string) => body.indicators.findIndex((i) => i.key === key);
    const bad = structuredClone(body);
    bad.indicators[at('services.records')] = {
      ...(bad.indicators[at('services.records')] as (typeof body.indicators)[0]),
      scoring: { kind: 'linear', zeroAt: 10, fullAt: 10 },
    };
    const before = await state();
    const refused = await put('province', `/api/assessment/systems/${system.id}`, {
      version: system.version,
      title: system.title,
      year: 2026,
      body: bad,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.fields[0]).toEqual({
      field: `body.indicators.${at('services.records')}.scoring`,
      reason: '线性计分的零分值与满分值不能相同',
    });
    expect(await state()).toEqual(before);

    const records = at('services.records');
    const categories = at('services.categories');
    body.indicators[records] = {
      ...(body.indicators[records] as (typeof body.indicators)[0]),
      name: { 'zh-CN': '全年服务记录', en: 'Service records in the year' },
      scoring: { kind: 'linear', zeroAt: 0, fullAt: 10 },
    };
    body.indicators[categories] = {
      ...(body.indicators[categories] as (typeof body.indicators)[0]),
      scoring: {
        kind: 'thresholds',
        steps: [
          { atLeast: 0, share: 0.25 },
          { atLeast: 5, share: 1 },
        ],
      },
      guidance: '有服务记录即得四分之一，5类及以上满分',
    };
    const ok = await put('province', `/api/assessment/systems/${system.id}`, {
      version: system.version,
      title: system.title,
      year: 2026,
      body,
    });
    expect(ok.statusCode).toBe(200);
    system = ok.json();
    expect((await get('province', `/api/assessment/systems/${system.id}`)).json().body).toEqual(body);
  });

  it('a draft system is the province’s alone to see until a cycle uses it', async () => {
    expect((await get('city.420500', `/api/assessment/systems/${system.id}`)).statusCode).toBe(404);
    expect((await get('city.420500', '/api/assessment/systems')).json().items).toEqual([]);
    expect((await get('enterprise.91420500MA4F000001', '/api/assessment/systems')).statusCode).toBe(403);
  });
});

describe('opening the year’s cycle (Art. 12(二)(1))', () => {
  const request = () => ({
    year: 2026,
    title: '2026年度外综服中心考核评估',
    notice: '根据《办法》第十二条，现开展2026年度外综服中心考核评估工作。',
    systemId: system.id,
    submissionDue: { kind: 'date', date: '2026-12-10' },
    prereviewDue: { kind: 'workingDays', days: 10 },
    evaluationDue: { kind: 'date', date: '2027-01-31' },
  });

  it('refuses a future year, deadlines out of order, and anyone but the province — changing nothing', async () => {
    const before = await state();
    const future = await post('province', '/api/assessment/cycles', { ...request(), year: 2027 });
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('ASSESSMENT_YEAR_INVALID');
    const order = await post('province', '/api/assessment/cycles', {
      ...request(),
      evaluationDue: { kind: 'date', date: '2026-12-11' },
    });
    expect(order.statusCode).toBe(400);
    expect(order.json().details.field).toBe('evaluationDue');
    const past = await post('province', '/api/assessment/cycles', {
      ...request(),
      submissionDue: { kind: 'date', date: '2026-11-01' },
    });
    expect(past.json().details.field).toBe('submissionDue');
    for (const u of ['city.420500', 'operator.1', 'evaluator.1', 'enterprise.91420500MA4F000001']) {
      expect((await post(u, '/api/assessment/cycles', request())).statusCode, u).toBe(403);
    }
    expect(await state()).toEqual(before);
  });

  it('opens: freezes the system, drafts a submission for each operating centre only, tells those concerned', async () => {
    const res = await post('province', '/api/assessment/cycles', request());
    expect(res.statusCode).toBe(201);
    cycle = res.json();
    expect(cycle.submissionDue).toBe('2026-12-10');
    // 10 working days after the submission deadline, on the official calendar.
    expect(cycle.prereviewDue).toBe(addWorkingDays('2026-12-10', 10));
    expect(cycle.prereviewDue).toBe('2026-12-24');
    expect(cycle.policyVersion).toBe(1);
    expect(cycle.counts.draft).toBe(2);
    expect(cycle.total).toBe(2);

    const subs = await query<{ centre_id: number; status: string; operator_id: number; city_code: string }>(
      sql`select centre_id, status, operator_id, city_code from assessment_submissions order by centre_id`,
    );
    expect(subs.map((s) => s.centre_id)).toEqual([ids.one, ids.three]);
    expect(subs.every((s) => s.status === 'draft' && s.operator_id !== null)).toBe(true);
    expect(subs.map((s) => s.city_code)).toEqual(['420500', '420600']);

    const [frozen] = await query<{ status: string }>(sql`select status from indicator_systems where id = ${system.id}`);
    expect(frozen?.status).toBe('frozen');
    const one = await submissionOf(ids.one);
    expect((await eventsOf(one?.id ?? 0)).map((e) => [e.action, e.to_status])).toEqual([['open', 'draft']]);
    const [audit] = await query<{ action: string }>(
      sql`select action from audit_entries where object_type = 'assessment_cycle' and object_id = ${String(cycle.id)}`,
    );
    expect(audit?.action).toBe('assessment.cycle.opened');

    const told = await query<{ username: string }>(
      sql`select u.username from messages m join users u on u.id = m.user_id
          where m.kind = 'assessment.cycleOpened' order by u.username`,
    );
    const names = told.map((r) => r.username);
    for (const u of ['operator.1', 'operator.3', 'city.420500', 'city.420600', 'county.420502', 'evaluator.1'])
      expect(names, u).toContain(u);
    expect(names).not.toContain('enterprise.91420500MA4F000001');
    expect(names).not.toContain('county.420583'); // 枝江's centre does not run: nothing concerns it yet
  });

  it('refuses a second cycle for the year, and edits of the frozen system citing Art. 12 and decision 0029', async () => {
    const before = await state();
    const again = await post('province', '/api/assessment/cycles', request());
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ASSESSMENT_CYCLE_EXISTS');
    const edit = await put('province', `/api/assessment/systems/${system.id}`, {
      version: system.version + 1,
      title: system.title,
      year: 2026,
      body: system.body,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('ASSESSMENT_SYSTEM_FROZEN');
    expect(edit.json().message).toContain('第十二条');
    expect(edit.json().message).toContain('0029');
    expect(await state()).toEqual(before);
  });

  it('home pages show the cycle’s deadlines and each one’s own to-do', async () => {
    const operator = (await get('operator.1', '/api/dashboard')).json().assessment;
    expect(operator).toMatchObject({ year: 2026, submissionDue: '2026-12-10', prereviewDue: '2026-12-24' });
    expect(operator.submission).toMatchObject({ status: 'draft', dueOn: '2026-12-10' });
    const city = (await get('city.420500', '/api/dashboard')).json().assessment;
    expect(city).toMatchObject({ awaitingPrereview: 0, notSubmitted: 1, total: 1, submission: null });
    expect((await get('province', '/api/dashboard')).json().assessment.total).toBe(2);
    expect((await get('enterprise.91420500MA4F000001', '/api/dashboard')).json().assessment).toBeNull();
  });

  it('every reader of the assessment sees the cycle, its system, and counts within its own scope', async () => {
    const city = (await get('city.420500', `/api/assessment/cycles/${cycle.id}`)).json();
    expect(city.total).toBe(1);
    expect((await get('operator.3', '/api/assessment/cycles')).json().items[0].total).toBe(1);
    expect((await get('evaluator.1', `/api/assessment/cycles/${cycle.id}`)).json().total).toBe(0);
    expect((await get('city.420500', `/api/assessment/systems/${system.id}`)).statusCode).toBe(200);
    expect((await get('enterprise.91420500MA4F000001', '/api/assessment/cycles')).statusCode).toBe(403);
  });
});

describe('submissions and the city’s pre-review (Art. 12(二)(2))', () => {
  let one: TSubmissionDetail;
  let three: TSubmissionDetail;

  it('each reads only its own: the operator its centre, the city its centres; others are told it does not exist', async () => {
    const mine = (await get('operator.1', '/api/assessment/submissions')).json();
    expect(mine.items.map((s: { centreId: number }) => s.centreId)).toEqual([ids.one]);
    const idOne = mine.items[0].id as number;
    const idThree = (await submissionOf(ids.three))?.id ?? 0;
    one = (await get('operator.1', `/api/assessment/submissions/${idOne}`)).json();
    expect(one.status).toBe('draft');
    expect(one.steps).toEqual(['edit', 'submit']);
    expect(one.figuresAreSnapshot).toBe(false);
    expect(Object.keys(one.figures.values).sort()).toEqual([...METRIC_KEYS].sort());
    expect(one.events.map((e) => e.action)).toEqual(['open']);

    expect((await get('operator.1', `/api/assessment/submissions/${idThree}`)).statusCode).toBe(404);
    expect((await get('city.420600', `/api/assessment/submissions/${idOne}`)).statusCode).toBe(404);
    expect((await get('city.420500', `/api/assessment/submissions/${idOne}`)).statusCode).toBe(200);
    expect((await get('county.420502', `/api/assessment/submissions/${idOne}`)).statusCode).toBe(200);
    expect((await get('evaluator.1', `/api/assessment/submissions/${idOne}`)).statusCode).toBe(404);
    expect((await get('evaluator.1', '/api/assessment/submissions')).json().items).toEqual([]);
    expect((await get('enterprise.91420500MA4F000001', `/api/assessment/submissions/${idOne}`)).statusCode).toBe(403);
    // A filter cannot widen the scope.
    expect((await get('city.420500', '/api/assessment/submissions?cityCode=420600')).json().items).toEqual([]);
    three = (await get('operator.3', `/api/assessment/submissions/${idThree}`)).json();
  });

  it('the operator saves its statement, attaches evidence and submits: the figures are snapshot', async () => {
    const saved = await put('operator.1', `/api/assessment/submissions/${one.id}/statement`, {
      version: one.version,
      statement: '本中心2026年度共开展服务……',
    });
    expect(saved.statusCode).toBe(200);
    expect((await lastAudit())?.action).toBe('assessment.statement.saved');
    const file = await call('operator.1', {
      method: 'POST',
      url: `/api/assessment/submissions/${one.id}/attachments`,
      payload: PDF,
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'self-report.pdf' },
    });
    expect(file.statusCode).toBe(201);
    expect((await lastAudit())?.action).toBe('assessment.attachment.uploaded');
    const download = await get('city.420500', `/api/assessment/submissions/${one.id}/attachments/${file.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(
      (await get('city.420600', `/api/assessment/submissions/${one.id}/attachments/${file.json().id}`)).statusCode,
    ).toBe(404);

    const res = await post('operator.1', `/api/assessment/submissions/${one.id}/submit`, {
      version: saved.json().version,
    });
    expect(res.statusCode).toBe(200);
    one = res.json();
    expect(one.status).toBe('submitted');
    expect(one.figuresAreSnapshot).toBe(true);
    expect(one.figures.year).toBe(2026);
    expect(one.statement).toBe('本中心2026年度共开展服务……');
    expect(one.attachments.map((f) => f.fileName)).toEqual(['self-report.pdf']);
    const [row] = await query<{ metrics: { year: number } | null; submitted_by: number | null }>(
      sql`select metrics, submitted_by from assessment_submissions where id = ${one.id}`,
    );
    expect(row?.metrics?.year).toBe(2026);
    expect(row?.submitted_by).toBe(t.world.users.operator.id);
    expect((await eventsOf(one.id)).at(-1)).toMatchObject({
      action: 'submit',
      from_status: 'draft',
      to_status: 'submitted',
    });
    expect((await lastAudit())?.action).toBe('assessment.submission.submitted');
  });

  it('the scores follow the rules the province edited into the system (Art. 12(一))', async () => {
    const evaluation = (await get('province', `/api/assessment/submissions/${one.id}/evaluation`)).json();
    const scored = (key: string) =>
      evaluation.indicators.find((i: { key: string }) => i.key === key) as {
        name: { 'zh-CN': string };
        value: number;
        points: number;
        weight: number;
        rule: { 'zh-CN': string };
      };
    const records = scored('services.records');
    expect(records.name['zh-CN']).toBe('全年服务记录');
    expect(records.rule['zh-CN']).toContain('10件及以上得满分');
    expect(records.points).toBe(Math.round(Math.min(records.value / 10, 1) * records.weight * 100) / 100);
    const categories = scored('services.categories');
    expect(categories.rule['zh-CN']).toContain(`5类得${categories.weight}分`);
    // Shipped rule: 0 at 0 categories. Edited: a quarter of the weight from 0, full from 5.
    expect(categories.points).toBe(categories.value >= 5 ? categories.weight : categories.weight / 4);
  });

  it('after the deadline a submission is refused with the deadline named, and nothing changes', async () => {
    t.clock.advance(17 * 86_400_000); // 2026-12-11 Beijing: the day after the deadline
    await signInAll();
    const before = await state();
    const late = await post('operator.3', `/api/assessment/submissions/${three.id}/submit`, { version: three.version });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ASSESSMENT_SUBMISSION_CLOSED');
    expect(late.json().message).toContain('2026年12月10日');
    expect(late.json().message).toContain('第十二条');
    const edit = await put('operator.3', `/api/assessment/submissions/${three.id}/statement`, {
      version: three.version,
      statement: '补交',
    });
    expect(edit.json().code).toBe('ASSESSMENT_SUBMISSION_CLOSED');
    expect(await state()).toEqual(before);
    const page = (await get('operator.3', `/api/assessment/submissions/${three.id}`)).json();
    expect(page.steps).toEqual([]);
  });

  it('the province reopens it for that centre, and the submission goes through', async () => {
    const before = await state();
    for (const u of ['operator.3', 'city.420600', 'evaluator.1']) {
      const res = await post(u, `/api/assessment/submissions/${three.id}/reopen`, {
        version: three.version,
        until: '2026-12-15',
      });
      expect(res.statusCode, u).toBe(403);
    }
    const past = await post('province', `/api/assessment/submissions/${three.id}/reopen`, {
      version: three.version,
      until: '2026-12-01',
    });
    expect(past.statusCode).toBe(400);
    expect(await state()).toEqual(before);

    const reopened = await post('province', `/api/assessment/submissions/${three.id}/reopen`, {
      version: three.version,
      until: '2026-12-15',
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().reopenedUntil).toBe('2026-12-15');
    expect((await lastAudit())?.action).toBe('assessment.submission.reopened');
    expect((await eventsOf(three.id)).at(-1)).toMatchObject({ action: 'reopen', reason: '2026-12-15' });

    const res = await post('operator.3', `/api/assessment/submissions/${three.id}/submit`, {
      version: reopened.json().version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('submitted');
  });

  it('the city returns with a required reason; the operator corrects and resubmits; the city passes', async () => {
    const before = await state();
    const other = await post('city.420600', `/api/assessment/submissions/${one.id}/prereview`, {
      version: one.version,
      decision: 'pass',
    });
    expect(other.statusCode).toBe(404);
    const noReason = await post('city.420500', `/api/assessment/submissions/${one.id}/prereview`, {
      version: one.version,
      decision: 'return',
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    for (const u of ['operator.1', 'province', 'county.420502', 'evaluator.1']) {
      const res = await post(u, `/api/assessment/submissions/${one.id}/prereview`, {
        version: one.version,
        decision: 'pass',
      });
      expect(res.statusCode, u).toBe(403);
    }
    expect(await state()).toEqual(before);

    const returned = await post('city.420500', `/api/assessment/submissions/${one.id}/prereview`, {
      version: one.version,
      decision: 'return',
      reason: '活动佐证材料缺少签到表，请补充。',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().status).toBe('returned');
    expect((await lastAudit())?.action).toBe('assessment.submission.prereviewed');
    const [told] = await query<{ n: number }>(
      sql`select count(*)::int as n from messages m join users u on u.id = m.user_id
          where m.kind = 'assessment.returned' and u.username = 'operator.1'`,
    );
    expect(told?.n).toBe(1);

    // Past the submission deadline, a returned submission may still be corrected until the pre-review deadline.
    const operatorView = (await get('operator.1', `/api/assessment/submissions/${one.id}`)).json();
    expect(operatorView.dueForCentre).toBe('2026-12-24');
    expect(operatorView.steps).toEqual(['edit', 'submit']);
    const again = await post('operator.1', `/api/assessment/submissions/${one.id}/submit`, {
      version: operatorView.version,
    });
    expect(again.statusCode).toBe(200);

    const passed = await post('city.420500', `/api/assessment/submissions/${one.id}/prereview`, {
      version: again.json().version,
      decision: 'pass',
    });
    expect(passed.statusCode).toBe(200);
    const detail: TSubmissionDetail = passed.json();
    expect(detail.status).toBe('passed');
    expect(detail.prereviewDecision).toBe('passed');
    expect(detail.prereviewedByName).toBeTruthy();
    expect(detail.prereviewedAt).not.toBeNull();
    expect(detail.events.map((e) => e.action)).toEqual(['open', 'submit', 'return', 'submit', 'pass']);
    expect(detail.events.find((e) => e.action === 'return')?.reason).toBe('活动佐证材料缺少签到表，请补充。');
    expect(detail.events.every((e) => !e.late)).toBe(true);
    // Passed: the operator may no longer change anything.
    const closed = await put('operator.1', `/api/assessment/submissions/${one.id}/statement`, {
      version: detail.version,
      statement: '改',
    });
    expect(closed.statusCode).toBe(409);
  });

  it('a pre-review after its deadline is accepted and shown as late', async () => {
    t.clock.advance(20 * 86_400_000); // 2026-12-31, past 2026-12-24
    await signInAll();
    const res = await post('city.420600', `/api/assessment/submissions/${three.id}/prereview`, {
      version: (await submissionOf(ids.three))?.version,
      decision: 'pass',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().events.at(-1)).toMatchObject({ action: 'pass', late: true });
  });

  it('the evaluator and the enterprise can do nothing here', async () => {
    const before = await state();
    const urls: [string, string, unknown][] = [
      ['POST', '/api/assessment/systems', { title: 'x', year: 2026, copyFrom: null }],
      ['PUT', `/api/assessment/systems/${system.id}`, { version: 1, title: 'x', year: 2026, body: system.body }],
      ['POST', '/api/assessment/cycles', { year: 2025 }],
      ['PUT', `/api/assessment/submissions/${one.id}/statement`, { version: 1, statement: 'x' }],
      ['POST', `/api/assessment/submissions/${one.id}/submit`, { version: 1 }],
      ['POST', `/api/assessment/submissions/${one.id}/reopen`, { version: 1, until: '2027-01-10' }],
      ['POST', `/api/assessment/submissions/${one.id}/prereview`, { version: 1, decision: 'pass' }],
      ['GET', `/api/assessment/submissions/${one.id}`, undefined],
    ];
    for (const u of ['evaluator.1', 'enterprise.91420500MA4F000001']) {
      for (const [method, url, payload] of urls) {
        const res = await call(u, { method: method as 'GET', url, ...(payload ? { payload: payload as object } : {}) });
        expect([403, 404], `${u} ${method} ${url}`).toContain(res.statusCode);
      }
    }
    expect(await state()).toEqual(before);
  });
});
