import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TFraudSignal, TFraudSignalsResponse } from '../src/contracts/assessment-signals';
import { rowsOf } from '../src/server/db/client';
import { activities, activityEnterprises, assessmentSubmissions, enterprises, users } from '../src/server/db/schema';
import { makeCycle, makeEvaluationAgency, makeSubmission } from '../src/server/demo/assessment-factory';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeUser } from '../src/server/demo/factories';
import { makeCreditCode } from '../src/server/demo/identity-factory';
import { type PastService, writeServiceHistory } from '../src/server/demo/service-history';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { SIGNAL_THRESHOLDS } from '../src/server/modules/assessment/signals';
import { noteServed } from '../src/server/modules/figures';
import { beijingDay } from '../src/server/policy/policy';
import { buildTestApp, loginAs, sessionCookieOf, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import { subItemOf } from './helpers/figures-world';
import { declaration, ingestAs, seedRates } from './helpers/trade-data';

/**
 * 考核线索 (issue 14 "Fraud signals", Art. 13(三), 14) through GET /api/assessment/submissions/:id/signals. Centre A is
 * built with each pattern — records entered in bulk in the last days of 2026 and one dated back, a rating sent from
 * the address its operator signed in from, enterprises only it served that never traded, an activity of 300
 * participants with 2 registered enterprises — and centre B, clean, with the near misses. The cycle assesses 2026 with
 * its submission deadline on 2027-01-15; the clock stands at 2026-11-24 (Beijing).
 */

let t: TestApp;
const OPERATOR_ADDRESS = '10.20.30.40';
const sub = { a: 0, b: 0, unassigned: 0 };
const built = {
  windowNumbers: [] as string[],
  backdatedNumber: '',
  ratedNumber: '',
  lonelyNames: [] as string[],
  hugeActivityId: 0,
};

const at = (beijing: string) => new Date(`${beijing}+08:00`);

async function sessionUser(username: string): Promise<SessionUser> {
  const [u] = await t.deps.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    regionCode: u.regionCode,
    parkId: u.parkId,
    centreId: u.centreId,
    enterpriseId: u.enterpriseId,
    evaluatorId: u.evaluatorId,
    locale: 'zh-CN',
    isDemo: false,
    sessionTokenHash: '',
  };
}

let serial = 7000;
async function enterprise(name: string, countyCode: string, cityCode: string) {
  serial++;
  const [row] = await t.deps.db
    .insert(enterprises)
    .values({
      creditCode: makeCreditCode(serial, cityCode),
      name,
      countyCode,
      cityCode,
      contactPerson: '联系人',
      contactPhone: '0717-6000000',
      status: 'approved',
      source: 'import',
    })
    .returning({ id: enterprises.id, creditCode: enterprises.creditCode, name: enterprises.name });
  if (!row) throw new Error('no enterprise');
  return row;
}

type Centre = Awaited<ReturnType<typeof makeCentre>>;
function service(
  centre: Centre,
  operator: SessionUser,
  enterpriseId: number,
  submittedAt: Date,
  enterpriseUser: SessionUser | null = null,
): PastService {
  return {
    centre: { id: centre.id, countyCode: centre.countyCode, cityCode: centre.cityCode, parkId: centre.parkId },
    operator,
    enterprise: { id: enterpriseId, user: enterpriseUser },
    category: 'filing_agency',
    subItem: subItemOf('filing_agency'),
    channel: 'window',
    source: 'staff',
    requestText: '备案咨询',
    assigneeId: null,
    submittedAt,
    acceptedAt: submittedAt,
    progressAt: null,
    progressNote: '',
    completedAt: new Date(submittedAt.getTime() + 3_600_000),
    resultText: '已办结',
    rating: null,
  };
}

async function numberOf(id: number): Promise<string> {
  const [r] = rowsOf<{ number: string }>(
    await t.deps.db.execute(sql`select number from service_records where id = ${id}`),
  );
  return r?.number ?? '';
}

/** Sign in from a given address, as app.inject's remoteAddress sets request.ip (no proxy is trusted in tests). */
async function signInFrom(username: string, address: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
    remoteAddress: address,
  });
  expect(res.statusCode).toBe(200);
  return sessionCookieOf(res);
}

