import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TGrade } from '../src/contracts/assessment';
import type { TConsequence, TTenderPriority } from '../src/contracts/assessment-results';
import type { TCentreDetail, TPublicCentre } from '../src/contracts/centre';
import type { TOperatorDetail } from '../src/contracts/operator';
import type { TPark } from '../src/contracts/park';
import { rowsOf } from '../src/server/db/client';
import { makePublishedResult } from '../src/server/demo/assessment-factory';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { actor, makePark } from '../src/server/demo/factories';
import { makeOperator } from '../src/server/demo/operator-factory';
import { applyResultConsequences } from '../src/server/modules/assessment/consequences';
import { isBarredFromFunds } from '../src/server/modules/assessment/list-consequences';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/**
 * The results of the annual assessment (issue 14, Art. 12(三)): what a published grade sets off — no funds for a
 * 较差 year, the cancellation of the operator's qualification after two 较差 years running (confirmed by the
 * province: engagements end, the centre shows no operator, the county is prompted to procure again), the priority
 * mark after 优秀 through a contract — each once however often publication runs; and where grades show: the result
 * sheet, the year's .xlsx, the overview's distribution and the public directory (grade only), each in its scope.
 * Results are made by the factory as publication writes them; applyResultConsequences is then called as publication
 * calls it.
 */

let t: TestApp;
const USERS = ['province', 'city.420500', 'city.420600', 'county.420502', 'evaluator.1'] as const;
type User = (typeof USERS)[number];
const cookies = {} as Record<User, string>;
let enterpriseCookie: string;

beforeAll(async () => {
  t = await buildTestApp();
  for (const u of USERS) cookies[u] = await loginAs(t.app, u);
  enterpriseCookie = await loginAs(t.app, 'enterprise.91420500MA4F000001');
});
afterAll(async () => t?.close());

const send = (user: User, opts: InjectOptions) => as(t.app, cookies[user], opts);
const get = (user: User, url: string) => send(user, { method: 'GET', url });
const post = (user: User, url: string, payload: unknown) =>
  send(user, { method: 'POST', url, payload: payload as InjectOptions['payload'] });

async function query<T = Record<string, unknown>>(q: SQL): Promise<T[]> {
  return rowsOf<T>(await t.deps.db.execute(q));
}

let parkNo = 0;
/** A park of its own for each centre (one centre per park), in 西陵区 (宜昌) unless another county is given. */
async function newCentre(countyCode = '420502'): Promise<TCentreDetail> {
  parkNo++;
  const park: TPark = await makePark(t.deps, {
    name: `考核测试第${parkNo}经济开发区`,
    kind: 'economic_dev_zone',
    level: 'provincial',
    countyCode,
  });
  return makeCentre(t.deps, { park, target: 'approved', input: { name: `考核测试第${parkNo}外贸综合服务中心` } });
}

let serial = 500;
const newOperator = (): Promise<TOperatorDetail> => makeOperator(t.deps, { serial: ++serial });

/** Publish a year's results as publication does: the rows, then the consequences in one transaction. */
async function publish(
  year: number,
  results: { centre: TCentreDetail; operator: TOperatorDetail | null; grade: TGrade }[],
) {
  const at = new Date(`${year + 1}-04-15T02:00:00Z`);
  for (const r of results) {
    const total = { excellent: '93.50', good: '84.00', fair: '71.25', poor: '52.00' }[r.grade];
    await makePublishedResult(t.deps.db, {
      centreId: r.centre.id,
      year,
      grade: r.grade,
      total,
      operatorId: r.operator?.id ?? null,
      at,
    });
  }
  await runConsequences(year);
}

async function runConsequences(year: number) {
  const [cycle] = await query<{ id: number }>(sql`select id from assessment_cycles where year = ${year}`);
  if (!cycle) throw new Error(`no cycle ${year}`);
  const ctx = actor(t.deps, 'province', {});
  await t.deps.db.transaction((tx) =>
    applyResultConsequences(tx, ctx, { cycleId: cycle.id, year, at: new Date(`${year + 1}-04-15T02:00:00Z`) }),
  );
}

const consequencesOf = (centreId: number) =>
  query<{ id: number; kind: string; year: number; status: string; operator_id: number | null; article: string }>(
    sql`select id, kind, year, status, operator_id, article from assessment_consequences where centre_id = ${centreId} order by year, kind`,
  );

/** Everything a refused confirmation could have written. */
async function everything() {
  return {
    consequences: await query(sql`select * from assessment_consequences order by id`),
    operators: await query(sql`select id, qualification_status, version from operators order by id`),
    engagements: await query(sql`select id, status, ended_on, end_reason, version from engagements order by id`),
    events: await query(sql`select count(*)::int as n from engagement_events`),
    messages: await query(sql`select count(*)::int as n from messages`),
    audit: await query(sql`select count(*)::int as n from audit_entries`),
  };
}

