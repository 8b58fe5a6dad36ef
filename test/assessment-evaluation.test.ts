import { type SQL, sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEvaluation, TEvaluationItem } from '../src/contracts/assessment-evaluation';
import { rowsOf } from '../src/server/db/client';
import { makeCycle, makeEvaluationAgency, makeSubmission } from '../src/server/demo/assessment-factory';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeUser } from '../src/server/demo/factories';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';

/**
 * Third-party evaluation and publication through the HTTP API (Art. 12(二)(3), 12(三)): the province registers an
 * agency and assigns the submissions the cities passed; the agency's evaluator inspects on site and scores the
 * indicators left to it; the platform computes total and grade from the frozen default system; the province sends a
 * score back or confirms it, and publishes the year. Every refusal leaves the assessment tables and the audit chain
 * as they were. The clock stands at 2026-11-24 (Beijing); the cycle assessed is 2025.
 */

let t: TestApp;
const cookies: Record<string, string> = {};
const ids = { cycle: 0, s1: 0, s2: 0, s3: 0, agency1: 0, agency2: 0, centre1: 0, centre2: 0, centre3: 0 };

/** Full figures for centre 1 (so that with full evaluator scores it reaches 100), middling ones for centre 2. */
const FULL = {
  'services.records': 600,
  'services.consultations': 200,
  'services.categories': 12,
  'services.enterprises': 80,
  'services.responseHours': 4,
  'services.completionDays': 3,
  'feedback.ratingRate': 96,
  'feedback.goodRate': 99,
  'feedback.rectificationOnTimeRate': 100,
  'trade.newlyTrading': 12,
  'trade.servedCny': 50_000,
  'trade.servedGrowthPct': 15,
  'activities.events': 14,
  'activities.participants': 700,
  'activities.fairEnterprises': 25,
};

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.deps.db;
  // The fixture evaluator (evaluator.1) belongs to agency 1; evaluator.2 to another agency.
  ids.agency1 = (await makeEvaluationAgency(db, { name: '湖北甲评估咨询有限公司' })).id;
  expect(ids.agency1).toBe(1);
  ids.agency2 = (await makeEvaluationAgency(db, { name: '武汉乙绩效评价事务所' })).id;
  await makeUser(t.deps, {
    username: 'evaluator.2',
    role: 'evaluator',
    password: TEST_PASSWORD,
    evaluatorId: ids.agency2,
  });
  ids.centre1 = (await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' })).id;
  ids.centre2 = (await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved' })).id;
  ids.centre3 = (await makeCentre(t.deps, { park: t.world.parks.xiangyangHighTech, target: 'approved' })).id;
  ids.cycle = (await makeCycle(db, { year: 2025 })).id;
  ids.s1 = (
    await makeSubmission(db, { cycleId: ids.cycle, centreId: ids.centre1, status: 'passed', metrics: FULL })
  ).id;
  ids.s2 = (
    await makeSubmission(db, {
      cycleId: ids.cycle,
      centreId: ids.centre2,
      status: 'passed',
      metrics: { 'services.records': 250, 'trade.servedCny': 10_000 },
    })
  ).id;
  // Centre 3 never passed the city's pre-review: not assessed.
  ids.s3 = (await makeSubmission(db, { cycleId: ids.cycle, centreId: ids.centre3, status: 'submitted' })).id;
  for (const u of [
    'province',
    'evaluator.1',
    'evaluator.2',
    'operator.1',
    'city.420500',
    'city.420600',
    'county.420502',
  ])
    cookies[u] = await loginAs(t.app, u);
});
afterAll(async () => t?.close());

