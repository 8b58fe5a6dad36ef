import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCentreDetail } from '../src/contracts/centre';
import type { TEntitlement } from '../src/contracts/funding';
import type { TComputeEntitlementsResponse, TFundingFiguresAnswer } from '../src/contracts/funding-entitlement';
import type { TOperatorDetail } from '../src/contracts/operator';
import { rowsOf } from '../src/server/db/client';
import { makeCycle, makePublishedResult, makeSubmission } from '../src/server/demo/assessment-factory';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement, makeOperatorChange } from '../src/server/demo/engagement-factory';
import { actor, makePark } from '../src/server/demo/factories';
import { makeOperator } from '../src/server/demo/operator-factory';
import {
  bumpFundingFigures,
  checkFigures,
  readFundingFigures,
  recomputeFundingFigures,
  repairFigures,
} from '../src/server/modules/figures';
import { servedDays } from '../src/server/policy/rules/funding';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/**
 * 资金支持 (issue 15, Art. 11, 12(三), 10(六)): the province computes a year's entitlements — one row per centre and
 * operator, the base by park level, the grade's share, 较差 withheld, split by served days after a change of
 * operator — the funding figures move in the same transaction and equal their recomputation, a second run changes
 * nothing, publication computes the year it publishes, each reader sees its scope only, and cities and counties
 * record their matching funds. The test clock is 24 November 2026.
 */

let t: TestApp;
const USERS = [
  'admin',
  'province',
  'city.420500',
  'city.420600',
  'county.420502',
  'county.420583',
  'operator.1',
  'enterprise.91420500MA4F000001',
  'evaluator.1',
] as const;
type User = (typeof USERS)[number] | 'park';
const cookies = {} as Record<User, string>;

const send = (user: User, opts: InjectOptions) => as(t.app, cookies[user], opts);
const get = (user: User, url: string) => send(user, { method: 'GET', url });
const post = (user: User, url: string, payload?: unknown) =>
  send(user, { method: 'POST', url, payload: payload as InjectOptions['payload'] });
async function query<T = Record<string, unknown>>(q: SQL): Promise<T[]> {
  return rowsOf<T>(await t.deps.db.execute(q));
}

/** Everything a refused call could have written. */
async function everything() {
  return {
    entitlements: await query(sql`select * from funding_entitlements order by id`),
    figures: await query(sql`select * from funding_figures order by centre_id, year`),
    matching: await query(sql`select * from matching_funds order by id`),
    audit: await query(sql`select count(*)::int as n from audit_entries`),
  };
}
async function refused(call: () => Promise<LightMyRequestResponse>, status: number, code?: string) {
  const before = await everything();
  const res = await call();
  expect(res.statusCode, res.body).toBe(status);
  if (code) expect(res.json().code, res.body).toBe(code);
  expect(await everything()).toEqual(before);
  return res.json() as { code: string; message: string; details?: Record<string, unknown> };
}

const NATIONAL = 400_000 * 100;
const PROVINCIAL = 300_000 * 100;

let A: TCentreDetail; // 宜昌高新区 (national, 西陵区): 优秀, its operator changed on 17 November
let B: TCentreDetail; // 枝江 (provincial, 枝江市, 宜昌): 较差
let C: TCentreDetail; // 襄阳高新区 (national): filed today — not a year yet
let D: TCentreDetail; // a provincial park in 西陵区: filed in 2024, its 2025 grade published through the cycle
let outgoing: TOperatorDetail;
let incoming: TOperatorDetail;
let operatorD: TOperatorDetail;
let serial = 900;
const newOperator = () => makeOperator(t.deps, { serial: ++serial });

/** Back-date a centre's engagement (the filing and service start), as if filed before the platform's history. */
async function backdate(engagementId: number, filedOn: string, serviceStart: string) {
  await query(
    sql`update engagements set filed_on = ${filedOn}, service_start = ${serviceStart} where id = ${engagementId}`,
  );
}