async function refused(call: () => Promise<LightMyRequestResponse>, status: number, code: string) {
  const before = await everything();
  const res = await call();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code, res.body).toBe(code);
  expect(await everything()).toEqual(before);
}

// Scenarios, published once for the file: years are shared by every centre, as in life.
let poorOnce: { centre: TCentreDetail; operator: TOperatorDetail };
let twicePoor: { centre: TCentreDetail; operator: TOperatorDetail };
let brokenRun: { centre: TCentreDetail; operator: TOperatorDetail };
let changed: { centre: TCentreDetail; first: TOperatorDetail; second: TOperatorDetail };
let excellentThrough: { centre: TCentreDetail; operator: TOperatorDetail };
let notThrough: { centre: TCentreDetail; operator: TOperatorDetail };
let xiangyang: { centre: TCentreDetail; operator: TOperatorDetail };

/**
 * An engagement filed in February 2026 — its 3-year period runs from January 2026 to January 2029, so the assessment
 * years 2026, 2027 and 2028 fall in it — through the real workflow (policy version 1 is in force from 2026).
 */
async function engagedSince2026(centre: TCentreDetail, operator: TOperatorDetail) {
  // TEST_START is 2026-11-24; the award is 30 days before the steps.
  const daysAgo = Math.round((Date.parse('2026-11-24') - Date.parse('2026-02-14')) / 86_400_000);
  return makeEngagement(t.deps, { centre, operator, target: 'filed', daysAgo });
}

beforeAll(async () => {
  poorOnce = { centre: await newCentre(), operator: await newOperator() };
  twicePoor = { centre: await newCentre(), operator: await newOperator() };
  brokenRun = { centre: await newCentre(), operator: await newOperator() };
  changed = { centre: await newCentre(), first: await newOperator(), second: await newOperator() };
  excellentThrough = { centre: await newCentre(), operator: await newOperator() };
  notThrough = { centre: await newCentre(), operator: await newOperator() };
  xiangyang = { centre: await newCentre('420606'), operator: await newOperator() };
  // The centre whose operator loses its qualification runs now, under a filed engagement.
  await makeEngagement(t.deps, { centre: twicePoor.centre, operator: twicePoor.operator, target: 'filed' });
  await engagedSince2026(excellentThrough.centre, excellentThrough.operator);
  await engagedSince2026(notThrough.centre, notThrough.operator);

  await publish(2024, [{ ...brokenRun, grade: 'poor' }]);
  await publish(2025, [
    { ...twicePoor, grade: 'poor' },
    { ...brokenRun, grade: 'good' },
    { centre: changed.centre, operator: changed.first, grade: 'poor' },
  ]);
  await publish(2026, [
    { ...poorOnce, grade: 'poor' },
    { ...twicePoor, grade: 'poor' },
    { ...brokenRun, grade: 'poor' },
    { centre: changed.centre, operator: changed.second, grade: 'poor' },
    { ...xiangyang, grade: 'good' },
    { ...excellentThrough, grade: 'excellent' },
    { ...notThrough, grade: 'excellent' },
  ]);
  // The contract's later years (published ahead of the test clock: the rule reads years, not today).
  await publish(2027, [
    { ...excellentThrough, grade: 'excellent' },
    { ...notThrough, grade: 'good' },
  ]);
  await publish(2028, [
    { ...excellentThrough, grade: 'excellent' },
    { ...notThrough, grade: 'excellent' },
  ]);
});