const call = (user: string, opts: InjectOptions) => as(t.app, cookies[user] ?? '', opts);
const get = (user: string, url: string) => call(user, { method: 'GET', url });
const post = (user: string, url: string, payload?: object) =>
  call(user, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
const query = async <T>(q: SQL) => rowsOf<T>(await t.deps.db.execute(q));

/** Everything the evaluation writes, and the audit chain's head. */
async function snapshot() {
  return {
    agencies: await query(sql`select * from evaluation_agencies order by id`),
    cycles: await query(sql`select * from assessment_cycles order by id`),
    submissions: await query(sql`select * from assessment_submissions order by id`),
    events: await query(sql`select * from assessment_submission_events order by id`),
    scores: await query(sql`select * from assessment_scores order by submission_id, indicator_key`),
    inspections: await query(sql`select * from assessment_inspections order by id`),
    results: await query(sql`select * from assessment_results order by centre_id`),
    files: await query(sql`select * from attachments where assessment_inspection_id is not null order by id`),
    messages: await query(sql`select * from messages order by id`),
    audit: await query(sql`select count(*)::int as n, max(id) as last from audit_entries`),
  };
}

/** Runs a refused request and checks that it changed nothing. */
async function refused(send: () => Promise<{ statusCode: number; json(): unknown }>, status: number) {
  const before = await snapshot();
  const res = await send();
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(await snapshot()).toEqual(before);
  return res.json() as { code: string; message: string; details: Record<string, unknown> };
}

async function auditActions(objectType: string, objectId: number): Promise<string[]> {
  const rows = await query<{ action: string }>(
    sql`select action from audit_entries where object_type = ${objectType} and object_id = ${String(objectId)} order by id`,
  );
  return rows.map((r) => r.action);
}

const SCORES = (onsite: number, quality: number) => ({
  scores: [
    { indicatorKey: 'services.onsite', score: onsite, remark: '服务场所规范，台账齐全。' },
    { indicatorKey: 'activities.quality', score: quality, remark: '活动佐证材料完整。' },
  ],
});

describe('agencies (Art. 12(二)(3))', () => {
  it('the province registers an agency and lists it; the same name again is refused', async () => {
    const res = await post('province', '/api/assessment/agencies', {
      name: '中南财经评估研究院',
      creditCode: '91420100MA4K000001',
      contact: '王老师 027-87000000',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await auditActions('evaluation_agency', res.json().id)).toEqual(['assessment.agency.created']);
    const list = await get('province', '/api/assessment/agencies');
    const listed = list.json().items as Array<{ name: string; evaluatorCount: number }>;
    expect(listed.map((a) => a.name)).toContain('中南财经评估研究院');
    // Each agency counts its own evaluator accounts: the new one none yet, agency 2 its evaluator.2.
    expect(listed.find((a) => a.name === '中南财经评估研究院')?.evaluatorCount).toBe(0);
    expect(listed.find((a) => a.name === '武汉乙绩效评价事务所')?.evaluatorCount).toBe(1);
    const e = await refused(() => post('province', '/api/assessment/agencies', { name: '中南财经评估研究院' }), 409);
    expect(e.code).toBe('ASSESSMENT_AGENCY_EXISTS');
  });

  it('an evaluator or a city may not register one', async () => {
    await refused(() => post('evaluator.1', '/api/assessment/agencies', { name: '某机构' }), 403);
    await refused(() => post('city.420500', '/api/assessment/agencies', { name: '某机构' }), 403);
  });
});

describe('assignment, inspection and scoring', () => {
  it('nothing is visible to an evaluator before assignment', async () => {
    await refused(() => get('evaluator.1', `/api/assessment/submissions/${ids.s1}/evaluation`), 404);
    const list = await get('evaluator.1', '/api/assessment/evaluations');
    expect(list.json()).toEqual({ items: [], total: 0 });
  });

  it('a submission that did not pass pre-review cannot be assigned, and then nothing is assigned', async () => {
    const e = await refused(
      () =>
        post('province', `/api/assessment/cycles/${ids.cycle}/assignments`, {
          agencyId: ids.agency1,
          submissionIds: [ids.s1, ids.s3],
        }),
      409,
    );
    expect(e.code).toBe('ASSESSMENT_NOT_IN_EVALUATION');
    expect(e.message).toContain('待初审');
  });

  it('the province assigns both passed submissions to agency 2, then moves one to agency 1 before scoring', async () => {
    const res = await post('province', `/api/assessment/cycles/${ids.cycle}/assignments`, {
      agencyId: ids.agency2,
      submissionIds: [ids.s1, ids.s2],
    });
    expect(res.statusCode, res.body).toBe(200);
    const again = await post('province', `/api/assessment/cycles/${ids.cycle}/assignments`, {
      agencyId: ids.agency1,
      submissionIds: [ids.s1],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await auditActions('assessment_submission', ids.s1)).toEqual([
      'assessment.submission.assigned',
      'assessment.submission.assigned',
    ]);
    // Each agency's evaluators were told, with the deadline.
    const [m] = await query<{ params: { dueOn: string; count: number } }>(
      sql`select m.params from messages m join users u on u.id = m.user_id
          where u.username = 'evaluator.1' and m.kind = 'assessment.assigned'`,
    );
    expect(m?.params).toMatchObject({ dueOn: '2026-03-31', count: 1 });
  });

  it('an evaluator of another agency is told the submission does not exist', async () => {
    await refused(() => get('evaluator.2', `/api/assessment/submissions/${ids.s1}/evaluation`), 404);
    await refused(() => post('evaluator.2', `/api/assessment/submissions/${ids.s1}/scores`, SCORES(4, 3)), 404);
    await refused(
      () =>
        post('evaluator.2', `/api/assessment/submissions/${ids.s1}/inspections`, {
          inspectedOn: '2026-11-20',
          peopleMet: '中心负责人',
          findings: '—',
        }),
      404,
    );
  });

  it('the evaluator lists its assignment with the deadline and sees the computed points', async () => {
    const list = await get('evaluator.1', '/api/assessment/evaluations');
    const items = list.json().items as TEvaluationItem[];
    expect(items.map((i) => i.submissionId)).toEqual([ids.s1]);
    expect(items[0]?.cycle.evaluationDue).toBe('2026-03-31');
    // Its home carries the cycle's deadlines and what its agency has to score (one), not the other agency's.
    const home = (await get('evaluator.1', '/api/dashboard')).json().assessment;
    expect(home).toMatchObject({ evaluationDue: '2026-03-31', awaitingScore: 1, notSubmitted: 0 });
    expect((await get('evaluator.2', '/api/dashboard')).json().assessment.awaitingScore).toBe(1);
    const ev = (await get('evaluator.1', `/api/assessment/submissions/${ids.s1}/evaluation`)).json() as TEvaluation;
    expect(ev.breakdownVisible).toBe(true);
    expect(ev.can).toMatchObject({ inspect: true, score: true, confirm: false });
    // Every computed indicator at full marks (93 points); the two the agency scores are still open.
    expect(ev.computedTotal).toBe(93);
    expect(ev.complete).toBe(false);
    expect(ev.indicators.filter((i) => i.points === null).map((i) => i.key)).toEqual([
      'services.onsite',
      'activities.quality',
    ]);
  });

  it('the evaluator records an on-site inspection with a photo', async () => {
    const res = await post('evaluator.1', `/api/assessment/submissions/${ids.s1}/inspections`, {
      inspectedOn: '2026-11-20',
      peopleMet: '中心主任张某、业务人员2名',
      findings: '服务场所与备案一致，服务台账完整。',
    });
    expect(res.statusCode, res.body).toBe(201);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const up = await call('evaluator.1', {
      method: 'POST',
      url: `/api/assessment/submissions/${ids.s1}/inspections/${res.json().id}/attachments`,
      payload: png,
      headers: { 'content-type': 'image/png', 'x-file-name': 'site.png' },
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(await auditActions('assessment_inspection', res.json().id)).toEqual([
      'assessment.inspection.recorded',
      'assessment.attachment.uploaded',
    ]);
    const ev = (await get('evaluator.1', `/api/assessment/submissions/${ids.s1}/evaluation`)).json() as TEvaluation;
    expect(ev.inspections[0]?.photos.map((p) => p.fileName)).toEqual(['site.png']);
  });

  it('an inspection day in the future is refused naming the field', async () => {
    const e = await refused(
      () =>
        post('evaluator.1', `/api/assessment/submissions/${ids.s1}/inspections`, {
          inspectedOn: '2026-12-01',
          peopleMet: '中心主任',
          findings: '—',
        }),
      400,
    );
    expect(e.details.field).toBe('inspectedOn');
  });

  it('a score above the weight is refused naming the field', async () => {
    const e = await refused(
      () => post('evaluator.1', `/api/assessment/submissions/${ids.s1}/scores`, SCORES(4.5, 3)),
      400,
    );
    expect(e.details.field).toBe('scores.0.score');
    expect(e.message).toContain('0–4');
  });

  it('a negative score or an empty remark is refused by the schema', async () => {
    await refused(() => post('evaluator.1', `/api/assessment/submissions/${ids.s1}/scores`, SCORES(-1, 3)), 400);
    const noRemark = { scores: [{ indicatorKey: 'services.onsite', score: 3, remark: ' ' }] };
    await refused(() => post('evaluator.1', `/api/assessment/submissions/${ids.s1}/scores`, noRemark), 400);
  });

  it('finishing without every indicator the agency scores is refused, naming what is missing', async () => {
    const one = { scores: [{ indicatorKey: 'services.onsite', score: 4, remark: '规范。' }] };
    const e = await refused(() => post('evaluator.1', `/api/assessment/submissions/${ids.s1}/scores`, one), 409);
    expect(e.code).toBe('ASSESSMENT_SCORING_INCOMPLETE');
    expect(e.message).toContain('活动成效');
  });

  it('the province cannot score, and an evaluator cannot confirm', async () => {
    await refused(() => post('province', `/api/assessment/submissions/${ids.s1}/scores`, SCORES(4, 3)), 403);
    await refused(() => post('evaluator.1', `/api/assessment/submissions/${ids.s1}/confirm`), 403);
  });

  it('the evaluator finishes: total and grade are computed and stored (89.99 is 良好)', async () => {
    const res = await post('evaluator.1', `/api/assessment/submissions/${ids.s1}/scores`, SCORES(4, 2.99));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ total: 99.99, grade: 'excellent' });
    const [row] = await query<{ status: string; total: string; grade: string }>(
      sql`select status, total, grade from assessment_submissions where id = ${ids.s1}`,
    );
    expect(row).toEqual({ status: 'scored', total: '99.99', grade: 'excellent' });
  });

  it('a scored submission is not reassigned and not scored again until sent back', async () => {
    await refused(
      () =>
        post('province', `/api/assessment/cycles/${ids.cycle}/assignments`, {
          agencyId: ids.agency2,
          submissionIds: [ids.s1],
        }),
      409,
    );
    await refused(() => post('evaluator.1', `/api/assessment/submissions/${ids.s1}/scores`, SCORES(4, 3)), 409);
  });

  it('operators and cities see no breakdown before publication', async () => {
    const ev = (await get('operator.1', `/api/assessment/submissions/${ids.s1}/evaluation`)).json() as TEvaluation;
    expect(ev).toMatchObject({ breakdownVisible: false, indicators: [], total: null, grade: null });
    await refused(() => get('city.420600', `/api/assessment/submissions/${ids.s1}/evaluation`), 404);
  });
});

describe('review and publication (Art. 12(三))', () => {
  it('send back needs a reason', async () => {
    await refused(() => post('province', `/api/assessment/submissions/${ids.s1}/send-back`, { reason: '' }), 400);
  });

  it('the province sends the score back; the evaluator is told and rescores', async () => {
    const res = await post('province', `/api/assessment/submissions/${ids.s1}/send-back`, {
      reason: '活动成效评分缺少签到表依据，请复核。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [m] = await query<{ params: { reason: string } }>(
      sql`select m.params from messages m join users u on u.id = m.user_id
          where u.username = 'evaluator.1' and m.kind = 'assessment.sentBack'`,
    );
    expect(m?.params.reason).toContain('签到表');
    const again = await post('evaluator.1', `/api/assessment/submissions/${ids.s1}/scores`, SCORES(4, 3));
    expect(again.json()).toEqual({ total: 100, grade: 'excellent' });
    const events = await query<{ action: string }>(
      sql`select action from assessment_submission_events where submission_id = ${ids.s1} order by id`,
    );
    expect(events.map((e) => e.action)).toEqual(['assign', 'assign', 'inspect', 'score', 'sendBack', 'rescore']);
  });

  it('the province confirms', async () => {
    const res = await post('province', `/api/assessment/submissions/${ids.s1}/confirm`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await auditActions('assessment_submission', ids.s1)).toEqual([
      'assessment.submission.assigned',
      'assessment.submission.assigned',
      'assessment.submission.scored',
      'assessment.submission.sentBack',
      'assessment.submission.scored',
      'assessment.submission.confirmed',
    ]);
  });

  it('publication is refused while a submission is still being evaluated, naming the centre', async () => {
    const e = await refused(() => post('province', `/api/assessment/cycles/${ids.cycle}/publish`), 409);
    expect(e.code).toBe('ASSESSMENT_CYCLE_PENDING');
    const [c2] = await query<{ name: string }>(sql`select name from centres where id = ${ids.centre2}`);
    expect(e.message).toContain(c2?.name);
  });

  it('once every assessed submission is confirmed the province publishes: results, statuses, messages', async () => {
    // Agency 2's evaluator scores centre 2 (no full figures: 较差), the province confirms.
    const scored = await post('evaluator.2', `/api/assessment/submissions/${ids.s2}/scores`, SCORES(2, 1));
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json().grade).toBe('poor');
    expect((await post('province', `/api/assessment/submissions/${ids.s2}/confirm`)).statusCode).toBe(200);
    const res = await post('province', `/api/assessment/cycles/${ids.cycle}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2025, published: 2 });
    expect(res.json().notAssessed.map((n: { centreId: number }) => n.centreId)).toEqual([ids.centre3]);
    const results = await query<{
      centre_id: number;
      year: number;
      total: string;
      grade: string;
      policy_version: number;
    }>(sql`select centre_id, year, total, grade, policy_version from assessment_results order by centre_id`);
    expect(results).toEqual([
      { centre_id: ids.centre1, year: 2025, total: '100.00', grade: 'excellent', policy_version: 1 },
      { centre_id: ids.centre2, year: 2025, total: scored.json().total.toFixed(2), grade: 'poor', policy_version: 1 },
    ]);
    const statuses = await query<{ status: string }>(sql`select status from assessment_submissions order by id`);
    expect(statuses.map((s) => s.status)).toEqual(['published', 'published', 'submitted']);
    expect(await auditActions('assessment_cycle', ids.cycle)).toEqual(['assessment.cycle.published']);
    // The operator of centre 1, the 宜昌 city and the 西陵区 county are told.
    const told = await query<{ username: string }>(
      sql`select distinct u.username from messages m join users u on u.id = m.user_id
          where m.kind = 'assessment.published' order by u.username`,
    );
    expect(told.map((u) => u.username)).toEqual(expect.arrayContaining(['city.420500', 'county.420502', 'operator.1']));
  });

  it('after publication the operator sees its breakdown, and nothing can change any more', async () => {
    const ev = (await get('operator.1', `/api/assessment/submissions/${ids.s1}/evaluation`)).json() as TEvaluation;
    expect(ev).toMatchObject({ breakdownVisible: true, total: 100, grade: 'excellent', status: 'published' });
    const e = await refused(() => post('province', `/api/assessment/cycles/${ids.cycle}/publish`), 409);
    expect(e.code).toBe('ASSESSMENT_CYCLE_PUBLISHED');
    await refused(
      () => post('province', `/api/assessment/submissions/${ids.s1}/send-back`, { reason: '再次复核。' }),
      409,
    );
  });
});