beforeAll(async () => {
  t = await buildTestApp();
  for (const u of USERS) cookies[u] = await loginAs(t.app, u);
  cookies.park = await loginAs(t.app, `park.${t.world.parks.yichangHighTech.id}`);
  const w = t.world.parks;
  A = await makeCentre(t.deps, { park: w.yichangHighTech, target: 'approved' });
  B = await makeCentre(t.deps, { park: w.zhijiang, target: 'approved' });
  C = await makeCentre(t.deps, { park: w.xiangyangHighTech, target: 'approved' });
  const parkD = await makePark(t.deps, {
    name: '西陵经济开发区',
    kind: 'economic_dev_zone',
    level: 'provincial',
    countyCode: '420502',
  });
  D = await makeCentre(t.deps, { park: parkD, target: 'approved' });
  expect(A.id).toBe(1); // operator.1 runs centre 1
  outgoing = await newOperator();
  incoming = await newOperator();
  operatorD = await newOperator();
  const eA = await makeEngagement(t.deps, { centre: A, operator: outgoing, target: 'filed' });
  await backdate(eA.id, '2025-03-01', '2025-02-15');
  const [fresh] = await query<{ version: number }>(sql`select version from engagements where id = ${eA.id}`);
  // Art. 10(六): the county records the outgoing operator's service up to 17 November; the incoming one from the 18th.
  await makeOperatorChange(t.deps, {
    engagement: { ...eA, serviceStart: '2025-02-15', version: fresh?.version ?? eA.version },
    target: 'approved',
    changedDaysAgo: 7,
  });
  await makeEngagement(t.deps, { centre: A, operator: incoming, target: 'signed', awardedDaysAgo: 6 });
  const eB = await makeEngagement(t.deps, { centre: B, operator: await newOperator(), target: 'filed' });
  await backdate(eB.id, '2025-05-20', '2025-05-01');
  await makeEngagement(t.deps, { centre: C, operator: await newOperator(), target: 'filed' });
  const eD = await makeEngagement(t.deps, { centre: D, operator: operatorD, target: 'filed' });
  await backdate(eD.id, '2024-01-10', '2024-01-01');
  for (const [centre, grade, operatorId] of [
    [A, 'excellent', incoming.id],
    [B, 'poor', null],
    [C, 'good', null],
  ] as const) {
    await makePublishedResult(t.deps.db, { centreId: centre.id, year: 2026, grade, total: '80.00', operatorId });
  }
});
afterAll(async () => t?.close());

const entitlementsOf = (centreId: number, year = 2026) =>
  query<{ id: number; operator_id: number; status: string; amount_fen: string; withheld_fen: string; version: number }>(
    sql`select id, operator_id, status, amount_fen, withheld_fen, version from funding_entitlements
        where centre_id = ${centreId} and year = ${year} order by operator_id`,
  );

async function expectFiguresRight() {
  const stored = (await readFundingFigures(t.deps.db)).filter(
    (r) => r.dueFen || r.paidFen || r.withheldFen || r.toRecoverFen || r.recoveredFen,
  );
  const byKey = (a: { centreId: number; year: number }, b: { centreId: number; year: number }) =>
    a.centreId - b.centreId || a.year - b.year;
  expect(stored.sort(byKey)).toEqual((await recomputeFundingFigures(t.deps.db)).sort(byKey));
  const check = await checkFigures(t.deps.db);
  expect(check.differences.filter((d) => d.table === 'funding_figures')).toEqual([]);
}