describe('consequences of a published grade (Art. 12(三))', () => {
  it('较差 → no funds for that centre, operator and year, with its article; other years are not barred', async () => {
    expect(await consequencesOf(poorOnce.centre.id)).toEqual([
      expect.objectContaining({ kind: 'no_funds', year: 2026, status: 'in_force', operator_id: poorOnce.operator.id }),
    ]);
    const [row] = await consequencesOf(poorOnce.centre.id);
    expect(row?.article).toBe('第十二条（三）(2)');
    expect(await isBarredFromFunds(t.deps.db, { year: 2026, centreId: poorOnce.centre.id })).toMatchObject({
      barred: true,
      article: '第十二条（三）(2)',
    });
    expect(await isBarredFromFunds(t.deps.db, { year: 2026, operatorId: poorOnce.operator.id })).toMatchObject({
      barred: true,
    });
    expect((await isBarredFromFunds(t.deps.db, { year: 2025, centreId: poorOnce.centre.id })).barred).toBe(false);
    // A 良好 centre is not barred.
    expect((await isBarredFromFunds(t.deps.db, { year: 2026, centreId: xiangyang.centre.id })).barred).toBe(false);
  });

  it('较差 in 2025 and 2026 under the same operator → the cancellation is due, and the province is told', async () => {
    const rows = await consequencesOf(twicePoor.centre.id);
    expect(rows.map((r) => `${r.year} ${r.kind} ${r.status}`)).toEqual([
      '2025 no_funds in_force',
      '2026 cancellation_due due',
      '2026 no_funds in_force',
    ]);
    const messages = await query<{ params: Record<string, string> }>(
      sql`select m.params from messages m join users u on u.id = m.user_id
          where u.role = 'province' and m.kind = 'assessment.cancellationDue'`,
    );
    expect(messages.map((m) => m.params.centreName)).toContain(twicePoor.centre.name);
    // Nothing happens to the operator until the province confirms.
    const [op] = await query<{ s: string }>(
      sql`select qualification_status as s from operators where id = ${twicePoor.operator.id}`,
    );
    expect(op?.s).toBe('qualified');
  });

  it('较差 2024, 良好 2025, 较差 2026 → no cancellation: the two 较差 years are not consecutive', async () => {
    const rows = await consequencesOf(brokenRun.centre.id);
    expect(rows.map((r) => `${r.year} ${r.kind}`)).toEqual(['2024 no_funds', '2026 no_funds']);
  });

  it('较差 two years running but under different operators → no cancellation (the successor answers for its own year only)', async () => {
    const rows = await consequencesOf(changed.centre.id);
    expect(rows.map((r) => `${r.year} ${r.kind} ${r.operator_id}`)).toEqual([
      `2025 no_funds ${changed.first.id}`,
      `2026 no_funds ${changed.second.id}`,
    ]);
  });

  it('publication retried → no second row, no second audit entry, no second message', async () => {
    const count = async () => ({
      consequences: await query(sql`select count(*)::int as n from assessment_consequences`),
      audit: await query(
        sql`select count(*)::int as n from audit_entries where action = 'assessment.consequence.recorded'`,
      ),
      messages: await query(sql`select count(*)::int as n from messages where kind = 'assessment.cancellationDue'`),
    });
    const before = await count();
    await runConsequences(2026);
    await runConsequences(2025);
    expect(await count()).toEqual(before);
  });

  it('every consequence is audited with its article', async () => {
    const audited = await query<{ object_id: string; after: { article: string; kind: string } }>(
      sql`select object_id, after from audit_entries where action = 'assessment.consequence.recorded'`,
    );
    const rows = await query<{ id: number; article: string }>(sql`select id, article from assessment_consequences`);
    expect(audited).toHaveLength(rows.length);
    for (const r of rows) {
      expect(audited.find((a) => Number(a.object_id) === r.id)?.after.article).toBe(r.article);
    }
  });
});

describe('the priority mark (Art. 12(三)(3))', () => {
  it('优秀 in 2026, 2027 and 2028 of a contract → a mark the county sees on that operator at the tender', async () => {
    const rows = await consequencesOf(excellentThrough.centre.id);
    expect(rows.map((r) => `${r.year} ${r.kind}`)).toEqual(['2028 tender_priority']);
    expect(rows[0]?.article).toBe('第十二条（三）(3)');
    const res = await get('county.420502', '/api/assessment/tender-priorities');
    expect(res.statusCode, res.body).toBe(200);
    const items: TTenderPriority[] = res.json().items;
    const mark = items.find((i) => i.operatorId === excellentThrough.operator.id);
    expect(mark).toMatchObject({
      centreId: excellentThrough.centre.id,
      years: [2026, 2027, 2028],
      message: { 'zh-CN': '近一轮合同期考核均为优秀，同等条件下优先考虑（第十二条（三））' },
    });
  });

  it('one 良好 year within the contract → no mark', async () => {
    expect(await consequencesOf(notThrough.centre.id)).toEqual([]);
    const items: TTenderPriority[] = (await get('county.420502', '/api/assessment/tender-priorities')).json().items;
    expect(items.map((i) => i.operatorId)).not.toContain(notThrough.operator.id);
  });

  it('only officials who read operators see the marks', async () => {
    const res = await as(t.app, enterpriseCookie, { method: 'GET', url: '/api/assessment/tender-priorities' });
    expect(res.statusCode).toBe(403);
  });
});