async function rateFrom(cookie: string, recordId: number, address: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/service-records/${recordId}/rating`,
    payload: { level: 'very_satisfied' },
    headers: { cookie },
    remoteAddress: address,
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function signalsAs(username: string, id: number) {
  const cookie = await loginAs(t.app, username);
  return t.app.inject({ method: 'GET', url: `/api/assessment/submissions/${id}/signals`, headers: { cookie } });
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.deps.db;
  const a = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
  const b = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved' });
  const c = await makeCentre(t.deps, { park: t.world.parks.xiangyangHighTech, target: 'approved' });
  expect(a.id).toBe(1); // the fixture operator account runs centre 1
  await makeUser(t.deps, { username: 'operator.b', role: 'operator', password: TEST_PASSWORD, centreId: b.id });
  const agency = await makeEvaluationAgency(db, { name: '湖北某评估咨询有限公司' });
  expect(agency.id).toBe(1); // the fixture evaluator account belongs to agency 1
  const other = await makeEvaluationAgency(db, { name: '另一家评估机构' });
  await makeUser(t.deps, {
    username: 'evaluator.2',
    role: 'evaluator',
    password: TEST_PASSWORD,
    evaluatorId: other.id,
  });

  const opA = await sessionUser('operator.1');
  const opB = await sessionUser('operator.b');
  const entUser = await sessionUser('enterprise.91420500MA4F000001');
  const fixtureEnterpriseId = entUser.enterpriseId ?? 0;

  // Enterprises: six only centre A served that never trade; two that trade; one both centres served; B's own.
  const lonely = [];
  for (let i = 1; i <= 6; i++) lonely.push(await enterprise(`宜昌空壳${i}号贸易有限公司`, '420502', '420500'));
  built.lonelyNames = lonely.map((e) => e.name);
  const trading1 = await enterprise('宜昌真实出口有限公司', '420502', '420500');
  const trading2 = await enterprise('宜昌真实进口有限公司', '420502', '420500');
  const shared = await enterprise('宜昌两地服务有限公司', '420502', '420500');
  const tradingB = await enterprise('枝江出口有限公司', '420583', '420500');

  const history: PastService[] = [];
  // A's ordinary year: 30 records spread over January–November (one every ~11 days).
  const spread = [...lonely, trading1, trading2, shared];
  for (let i = 0; i < 30; i++) {
    const e = spread[i % spread.length];
    if (!e) throw new Error('no enterprise');
    const day = new Date(at('2026-01-05T10:00:00').getTime() + i * 11 * 86_400_000);
    history.push(service(a, opA, e.id, day));
  }
  // 40 records entered in the last 10 days of 2026 (the window: the deadline falls after the year).
  const windowStart = history.length;
  for (let i = 0; i < 40; i++)
    history.push(service(a, opA, (i % 2 ? trading1 : trading2).id, at(`2026-12-${23 + (i % 9)}T09:${10 + i}:00`)));
  // The record the fixture enterprise will rate, completed before the clock.
  const ratedIndex = history.length;
  history.push(service(a, opA, fixtureEnterpriseId, at('2026-11-20T10:00:00'), entUser));
  // One record entered in January 2027 and then dated back into September 2026.
  const backIndex = history.length;
  history.push(service(a, opA, trading1.id, at('2027-01-08T15:00:00')));
  // B: 12 records over the year, two of them in its last days (no bulk), for enterprises that trade or are shared.
  for (let i = 0; i < 12; i++)
    history.push(
      service(b, opB, (i % 2 ? shared : tradingB).id, at(`2026-${String(i + 1).padStart(2, '0')}-28T10:00:00`)),
    );
  const bRated = history.length;
  history.push(service(b, opB, fixtureEnterpriseId, at('2026-11-21T10:00:00'), entUser));
  const ids = await writeServiceHistory(t.deps, history);
  // writeServiceHistory returns ids in date order; find ours by their dates.
  const sorted = [...history.keys()].sort(
    (x, y) => (history[x]?.submittedAt.getTime() ?? 0) - (history[y]?.submittedAt.getTime() ?? 0),
  );
  const idOf = (index: number) => ids[sorted.indexOf(index)] ?? 0;
  for (let i = windowStart; i < windowStart + 40; i++) built.windowNumbers.push(await numberOf(idOf(i)));
  built.ratedNumber = await numberOf(idOf(ratedIndex));
  const backId = idOf(backIndex);
  built.backdatedNumber = await numberOf(backId);
  await db.execute(sql`update service_records set submitted_at = ${at('2026-09-01T10:00:00').toISOString()}::timestamptz
    where id = ${backId}`);
  // The centres have served these enterprises (the figures layer's record of it).
  for (const s of history)
    await noteServed(db, {
      enterpriseId: s.enterprise.id,
      centreId: s.centre.id,
      submittedAt: s.submittedAt,
      day: beijingDay(s.submittedAt),
    });

  // Trade: the trading enterprises and the fixture one declared; the six and the shared one never did.
  const province = await sessionUser('province');
  await seedRates(t.deps, t.clock.now);
  const fixtureCode = rowsOf<{ credit_code: string }>(
    await db.execute(sql`select credit_code from enterprises where id = ${fixtureEnterpriseId}`),
  )[0]?.credit_code;
  const decls = [trading1.creditCode, trading2.creditCode, tradingB.creditCode, fixtureCode ?? ''].map((code) =>
    declaration(code, '2026-06-15'),
  );
  expect((await ingestAs(t.deps, province, t.clock.now, decls)).status).toBe('succeeded');

  // Ratings: A's operator signs in from the office; the fixture enterprise's rating of A's record comes from there.
  await signInFrom('operator.1', OPERATOR_ADDRESS);
  await signInFrom('operator.b', '10.20.30.41');
  const entCookie = await signInFrom('enterprise.91420500MA4F000001', '172.16.5.5');
  await rateFrom(entCookie, idOf(ratedIndex), OPERATOR_ADDRESS);
  await rateFrom(entCookie, idOf(bRated), '172.16.5.5');

  // Activities: A's lecture of 300 with 2 registrations and a normal one; B's at the boundary (60 = 1 × 10 + 50).
  const activity = async (centre: Centre, title: string, participants: number, registered: number[]) => {
    const [row] = await db
      .insert(activities)
      .values({
        centreId: centre.id,
        countyCode: centre.countyCode,
        cityCode: centre.cityCode,
        parkId: centre.parkId,
        kind: 'training',
        subKind: 'lecture',
        title,
        startOn: '2026-05-10',
        endOn: '2026-05-10',
        place: '中心培训室',
        participantCount: participants,
      })
      .returning({ id: activities.id });
    if (!row) throw new Error('no activity');
    if (registered.length)
      await db
        .insert(activityEnterprises)
        .values(registered.map((enterpriseId) => ({ activityId: row.id, centreId: centre.id, enterpriseId })));
    return row.id;
  };
  built.hugeActivityId = await activity(a, '外贸政策大讲堂', 300, [trading1.id, trading2.id]);
  await activity(
    a,
    '出口退税实务培训',
    40,
    spread.slice(0, 5).map((e) => e.id),
  );
  await activity(b, '跨境电商沙龙', 60, [tradingB.id]);

  const cycle = await makeCycle(db, { year: 2026, submissionDue: '2027-01-15' });
  sub.a = (await makeSubmission(db, { cycleId: cycle.id, centreId: a.id, agencyId: agency.id })).id;
  sub.b = (await makeSubmission(db, { cycleId: cycle.id, centreId: b.id, agencyId: agency.id })).id;
  sub.unassigned = (await makeSubmission(db, { cycleId: cycle.id, centreId: c.id, status: 'passed' })).id;
});
afterAll(async () => t?.close());

const kindOf = (body: TFraudSignalsResponse, kind: TFraudSignal['kind']) => body.signals.find((s) => s.kind === kind);

describe('assessment fraud signals (issue 14; Art. 13(三), 14)', () => {
  it('shows centre A each pattern with the records behind it, and changes nothing about the submission', async () => {
    const before = rowsOf(await t.deps.db.execute(sql`select * from assessment_submissions order by id`));
    const res = await signalsAs('evaluator.1', sub.a);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<TFraudSignalsResponse>();
    expect(body).toMatchObject({ submissionId: sub.a, centreId: 1, year: 2026, submissionDue: '2027-01-15' });
    expect(body.signals.map((s) => s.kind).sort()).toEqual([
      'bulk_before_deadline',
      'never_trading_single_centre',
      'participants_over_registrations',
      'self_rating',
    ]);

    const bulk = kindOf(body, 'bulk_before_deadline');
    // The 40 of the window and the one dated back; the one dated back comes first, marked as such.
    expect(bulk?.evidence.total).toBe(41);
    expect(bulk?.evidence.rows).toHaveLength(20);
    expect(bulk?.evidence.rows[0]?.cells.number).toBe(built.backdatedNumber);
    expect(bulk?.evidence.rows[0]?.cells.why).toEqual({ 'zh-CN': '补录倒签', en: 'Dated back' });
    for (const r of bulk?.evidence.rows.slice(1) ?? []) expect(built.windowNumbers).toContain(r.cells.number);
    expect(bulk?.explanation['zh-CN']).toContain('集中录入40件');
    expect(bulk?.explanation['zh-CN']).toContain('另有1件');
    expect(bulk?.link).toBe('/services?centreId=1&from=2026-12-22&to=2026-12-31');

    const self = kindOf(body, 'self_rating');
    expect(self?.evidence.total).toBe(1);
    expect(self?.evidence.rows[0]?.cells).toMatchObject({ number: built.ratedNumber, ip: OPERATOR_ADDRESS });
    expect(String(self?.evidence.rows[0]?.cells.accounts)).not.toBe('');
    expect(self?.explanation['zh-CN']).toContain('收到企业评价1条，其中1条');

    const lonely = kindOf(body, 'never_trading_single_centre');
    expect(lonely?.evidence.total).toBe(6);
    expect(lonely?.evidence.rows.map((r) => r.cells.name).sort()).toEqual([...built.lonelyNames].sort());
    // Served by A: the six, two traders, the shared one, the fixture enterprise → 6 of 10.
    expect(lonely?.explanation['zh-CN']).toContain('服务过10家企业，其中6家（60%）');

    const crowd = kindOf(body, 'participants_over_registrations');
    expect(crowd?.evidence.total).toBe(1);
    expect(crowd?.evidence.rows[0]).toMatchObject({
      link: `/activities/${built.hugeActivityId}`,
      cells: { title: '外贸政策大讲堂', participants: 300, registrations: 2 },
    });

    // The thresholds are shown with the answer; the submission is exactly as it was (no score, grade or status).
    expect(body.thresholds.find((x) => x.key === 'bulkRatio')?.value).toBe(SIGNAL_THRESHOLDS.bulkRatio);
    expect(rowsOf(await t.deps.db.execute(sql`select * from assessment_submissions order by id`))).toEqual(before);
  });

  it('finds nothing for the clean centre B, its near misses included', async () => {
    const res = await signalsAs('province', sub.b);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TFraudSignalsResponse>().signals).toEqual([]);
  });

  it('answers only the province and the evaluator of the assigned agency', async () => {
    expect((await signalsAs('province', sub.a)).statusCode).toBe(200);
    // Another agency's evaluator, and any evaluator before assignment: as if the submission did not exist.
    expect((await signalsAs('evaluator.2', sub.a)).statusCode).toBe(404);
    expect((await signalsAs('evaluator.1', sub.unassigned)).statusCode).toBe(404);
    // The judged and the city never see the signals.
    expect((await signalsAs('operator.1', sub.a)).statusCode).toBe(403);
    expect((await signalsAs('city.420500', sub.a)).statusCode).toBe(403);
    expect((await signalsAs('province', 999_999)).statusCode).toBe(404);
    const bad = await signalsAs('province', 0);
    expect(bad.statusCode).toBe(400);
    const [row] = await t.deps.db.select().from(assessmentSubmissions).where(eq(assessmentSubmissions.id, sub.a));
    expect(row?.status).toBe('assigned');
  });
});