describe('computing a year (Art. 11, 12(三), 10(六))', () => {
  let first: TComputeEntitlementsResponse;

  it('only the province computes; a year not yet begun is refused naming the field', async () => {
    for (const u of ['city.420500', 'county.420502', 'operator.1', 'admin'] as const)
      await refused(() => post(u, '/api/funding/entitlements/compute', { year: 2026 }), 403, 'FORBIDDEN');
    const e = await refused(() => post('province', '/api/funding/entitlements/compute', { year: 2027 }), 400);
    expect(e.message).toContain('year');
    await refused(() => post('province', '/api/funding/entitlements/compute', { year: 'x' }), 400);
  });

  it('computes one row per centre and operator, with the figures moved in the same transaction', async () => {
    const res = await post('province', '/api/funding/entitlements/compute', { year: 2026 });
    expect(res.statusCode, res.body).toBe(200);
    first = res.json();
    expect(first).toMatchObject({ year: 2026, policyVersion: 1, changed: 0, unchanged: 0, overpaid: [] });
    // A: two operators; B, C, D one each.
    expect(first.created).toBe(5);
    expect(first.totals).toEqual({ dueFen: NATIONAL, withheldFen: PROVINCIAL });

    // A 优秀 in a national park: 40万, split by served days — the incoming operator takes the remainder.
    const out = servedDays('2026-01-01', '2026-11-17');
    const inn = servedDays('2026-11-18', '2026-12-31');
    expect(out + inn).toBe(365);
    const a = await entitlementsOf(A.id);
    expect(a.map((r) => [r.operator_id, r.status, Number(r.amount_fen)])).toEqual([
      [outgoing.id, 'due', Math.floor((NATIONAL * out) / 365)],
      [incoming.id, 'due', NATIONAL - Math.floor((NATIONAL * out) / 365)],
    ]);
    // B 较差: nothing due, the provincial base withheld (Art. 12(三)(2)).
    expect((await entitlementsOf(B.id)).map((r) => [r.status, Number(r.amount_fen), Number(r.withheld_fen)])).toEqual([
      ['withheld', 0, PROVINCIAL],
    ]);
    // C filed today: not a year of service by 31 December; D filed in 2024 but has no 2026 grade yet.
    expect((await entitlementsOf(C.id)).map((r) => r.status)).toEqual(['ineligible']);
    expect((await entitlementsOf(D.id)).map((r) => r.status)).toEqual(['awaiting_grade']);

    const [audit] = await query<{ after: { rows: unknown[]; policyVersion: number } }>(
      sql`select after from audit_entries where action = 'funding.entitlements.computed' and object_id = '2026'`,
    );
    expect(audit?.after.rows).toHaveLength(5);
    expect(audit?.after.policyVersion).toBe(1);
    await expectFiguresRight();
  });

  it('a second run with the same inputs changes nothing and logs nothing', async () => {
    const before = await everything();
    const res = await post('province', '/api/funding/entitlements/compute', { year: 2026 });
    expect(res.json()).toMatchObject({ created: 0, changed: 0, unchanged: 5 });
    expect(await everything()).toEqual(before);
  });

  it('each row explains itself: the rule, the article, the parameter version and the inputs', async () => {
    const [b] = await entitlementsOf(B.id);
    const res = await get('province', `/api/funding/entitlements/${b?.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json() as TEntitlement;
    expect(e).toMatchObject({ status: 'withheld', amountFen: 0, withheldFen: PROVINCIAL, paidFen: 0 });
    expect(e.computation).toMatchObject({ rule: 'funding.entitlement', policyVersion: 1 });
    expect(e.computation.article).toContain('第十二条（三）');
    expect(e.computation.explanation['zh-CN']).toContain('较差');
    expect(e.computation.inputs).toMatchObject({ parkLevel: 'provincial', filedOn: '2025-05-20', grade: 'poor' });
  });
});

describe('scope of the reads', () => {
  const centresSeen = async (u: User) => {
    const res = await get(u, '/api/funding/entitlements?year=2026&pageSize=50');
    expect(res.statusCode, res.body).toBe(200);
    return [...new Set((res.json().items as TEntitlement[]).map((e) => e.centreId))].sort((x, y) => x - y);
  };

  it('the province all, a city its own, a county its own, a park its centre', async () => {
    expect(await centresSeen('province')).toEqual([A.id, B.id, C.id, D.id]);
    expect(await centresSeen('admin')).toEqual([A.id, B.id, C.id, D.id]);
    expect(await centresSeen('city.420500')).toEqual([A.id, B.id, D.id]);
    expect(await centresSeen('city.420600')).toEqual([C.id]);
    expect(await centresSeen('county.420502')).toEqual([A.id, D.id]);
    expect(await centresSeen('county.420583')).toEqual([B.id]);
    expect(await centresSeen('park')).toEqual([A.id]);
  });

  it('an operator sees only the rows of the operator now running its centre', async () => {
    const res = await get('operator.1', '/api/funding/entitlements');
    expect((res.json().items as TEntitlement[]).map((e) => e.operatorId)).toEqual([incoming.id]);
    const [old] = (await entitlementsOf(A.id)).filter((r) => r.operator_id === outgoing.id);
    await refused(() => get('operator.1', `/api/funding/entitlements/${old?.id}`), 404);
  });

  it('outside the scope a row is not found; enterprises and evaluators are refused', async () => {
    const [c] = await entitlementsOf(C.id);
    await refused(() => get('city.420500', `/api/funding/entitlements/${c?.id}`), 404);
    await refused(() => get('county.420583', `/api/funding/entitlements/${c?.id}`), 404);
    for (const u of ['enterprise.91420500MA4F000001', 'evaluator.1'] as const) {
      await refused(() => get(u, '/api/funding/entitlements'), 403);
      await refused(() => get(u, '/api/funding/figures'), 403);
    }
  });

  it('filters by city, centre and status; the list downloads as .xlsx', async () => {
    const byStatus = await get('province', '/api/funding/entitlements?year=2026&status=withheld');
    expect((byStatus.json().items as TEntitlement[]).map((e) => e.centreId)).toEqual([B.id]);
    const byCity = await get('province', '/api/funding/entitlements?cityCode=420600');
    expect((byCity.json().items as TEntitlement[]).map((e) => e.centreId)).toEqual([C.id]);
    const file = await get('city.420500', '/api/funding/entitlements?year=2026&format=xlsx');
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(1 + 4); // A twice, B, D
    const header = sheet?.getRow(1).values as unknown[];
    expect(header).toContain('应拨付（元）');
  });
});

describe('the funding figures (figures layer)', () => {
  it('the province reads the five sums by city, a city by centre, each from the figures', async () => {
    const p = (await get('province', '/api/funding/figures?year=2026')).json() as TFundingFiguresAnswer;
    expect(p).toMatchObject({ year: 2026, years: [2026], groupBy: 'city' });
    expect(p.lines.map((l) => [l.cityCode, l.dueFen, l.withheldFen])).toEqual([['420500', NATIONAL, PROVINCIAL]]);
    expect(p.total).toEqual({
      dueFen: NATIONAL,
      paidFen: 0,
      withheldFen: PROVINCIAL,
      toRecoverFen: 0,
      recoveredFen: 0,
    });
    const c = (await get('city.420500', '/api/funding/figures')).json() as TFundingFiguresAnswer;
    expect(c.groupBy).toBe('centre');
    expect(c.lines.map((l) => [l.centreId, l.dueFen, l.withheldFen])).toEqual(
      [
        [A.id, NATIONAL, 0],
        [B.id, 0, PROVINCIAL],
      ].sort((x, y) => ((x[0] ?? 0) < (y[0] ?? 0) ? -1 : 1)),
    );
    const other = (await get('city.420600', '/api/funding/figures?year=2026')).json() as TFundingFiguresAnswer;
    expect(other.lines).toEqual([]);
    const op = (await get('operator.1', '/api/funding/figures')).json() as TFundingFiguresAnswer;
    expect(op.lines).toEqual([]);
    const file = await get('province', '/api/funding/figures?year=2026&format=xlsx&lang=en');
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(2).values).toEqual([undefined, 2026, '宜昌市', 400_000, 0, 300_000, 0, 0]);
    expect(sheet?.getRow(3).getCell(2).value).toBe('Total');
  });

  it('a confirmed payment, then a lower grade: the row keeps its status, says it is overpaid; figures stay right', async () => {
    const [, inc] = await entitlementsOf(A.id);
    if (!inc) throw new Error('no incoming row');
    const paid = Number(inc.amount_fen);
    // A confirmed payment as the payments module will write it (H2): the row and the figures in one transaction.
    await t.deps.db.transaction(async (tx) => {
      await tx.execute(sql`insert into fund_payments (entitlement_id, centre_id, operator_id, year, city_code,
          county_code, amount_fen, paid_on, status, recorded_at, confirmed_at, voucher_number, voucher_date)
        values (${inc.id}, ${A.id}, ${incoming.id}, 2026, '420500', '420502', ${paid}, '2026-11-20', 'confirmed',
          now(), now(), '宜财拨〔2026〕88号', '2026-11-20')`);
      await bumpFundingFigures(tx, {
        centreId: A.id,
        year: 2026,
        cityCode: '420500',
        countyCode: '420502',
        paidFen: paid,
      });
    });
    await expectFiguresRight();
    // The grade is corrected to 一般 (80 %): the amount falls below what was paid.
    await query(sql`update assessment_results set grade = 'fair' where centre_id = ${A.id} and year = 2026`);
    const res = (await post('province', '/api/funding/entitlements/compute', { year: 2026 })).json();
    expect(res).toMatchObject({ changed: 2, created: 0 });
    const lowered = Math.floor(((NATIONAL * 80) / 100) * 1) - Math.floor((((NATIONAL * 80) / 100) * 321) / 365);
    expect(res.overpaid).toEqual([{ entitlementId: inc.id, centreId: A.id, overpaidFen: paid - lowered }]);
    const e = (await get('province', `/api/funding/entitlements/${inc.id}`)).json() as TEntitlement;
    expect(e).toMatchObject({ status: 'due', amountFen: lowered, paidFen: paid, version: 2 });
    expect(e.computation.overpaidFen).toBe(paid - lowered);
    expect(e.computation.explanation['zh-CN']).toContain('第十四条');
    await expectFiguresRight();
  });

  it('figures:check finds a figure that drifted, and the repair puts it right', async () => {
    await query(sql`update funding_figures set due_fen = due_fen + 1 where centre_id = ${A.id} and year = 2026`);
    const check = await checkFigures(t.deps.db);
    expect(check.differences.filter((d) => d.table === 'funding_figures')).toHaveLength(1);
    await repairFigures(actor(t.deps, 'province', {}), 1);
    await expectFiguresRight();
  });
});

describe('publication computes the year at once (Art. 12(三))', () => {
  it('publishing 2025 writes D’s 2025 entitlement from its grade, in the publication’s transaction', async () => {
    const cycle = await makeCycle(t.deps.db, { year: 2025 });
    await makeSubmission(t.deps.db, {
      cycleId: cycle.id,
      centreId: D.id,
      status: 'confirmed',
      operatorId: operatorD.id,
    });
    const res = await post('province', `/api/assessment/cycles/${cycle.id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    const [result] = await query<{ grade: string }>(
      sql`select grade from assessment_results where centre_id = ${D.id} and year = 2025`,
    );
    const rows = await entitlementsOf(D.id, 2025);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    const share = { excellent: 100, good: 90, fair: 80, poor: 0 }[result?.grade as 'poor'];
    expect(row?.status).toBe(result?.grade === 'poor' ? 'withheld' : 'due');
    expect(Number(row?.amount_fen)).toBe((PROVINCIAL * share) / 100);
    // A and B were filed in 2025: not a year of service by its end.
    expect((await entitlementsOf(A.id, 2025)).map((r) => r.status)).toEqual(['ineligible']);
    await expectFiguresRight();
  });
});

describe('computations at the same moment', () => {
  it('three runs of one year at once all answer, and the rows and figures are as one run leaves them', async () => {
    await query(sql`update assessment_results set grade = 'good' where centre_id = ${B.id} and year = 2026`);
    const runs = await Promise.all(
      [1, 2, 3].map(() => post('province', '/api/funding/entitlements/compute', { year: 2026 })),
    );
    expect(runs.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(runs.map((r) => r.json().changed).sort()).toEqual([0, 0, 1]);
    expect((await entitlementsOf(B.id)).map((r) => [r.status, Number(r.amount_fen)])).toEqual([
      ['due', (PROVINCIAL * 90) / 100],
    ]);
    await expectFiguresRight();
  });
});

describe('matching funds (配套资金, Art. 11)', () => {
  const input = (over: Record<string, unknown> = {}) => ({
    centreId: A.id,
    year: 2026,
    source: 'city',
    amountFen: 5_000_000,
    documentNumber: '宜商务〔2026〕12号',
    grantedOn: '2026-10-10',
    ...over,
  });

  it('a city records its own for a centre of its city, a county for its county', async () => {
    const city = await post('city.420500', '/api/funding/matching', input());
    expect(city.statusCode, city.body).toBe(201);
    expect(city.json()).toMatchObject({ source: 'city', amountFen: 5_000_000, cityCode: '420500' });
    const county = await post(
      'county.420502',
      '/api/funding/matching',
      input({ source: 'county', amountFen: 2_000_000, documentNumber: '西商务〔2026〕3号' }),
    );
    expect(county.statusCode, county.body).toBe(201);
    const [a] = await query<{ n: number }>(
      sql`select count(*)::int as n from audit_entries where action = 'funding.matching.recorded'`,
    );
    expect(a?.n).toBe(2);
    const list = await get('operator.1', `/api/funding/matching?centreId=${A.id}&year=2026`);
    expect(
      list
        .json()
        .items.map((m: { source: string }) => m.source)
        .sort(),
    ).toEqual(['city', 'county']);
    expect((await get('city.420600', '/api/funding/matching')).json().items).toEqual([]);
  });

  it('refuses another region’s centre, another level’s source, a date to come, and other roles', async () => {
    await refused(() => post('city.420600', '/api/funding/matching', input()), 404);
    await refused(() => post('county.420583', '/api/funding/matching', input({ source: 'county' })), 404);
    const e = await refused(() => post('city.420500', '/api/funding/matching', input({ source: 'county' })), 400);
    expect(e.message).toContain('source');
    await refused(() => post('city.420500', '/api/funding/matching', input({ grantedOn: '2026-12-20' })), 400);
    await refused(() => post('city.420500', '/api/funding/matching', input({ amountFen: 0 })), 400);
    await refused(() => post('city.420500', '/api/funding/matching', input({ amountFen: 12.5 })), 400);
    for (const u of ['province', 'operator.1', 'park'] as const)
      await refused(() => post(u, '/api/funding/matching', input()), 403);
  });
});