describe('grades shown', () => {
  it('the public directory shows the latest grade and its year, never the total or scores', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/centres?pageSize=100' });
    expect(res.statusCode, res.body).toBe(200);
    const items: TPublicCentre[] = res.json().items;
    expect(items.find((c) => c.id === twicePoor.centre.id)?.grade).toEqual({ year: 2026, grade: 'poor' });
    expect(items.find((c) => c.id === excellentThrough.centre.id)?.grade).toEqual({ year: 2028, grade: 'excellent' });
    const one = items.find((c) => c.id === poorOnce.centre.id);
    expect(Object.keys(one?.grade ?? {}).sort()).toEqual(['grade', 'year']);
    expect(res.body).not.toContain('52.00');
    expect(res.body).not.toMatch(/"score/);
  });

  it('the province sees the grade distribution of the latest published year; a city only its own', async () => {
    const province = await get('province', '/api/assessment/results/distribution');
    expect(province.statusCode, province.body).toBe(200);
    expect(province.json()).toMatchObject({
      year: 2028,
      years: [2028, 2027, 2026, 2025, 2024],
      counts: { excellent: 2, good: 0, fair: 0, poor: 0 },
      total: 2,
    });
    const y2026 = (await get('province', '/api/assessment/results/distribution?year=2026')).json();
    expect(y2026).toMatchObject({ counts: { excellent: 2, good: 1, fair: 0, poor: 4 }, total: 7 });
    const xy = (await get('city.420600', '/api/assessment/results/distribution')).json();
    expect(xy).toMatchObject({ year: 2026, years: [2026], counts: { good: 1, poor: 0 }, total: 1 });
  });

  it("a centre's results list every year with grade and total, in scope", async () => {
    const res = await get('county.420502', `/api/assessment/results?centreId=${excellentThrough.centre.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json().items.map((r: { year: number; grade: string; total: string }) => [r.year, r.grade, r.total]),
    ).toEqual([
      [2028, 'excellent', '93.50'],
      [2027, 'excellent', '93.50'],
      [2026, 'excellent', '93.50'],
    ]);
    const other = await get('city.420600', `/api/assessment/results?centreId=${excellentThrough.centre.id}`);
    expect(other.json().items).toEqual([]);
  });
});

describe('documents and their scope', () => {
  const sheet = (user: User, centreId: number, year: number) =>
    get(user, `/api/assessment/results/${centreId}/${year}/print`);

  it('the result sheet: indicators, total, grade, agency and dates, as a print page', async () => {
    const res = await sheet('city.420500', twicePoor.centre.id, 2026);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain(twicePoor.centre.name);
    expect(res.body).toContain(twicePoor.operator.name);
    expect(res.body).toContain('2026年度考核评估结果单');
    expect(res.body).toContain('52.00');
    expect(res.body).toContain('较差');
    expect(res.body).toContain('服务记录数量');
    expect(res.body).toContain('实地考察：服务窗口运行正常');
    expect(res.body).toContain('2027年4月15日');
    // The points are the scoring engine's under the frozen system: the evaluator's 2 of 4 for the on-site indicator,
    // and 0 for a computed indicator whose figure could not be computed (Art. 12(二)(3); decision 0029 "Scoring").
    expect(res.body).toMatch(
      /服务场所与服务规范（实地考察）<\/td><td class="n">4<\/td><td>[^<]*<\/td><td class="n">2\.00</,
    );
    expect(res.body).toMatch(/服务记录数量<\/td><td class="n">7<\/td><td>[^<]*<\/td><td class="n">0\.00</);
  });

  it('outside the scope the sheet does not exist (other city, evaluator: 404); an enterprise may not ask (403)', async () => {
    expect((await sheet('city.420600', twicePoor.centre.id, 2026)).statusCode).toBe(404);
    expect((await sheet('evaluator.1', twicePoor.centre.id, 2026)).statusCode).toBe(404);
    expect((await sheet('city.420500', twicePoor.centre.id, 2019)).statusCode).toBe(404);
    const ent = await as(t.app, enterpriseCookie, {
      method: 'GET',
      url: `/api/assessment/results/${twicePoor.centre.id}/2026/print`,
    });
    expect(ent.statusCode).toBe(403);
  });

  async function workbook(user: User, qs: string) {
    const res = await get(user, `/api/assessment/results?format=xlsx&${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const rows: (string | number)[][] = [];
    ws.eachRow((row) => rows.push((row.values as (string | number)[]).slice(1)));
    return { rows, ws };
  }

  it("the year's .xlsx: the province gets every centre, a city only its own", async () => {
    const all = await workbook('province', 'year=2026');
    expect(all.rows[0]).toEqual(['年度', '市州', '县市区', '外综服中心', '承办企业', '总分', '等次', '公布日期']);
    expect(all.rows).toHaveLength(1 + 7);
    const twice = all.rows.find((r) => r[3] === twicePoor.centre.name);
    expect(twice?.[5]).toBe(52);
    expect(twice?.[6]).toBe('较差');
    const xy = await workbook('city.420600', 'year=2026');
    expect(xy.rows.slice(1).map((r) => r[3])).toEqual([xiangyang.centre.name]);
    let formulas = 0;
    all.ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.type === ExcelJS.ValueType.Formula) formulas++;
      }),
    );
    expect(formulas).toBe(0);
  });
});

