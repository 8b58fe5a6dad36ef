import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDashboard, THomeList, TRegionOverview } from '../src/contracts/dashboard';
import { users } from '../src/server/db/schema';
import { makePublishedResult } from '../src/server/demo/assessment-factory';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { enterpriseCreditCode } from '../src/server/demo/enterprise-factory';
import { makePark } from '../src/server/demo/factories';
import { makeEntitlement, makePayment } from '../src/server/demo/funding-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { getDashboard } from '../src/server/modules/dashboard/get-dashboard';
import { currentSnapshot } from '../src/server/modules/figures';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { usingPostgres } from './helpers/db';

/**
 * Issue 11: each role's home shows its own work and nothing else, counted on the server in the caller's scope — the
 * county its registrations, a city only its own counties' steps, the province an overview by city it can drill into,
 * the enterprise its requests and no park figures.
 */
describe("each role's home (issue 11)", () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const get = async (user: string, url = '/api/dashboard') => {
    cookies[user] ??= await loginAs(t.app, user);
    return as(t.app, cookies[user] as string, { method: 'GET', url });
  };
  const home = async (user: string): Promise<TDashboard> => {
    const res = await get(user);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TDashboard;
  };
  const list = (h: TDashboard, key: string): THomeList | undefined => h.lists.find((l) => l.key === key);
  const register = (countyCode: string, serial: number, name: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/public/enterprise-registrations',
      headers: { 'x-forwarded-for': `10.8.0.${serial}` },
      payload: {
        creditCode: enterpriseCreditCode(countyCode, serial),
        name,
        countyCode,
        contactPerson: '赵经理',
        contactPhone: '0717-6100001',
        hasTradeRecord: false,
        password: 'Reg#2026home',
      },
    });
  let xiangyangEngagement: number;
  let requestId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    // Centre 1 in 宜昌高新区 (西陵区 420502), run by the fixture operator; a centre in 襄阳 whose agreement waits for
    // 襄阳's report.
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    expect(centre.id).toBe(1);
    await makeEngagement(t.deps, { centre, operator: await makeOperator(t.deps, { serial: 71 }), target: 'filed' });
    const xiangyang = await makeCentre(t.deps, { park: t.world.parks.xiangyangHighTech, target: 'approved' });
    const e = await makeEngagement(t.deps, {
      centre: xiangyang,
      operator: await makeOperator(t.deps, { serial: 72 }),
      target: 'signed',
    });
    xiangyangEngagement = e.id;
    expect((await register('420502', 31, '西陵待审核外贸有限公司')).statusCode).toBe(201);
    expect((await register('420606', 32, '高新区待审核外贸有限公司')).statusCode).toBe(201);
    const req = await as(t.app, await loginAs(t.app, 'enterprise.91420500MA4F000001'), {
      method: 'POST',
      url: '/api/service-records/requests',
      payload: { centreId: 1, category: 'tax_refund', subItem: 'refund_declaration', requestText: '请协助退税申报。' },
    });
    expect(req.statusCode, req.body).toBe(201);
    requestId = req.json().id;
  });
  afterAll(async () => t?.close());

  it('shows the enterprise its own requests and messages, and no park or region figures', async () => {
    const h = await home('enterprise.91420500MA4F000001');
    expect(h.scopeName).toBe('宜昌测试进出口有限公司');
    expect(list(h, 'myOpenRequests')?.items.map((i) => i.link)).toContain(`/my/services/${requestId}`);
    expect(list(h, 'myToRate')).toBeDefined();
    expect(h.lists.map((l) => l.key).sort()).toEqual(['myOpenRequests', 'myToRate']);
    expect(h.figures.map((f) => f.key)).toEqual(['unreadMessages']);
    expect(h.messages).not.toBeNull();
    expect(h.overview).toBeNull();
    expect(h.parkCentres).toBeNull();
    expect(JSON.stringify(h)).not.toMatch(/parkCount|parksBy|regionCount|湖北省/);
  });

  it("puts the enterprise's request in the centre's queue, waiting to be accepted, linking to the record", async () => {
    const h = await home('operator.1');
    const waiting = list(h, 'toAccept');
    expect(waiting?.items.find((i) => i.id === requestId)).toMatchObject({
      link: `/services/${requestId}`,
      subtitle: '宜昌测试进出口有限公司',
      status: 'submitted',
    });
    expect(waiting?.total).toBeGreaterThanOrEqual(1);
    expect(h.lists.map((l) => l.key)).toEqual(
      expect.arrayContaining(['toAccept', 'inProgress', 'unrated', 'rectificationsDue']),
    );
    expect(h.overview).toBeNull();
  });

  it('shows a county the registrations of its own county only', async () => {
    const mine = list(await home('county.420502'), 'enterprisesPending');
    expect(mine?.items.map((i) => i.title)).toContain('西陵待审核外贸有限公司');
    expect(mine?.items.map((i) => i.title)).not.toContain('高新区待审核外贸有限公司');
    expect(mine?.items[0]?.link).toMatch(/^\/enterprises\?status=pending&q=/);
    const other = list(await home('county.420583'), 'enterprisesPending');
    expect(other?.items.map((i) => i.title)).not.toContain('西陵待审核外贸有限公司');
  });

  it("shows a city only its own counties' agreements to report, and its counties in the overview", async () => {
    const xiangyang = await home('city.420600');
    expect(list(xiangyang, 'filingsToReport')?.items.map((i) => i.id)).toContain(xiangyangEngagement);
    const yichang = await home('city.420500');
    expect(list(yichang, 'filingsToReport')?.items.map((i) => i.id)).not.toContain(xiangyangEngagement);
    expect(yichang.overview?.rows.length).toBeGreaterThan(1);
    expect(yichang.overview?.rows.every((r) => r.code.startsWith('4205'))).toBe(true);
    expect(yichang.overview?.rows.find((r) => r.code === '420502')?.centres.recognised).toBe(1);
    // 襄阳's centre and agreement never reach 宜昌's figures.
    expect(yichang.overview?.totals.centres.recognised).toBe(1);
  });

  it('gives the province an overview by city that it can drill into, and oversight figures without tasks', async () => {
    const h = await home('province');
    const rows = h.overview?.rows ?? [];
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining(['420100', '420500', '420600']));
    expect(rows.every((r) => /^42\d{4}$/.test(r.code))).toBe(true);
    expect(rows.find((r) => r.code === '420500')).toMatchObject({ centres: { recognised: 1 }, services: 1 });
    expect(rows.find((r) => r.code === '420600')?.filings.filed).toBe(0);
    expect(h.figures.map((f) => f.key)).toEqual(
      expect.arrayContaining(['overdueFilings', 'overdueRectifications', 'reprocurementDue']),
    );
    const drill = await get('province', '/api/dashboard/cities/420600');
    expect(drill.statusCode, drill.body).toBe(200);
    const counties = drill.json() as TRegionOverview;
    expect(counties.rows.every((r) => r.code.startsWith('4206'))).toBe(true);
    expect(counties.totals.centres.recognised).toBe(1);
    expect((await get('province', '/api/dashboard/cities/420502')).statusCode).toBe(404);
    expect((await get('province', '/api/dashboard/cities/4205')).statusCode).toBe(400);
    expect((await get('city.420500', '/api/dashboard/cities/420600')).statusCode).toBe(403);
  });

  it('shows a park its centre and an evaluator an empty home until assessments exist', async () => {
    const park = await home(`park.${t.world.parks.yichangHighTech.id}`);
    expect(park.parkCentres?.map((c) => c.id)).toEqual([1]);
    expect(park.parkCentres?.[0]?.operatorName).toBeTruthy();
    const evaluator = await home('evaluator.1');
    expect(evaluator).toMatchObject({ lists: [], figures: [], overview: null, parkCentres: null, messages: null });
    const admin = await home('admin');
    expect(admin.figures.map((f) => f.key)).toEqual(['userCount', 'auditToday']);
  });
  it('counts the latest published grades per city and county in the overview, nothing of an older year', async () => {
    // Art. 12(三): 2024 is older than 2025, so only 2025's grades are counted (one table of published results).
    await makePublishedResult(t.deps.db, {
      centreId: 1,
      year: 2024,
      grade: 'excellent',
      total: '93.00',
      operatorId: null,
    });
    await makePublishedResult(t.deps.db, { centreId: 1, year: 2025, grade: 'good', total: '84.50', operatorId: null });
    await makePublishedResult(t.deps.db, { centreId: 2, year: 2025, grade: 'poor', total: '55.00', operatorId: null });
    const h = await home('province');
    const overview = h.overview as TRegionOverview;
    expect(overview.gradeYear).toBe(2025);
    expect(overview.rows.find((r) => r.code === '420500')?.grades).toEqual({ excellent: 0, good: 1, fair: 0, poor: 0 });
    expect(overview.rows.find((r) => r.code === '420600')?.grades).toEqual({ excellent: 0, good: 0, fair: 0, poor: 1 });
    expect(overview.totals.grades).toEqual({ excellent: 0, good: 1, fair: 0, poor: 1 });
    // The city sees its own county's grade, and nothing of 襄阳's.
    const yichang = (await home('city.420500')).overview as TRegionOverview;
    expect(yichang.rows.find((r) => r.code === '420502')?.grades.good).toBe(1);
    expect(yichang.totals.grades).toEqual({ excellent: 0, good: 1, fair: 0, poor: 0 });
    const drill = (await get('province', '/api/dashboard/cities/420600')).json() as TRegionOverview;
    expect(drill.totals.grades.poor).toBe(1);
  });

  it('shows paid / due of the latest funding year per city and county, from the funding figures (Art. 11)', async () => {
    const op = await makeOperator(t.deps, { serial: 611 });
    // 2024 is older than 2025: only 2025's sums are shown.
    await makeEntitlement(t.deps.db, { centreId: 1, year: 2024, operatorId: op.id, amountFen: 30_000_000 });
    const due = await makeEntitlement(t.deps.db, { centreId: 1, year: 2025, operatorId: op.id, amountFen: 27_000_000 });
    await makeEntitlement(t.deps.db, { centreId: 2, year: 2025, operatorId: op.id, amountFen: 40_000_000 });
    await makePayment(t.deps.db, {
      entitlement: due,
      amountFen: 10_000_000,
      status: 'confirmed',
      paidOn: '2026-03-01',
    });
    // Recorded, not yet confirmed by a second official: not paid.
    await makePayment(t.deps.db, { entitlement: due, amountFen: 5_000_000, status: 'recorded', paidOn: '2026-03-02' });
    const overview = (await home('province')).overview as TRegionOverview;
    expect(overview.fundYear).toBe(2025);
    expect(overview.rows.find((r) => r.code === '420500')?.funds).toEqual({ dueFen: 27_000_000, paidFen: 10_000_000 });
    expect(overview.rows.find((r) => r.code === '420600')?.funds).toEqual({ dueFen: 40_000_000, paidFen: 0 });
    expect(overview.totals.funds).toEqual({ dueFen: 67_000_000, paidFen: 10_000_000 });
    // The city sees its own county's sums and nothing of 襄阳's.
    const yichang = (await home('city.420500')).overview as TRegionOverview;
    expect(yichang.totals.funds).toEqual({ dueFen: 27_000_000, paidFen: 10_000_000 });
  });

  it('counts a full list beyond its five rows, and a short list by its rows (the same total as the full list)', async () => {
    // Six more centres waiting for the province's approval (Art. 9(三)): the home shows five and counts them all.
    for (let i = 1; i <= 6; i++) {
      const park = await makePark(t.deps, {
        name: `宜昌第${i}产业园`,
        kind: 'industrial_park',
        level: 'other',
        countyCode: '420502',
      });
      await makeCentre(t.deps, { park, target: 'forwarded', input: { name: `宜昌第${i}产业园外综服中心` } });
    }
    const waiting = (await get('province', '/api/centres?status=forwarded&pageSize=100')).json().total as number;
    expect(waiting).toBeGreaterThanOrEqual(6);
    const full = list(await home('province'), 'centresToApprove');
    expect(full?.items).toHaveLength(5);
    expect(full?.total).toBe(waiting);
    // The city's list of the same centres is short: its total is its rows.
    const changes = list(await home('province'), 'centreChangesToDecide');
    expect(changes?.total).toBe(changes?.items.length);
  });

  // Decision 0034: the home is kept under the database's snapshot, so nothing has to announce a change to it.
  it('serves the same home while nothing is written, and shows any write at once — even one no use case made', async () => {
    const before = await home('county.420502');
    const snapshot = await currentSnapshot(t.deps.db);
    // Reading a home writes nothing: the snapshot, and with it the cached answer, stays. (On PostgreSQL the other test
    // files write to the same cluster meanwhile, and transaction ids are the cluster's: there only PGlite can tell.)
    expect(await home('county.420502')).toEqual(before);
    if (!usingPostgres) expect(await currentSnapshot(t.deps.db)).toBe(snapshot);
    expect(list(before, 'enterprisesPending')?.items.map((i) => i.title)).toContain('西陵待审核外贸有限公司');
    // A write outside every use case (no version bumped, no cache told): the next home shows it.
    await t.deps.db.execute(
      sql`update enterprises set name = '西陵改名外贸有限公司' where name = '西陵待审核外贸有限公司'`,
    );
    expect(await currentSnapshot(t.deps.db)).not.toBe(snapshot);
    const titles = list(await home('county.420502'), 'enterprisesPending')?.items.map((i) => i.title);
    expect(titles).toContain('西陵改名外贸有限公司');
    expect(titles).not.toContain('西陵待审核外贸有限公司');
  });

  it('moves with the Beijing day without any write: an agreement past its filing deadline turns overdue', async () => {
    const [row] = await t.deps.db.select().from(users).where(eq(users.username, 'city.420600'));
    if (!row) throw new Error('city.420600 missing');
    const user: SessionUser = { ...row, isDemo: false, sessionTokenHash: 'test' } as SessionUser;
    const homeOn = async (at: Date) =>
      getDashboard({ deps: { ...t.deps, clock: () => at }, user, ip: null, requestId: 'test', locale: 'zh-CN' });
    const item = (h: TDashboard) => list(h, 'filingsToReport')?.items.find((i) => i.id === xiangyangEngagement);
    const today = await homeOn(t.clock.fn());
    expect(item(today)?.overdue).toBe(false);
    const deadline = item(today)?.day as string;
    const snapshot = await currentSnapshot(t.deps.db);
    // The day after the deadline, nothing written in between: the cached home of today is not the answer.
    const after = new Date(`${deadline}T16:00:00Z`); // 00:00 the next day in Beijing
    expect(item(await homeOn(after))?.overdue).toBe(true);
    // Nothing was written in between, so only the day in the key told the two apart (PGlite: see above).
    if (!usingPostgres) expect(await currentSnapshot(t.deps.db)).toBe(snapshot);
    expect(item(await homeOn(t.clock.fn()))?.overdue).toBe(false);
  });
});