describe('confirming the cancellation (Art. 12(三)(2))', () => {
  const due = async (): Promise<TConsequence> => {
    const res = await get(
      'province',
      `/api/assessment/consequences?centreId=${twicePoor.centre.id}&kind=cancellation_due`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const [item] = res.json().items as TConsequence[];
    if (!item) throw new Error('no cancellation due');
    return item;
  };
  const confirm = (user: User, id: number, body: unknown) =>
    post(user, `/api/assessment/consequences/${id}/confirm-cancellation`, body);

  it('is refused to a city (403), to a stale version (409) and without a reason (400); nothing changes', async () => {
    const c = await due();
    await refused(
      () => confirm('city.420500', c.id, { version: c.version, comment: '连续两年较差。' }),
      403,
      'FORBIDDEN',
    );
    await refused(
      () => confirm('province', c.id, { version: c.version + 1, comment: '连续两年较差。' }),
      409,
      'VERSION_CONFLICT',
    );
    await refused(() => confirm('province', c.id, { version: c.version }), 400, 'VALIDATION_FAILED');
    // A no_funds row is not a cancellation to confirm.
    const [noFunds] = (await consequencesOf(poorOnce.centre.id)).filter((r) => r.kind === 'no_funds');
    if (!noFunds) throw new Error('no no_funds');
    await refused(
      () => confirm('province', noFunds.id, { version: 1, comment: '误操作测试。' }),
      409,
      'INVALID_TRANSITION',
    );
  });

  it('cancels the qualification, ends the engagements, leaves the centre without operator and prompts the county', async () => {
    const c = await due();
    const res = await confirm('province', c.id, {
      version: c.version,
      comment: '经核实，2025、2026年度考核均为较差。',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', confirmComment: '经核实，2025、2026年度考核均为较差。' });

    const op = await get('province', `/api/operators/${twicePoor.operator.id}`);
    expect(op.json().qualificationStatus).toBe('disqualified');
    const engagements = await query<{ status: string; end_reason: string; ended_on: string }>(
      sql`select status, end_reason, ended_on from engagements where operator_id = ${twicePoor.operator.id}`,
    );
    expect(engagements).toEqual([{ status: 'ended', end_reason: 'qualification_cancelled', ended_on: '2026-11-24' }]);
    const centre = await get('county.420502', `/api/centres/${twicePoor.centre.id}`);
    expect(centre.json().operatorName).toBeNull();
    const pub: TPublicCentre[] = (await t.app.inject({ method: 'GET', url: '/api/public/centres?pageSize=100' })).json()
      .items;
    expect(pub.find((x) => x.id === twicePoor.centre.id)?.operatorName).toBeNull();

    // The county's re-procurement prompt (Art. 10(三)) names this reason.
    const list = await get('county.420502', `/api/engagements?centreId=${twicePoor.centre.id}`);
    const [ended] = list.json().items;
    const detail = await get('county.420502', `/api/engagements/${ended.id}`);
    expect(detail.json().reprocurement).toMatchObject({ reason: 'qualification_cancelled' });
    const home = await get('county.420502', '/api/dashboard');
    const figure = home.json().figures.find((f: { key: string }) => f.key === 'reprocurementDue');
    expect(figure.value).toBeGreaterThanOrEqual(1);

    const told = await query<{ role: string; region_code: string | null }>(
      sql`select u.role, u.region_code from messages m join users u on u.id = m.user_id
          where m.kind = 'assessment.qualificationCancelled' order by u.role`,
    );
    expect(told).toEqual(
      expect.arrayContaining([
        { role: 'city', region_code: '420500' },
        { role: 'county', region_code: '420502' },
      ]),
    );
    const audit = await query<{ after: { article: string; endedEngagements: number[] } }>(
      sql`select after from audit_entries where action = 'operator.qualification.cancelled'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after.article).toBe('第十二条（三）(2)');
  });

  it('a second confirmation is refused and changes nothing', async () => {
    const c = await due();
    await refused(
      () => confirm('province', c.id, { version: c.version, comment: '重复确认。' }),
      409,
      'INVALID_TRANSITION',
    );
  });
});
