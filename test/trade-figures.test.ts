import { inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTradeMonitoring } from '../src/contracts/trade-monitoring';
import { enterprises } from '../src/server/db/schema';
import { enterpriseCreditCode, makeEnterprise } from '../src/server/demo/enterprise-factory';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { checkFigures, newlyTradingCreditedTo, rebuildFigures } from '../src/server/modules/figures';
import { requestService } from '../src/server/modules/service/create-service';
import { as, loginAs } from './helpers/app';
import { buildFiguresWorld, ctxOf, type FiguresWorld, subItemOf } from './helpers/figures-world';
import { expectFirstPageOf, newlyTradingPages } from './helpers/newly-trading';
import { declaration, ingestAs, type RawDeclaration, rawDeclarations, seedRates } from './helpers/trade-data';

/**
 * Issue 13: the trade figures the monitoring page shows equal sums computed here from the raw declarations and lines,
 * for every scope; 新开口企业 (Art. 12(一)) at the year and three-year boundaries, credited to the centre that served
 * the enterprise last before its first declaration; a centre's served enterprises before and after; scope refusals.
 */
describe('trade figures and monitoring (issue 13)', () => {
  let w: FiguresWorld;
  const at = new Date('2026-11-20T10:00:00+08:00');
  /** E0, E1 (西陵区, 宜昌高新区 park), E2, E3 (枝江), E4, E5 (襄阳). */
  const E: SessionUser[] = [];
  const code: string[] = [];
  const ids: number[] = [];
  /** Twelve enterprises of 宜昌高新区 (西陵区) whose only trade is one 2024 declaration: more 新开口 than one page. */
  const extra: { id: number; firstOn: string }[] = [];
  let raw: Awaited<ReturnType<typeof rawDeclarations>>;
  const cookies: Record<string, string> = {};

  const serve = (ent: number, centre: number, when: string) =>
    requestService(ctxOf(w.t.deps, E[ent] as SessionUser, new Date(when)), {
      centreId: w.centres[centre]?.id as number,
      category: 'consultation',
      subItem: subItemOf('consultation'),
      requestText: '请协助了解出口政策。',
    });

  beforeAll(async () => {
    w = await buildFiguresWorld();
    for (const pair of w.enterprises) E.push(...pair);
    const rows = await w.t.deps.db
      .select({ id: enterprises.id, creditCode: enterprises.creditCode })
      .from(enterprises)
      .where(
        inArray(
          enterprises.id,
          E.map((e) => e.enterpriseId as number),
        ),
      );
    for (const e of E) {
      ids.push(e.enterpriseId as number);
      code.push(rows.find((r) => r.id === e.enterpriseId)?.creditCode as string);
    }
    await seedRates(w.t.deps, at);
    // Services: E0 at centre 2 (index 1) in December 2025 and at centre 1 just after its first 2026 declaration day;
    // E2 at centre 2 late on 31 Dec 2025 (Beijing), the day of its first declaration; E3 first at centre 2 in March
    // 2026 (and again in June); E4 at centre 3 in 2024.
    await serve(0, 1, '2025-12-20T10:00:00+08:00');
    await serve(0, 0, '2026-01-02T00:30:00+08:00');
    await serve(2, 1, '2025-12-31T23:00:00+08:00');
    await serve(2, 0, '2026-01-05T09:00:00+08:00');
    await serve(3, 1, '2026-03-05T10:00:00+08:00');
    await serve(3, 1, '2026-06-05T10:00:00+08:00');
    await serve(4, 2, '2024-06-01T10:00:00+08:00');

    const province = w.viewers.province as SessionUser;
    const countries = [
      'US',
      'JP',
      'KR',
      'DE',
      'GB',
      'FR',
      'IT',
      'NL',
      'BE',
      'ES',
      'AU',
      'CA',
      'BR',
      'IN',
      'VN',
      'TH',
      'MY',
    ];
    const batches = [
      [
        declaration(code[0], '2022-12-31', { amount: '500.00', chapters: [{ code: '8501100010', amount: '500.00' }] }),
        declaration(code[0], '2026-01-01', {
          country: 'DE',
          chapters: [
            { code: '8501100010', amount: '600.00' },
            { code: '6109100021', amount: '400.00' },
          ],
        }),
        declaration(code[0], '2026-05-10', {
          direction: 'import',
          tradeMode: '0214',
          country: 'JP',
          currency: 'USD',
          chapters: [{ code: '8471300000', amount: '300.00' }],
        }),
      ],
      [
        declaration(code[1], '2023-12-31', { chapters: [{ code: '8501100010', amount: '700.00' }] }),
        declaration(code[1], '2026-01-01', { chapters: [{ code: '6109100021', amount: '800.00' }] }),
        declaration(code[1], '2025-06-15', {
          direction: 'import',
          currency: 'EUR',
          country: 'FR',
          chapters: [{ code: '3004900000', amount: '900.00' }],
        }),
      ],
      [
        declaration(code[2], '2025-12-31', { chapters: [{ code: '8501100010', amount: '1200.00' }] }),
        declaration(code[2], '2026-03-10', { country: 'GB', chapters: [{ code: '9403200000', amount: '1300.00' }] }),
      ],
      [
        declaration(code[3], '2025-02-15', { chapters: [{ code: '8501100010', amount: '100.00' }] }),
        declaration(code[3], '2025-03-15', { chapters: [{ code: '8501100010', amount: '200.00' }] }),
        declaration(code[3], '2026-02-28', {
          direction: 'import',
          chapters: [{ code: '2709000000', amount: '300.00' }],
        }),
        declaration(code[3], '2026-03-20', { chapters: [{ code: '8501100010', amount: '400.00' }] }),
        declaration(code[3], '2026-04-01', { chapters: [{ code: '8501100010', amount: '500.00' }] }),
        declaration(code[3], '2026-10-31', { chapters: [{ code: '8501100010', amount: '600.00' }] }),
        declaration(code[3], '2026-11-05', { chapters: [{ code: '8501100010', amount: '700.00' }] }),
      ],
      // E4: seventeen countries in 2026 (top 15 + 其他), many chapters and two trade modes; some 2025.
      [
        ...countries.map((country, i) =>
          declaration(code[4], `2026-${String((i % 10) + 1).padStart(2, '0')}-1${i % 10}`, {
            country,
            tradeMode: i % 3 === 0 ? '0615' : '0110',
            currency: i % 2 ? 'USD' : 'CNY',
            chapters: [
              { code: `${String(10 + i)}01000000`, amount: `${(i + 1) * 1000}.50` },
              { code: `${String(40 + i)}02000000`, amount: `${(i + 1) * 37}.25` },
            ],
          }),
        ),
        declaration(code[4], '2025-04-08', { chapters: [{ code: '8501100010', amount: '9000.00' }] }),
        declaration(code[4], '2025-11-30', {
          direction: 'import',
          chapters: [{ code: '8501100010', amount: '4000.00' }],
        }),
      ],
      [
        declaration(code[5], '2025-01-02', { direction: 'import', currency: 'EUR', country: 'DE' }),
        declaration(code[5], '2026-01-02', { direction: 'import', currency: 'EUR', country: 'DE', amount: '2500.00' }),
        declaration(code[5], '2026-12-01'.replace('12-01', '11-19'), { direction: 'import', country: 'IT' }),
      ],
    ];
    for (const b of batches) expect((await ingestAs(w.t.deps, province, at, b)).status).toBe('succeeded');
    // Later-made enterprises trade earlier in the year (the list's order is the first day, then the id), two of them
    // on one day (the id decides).
    const park = w.t.world.parks.yichangHighTech;
    for (let k = 0; k < 12; k++) {
      const e = await makeEnterprise(w.t.deps, {
        particulars: {
          creditCode: enterpriseCreditCode(park.countyCode, 960 + k),
          name: `宜昌高新区新开口${k + 1}号外贸有限公司`,
          countyCode: park.countyCode,
          parkId: park.id,
          contactPerson: '周经理',
          contactPhone: '0717-6200001',
          hasTradeRecord: true,
          firstTradeOn: '2024-01-01',
        },
      });
      const firstOn = `2024-03-${String(Math.max(20 - k, 10)).padStart(2, '0')}`;
      extra.push({ id: e.id, firstOn });
      const r = await ingestAs(w.t.deps, province, at, [declaration(e.creditCode, firstOn, { amount: '10.00' })]);
      expect(r.status).toBe('succeeded');
    }
    // The same batch again: recognised as duplicates, nothing counted twice.
    const again = await ingestAs(w.t.deps, province, at, batches[2] ?? []);
    expect(again).toMatchObject({ status: 'succeeded', declarations: 0, duplicates: 2 });
    // A batch with one bad declaration: refused whole, nothing counted.
    const refused = await ingestAs(w.t.deps, province, at, [
      declaration(code[5], '2026-02-02', { amount: '99.00' }),
      declaration(code[5], '2026-02-03', { country: 'XX' }),
    ]);
    expect(refused.status).toBe('failed');
    raw = await rawDeclarations(w.t.deps);
    for (const u of ['province', 'city.420500', 'city.420600', 'county.420502', `park.${w.centres[0]?.parkId}`])
      cookies[u] = await loginAs(w.t.app, u);
    cookies.operator2 = await loginAs(w.t.app, 'operator.fig1');
    cookies.e4 = await loginAs(w.t.app, E[4]?.username as string);
    cookies.evaluator = await loginAs(w.t.app, 'evaluator.1');
  }, 180_000);
  afterAll(async () => w?.t.close());

  const get = async (who: string, query: string) => {
    const res = await as(w.t.app, cookies[who] as string, { method: 'GET', url: `/api/trade/monitoring?${query}` });
    return res;
  };
  const monitoring = async (who: string, query: string): Promise<TTradeMonitoring> => {
    const res = await get(who, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  const sum = (rows: RawDeclaration[], f: (r: RawDeclaration) => boolean, usd = false) =>
    rows.filter(f).reduce((s, r) => s + (usd ? r.usd : r.cny), 0);

  /** Every figure of the answer against the raw rows of the enterprises `inScope` accepts. */
  function expectFigures(m: TTradeMonitoring, inScope: (r: RawDeclaration) => boolean) {
    const y = String(m.year);
    const py = String(m.year - 1);
    const d = raw.decls.filter(inScope);
    const l = raw.lines.filter(inScope);
    const of = (year: string, dir?: string) => (r: RawDeclaration) =>
      r.month.startsWith(year) && (!dir || r.direction === dir);
    expect(m.totals.import.cnyFen).toBe(sum(d, of(y, 'import')));
    expect(m.totals.export.cnyFen).toBe(sum(d, of(y, 'export')));
    expect(m.totals.total.cnyFen).toBe(sum(d, of(y)));
    expect(m.totals.total.usdCent).toBe(sum(d, of(y), true));
    expect(m.totals.declarations).toBe(d.filter(of(y)).length);
    expect(m.previousTotals.total.cnyFen).toBe(sum(d, of(py)));
    const g = sum(d, of(py)) === 0 ? null : (sum(d, of(y)) - sum(d, of(py))) / sum(d, of(py));
    if (g === null) expect(m.growth.total).toBeNull();
    else expect(m.growth.total).toBeCloseTo(g, 4);
    for (const row of m.months) {
      const mm = row.month.slice(5);
      expect(row.totalCnyFen).toBe(sum(d, (r) => r.month === row.month));
      expect(row.exportCnyFen).toBe(sum(d, (r) => r.month === row.month && r.direction === 'export'));
      expect(row.previousCnyFen).toBe(sum(d, (r) => r.month === `${py}-${mm}`));
    }
    // Breakdowns: countries and trade modes from declarations, chapters from lines; top 15 then 其他.
    const check = (
      rows: TTradeMonitoring['byCountry'],
      source: RawDeclaration[],
      keyOf: (r: RawDeclaration) => string,
      top: number | null,
    ) => {
      const totals = new Map<string, number>();
      for (const r of source.filter(of(y))) totals.set(keyOf(r), (totals.get(keyOf(r)) ?? 0) + r.cny);
      const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const expected =
        top !== null && sorted.length > top
          ? [...sorted.slice(0, top), ['other', sorted.slice(top).reduce((s, e) => s + e[1], 0)] as [string, number]]
          : sorted;
      expect(rows.map((r) => [r.code, r.totalCnyFen])).toEqual(expected);
      expect(rows.reduce((s, r) => s + r.totalCnyFen, 0)).toBe(sum(d, of(y)));
    };
    check(m.byCountry, d, (r) => r.country, 15);
    check(m.byTradeMode, d, (r) => r.trade_mode, null);
    check(m.byHsChapter, l, (r) => (r as (typeof l)[number]).hs_chapter, 15);
    if (m.regionLevel) {
      const col = m.regionLevel === 'city' ? 'city_code' : 'county_code';
      const codes = [...new Set(d.filter((r) => r.month.startsWith(y) || r.month.startsWith(py)).map((r) => r[col]))];
      expect(m.byRegion.map((r) => r.code).sort()).toEqual(codes.sort());
      for (const r of m.byRegion) {
        expect(r.totalCnyFen).toBe(sum(d, (x) => x[col] === r.code && x.month.startsWith(y)));
        expect(r.previousCnyFen).toBe(sum(d, (x) => x[col] === r.code && x.month.startsWith(py)));
      }
    }
  }

  const ent = (...which: number[]) => {
    const set = new Set(which.map((i) => ids[i]));
    return (r: RawDeclaration) => set.has(r.enterprise_id);
  };

  it('keeps the layer equal to the recomputation through intakes, duplicates and a refused batch', async () => {
    expect((await checkFigures(w.t.deps.db)).differences).toEqual([]);
    const before = await monitoring('province', 'year=2026');
    await rebuildFigures(w.t.deps.db);
    expect(await monitoring('province', 'year=2026')).toEqual(before);
  });

  it('gives the province every figure of the year as the raw rows sum them, cities and their growth', async () => {
    const m = await monitoring('province', 'year=2026');
    expect(m.regionLevel).toBe('city');
    expect(m.byCountry).toHaveLength(16);
    expect(m.byCountry[15]).toMatchObject({ code: 'other', label: '其他' });
    expectFigures(m, () => true);
    expect(m.byRegion.map((r) => r.label).sort()).toEqual(['宜昌市', '襄阳市'].sort());
    // An export only view.
    const exports = await monitoring('province', 'year=2026&direction=export');
    expect(exports.totals.import.cnyFen).toBe(0);
    expect(exports.totals.export.cnyFen).toBe(m.totals.export.cnyFen);
    // The year before from the same layer.
    expectFigures(await monitoring('province', 'year=2025'), () => true);
  });

  it('gives a city its counties, a county and a park their own, and refuses a region outside them', async () => {
    const yichang = (r: RawDeclaration) => r.city_code === '420500';
    const city = await monitoring('city.420500', 'year=2026');
    expect(city.regionLevel).toBe('county');
    expectFigures(city, yichang);
    expectFigures(await monitoring('city.420500', 'year=2026&countyCode=420583'), (r) => r.county_code === '420583');
    expect((await get('city.420500', 'year=2026&cityCode=420600')).statusCode).toBe(404);
    expect((await get('city.420500', 'year=2026&countyCode=420606')).statusCode).toBe(404);
    expectFigures(await monitoring('county.420502', 'year=2026'), (r) => r.county_code === '420502');
    expect((await get('county.420502', 'countyCode=420583')).statusCode).toBe(404);
    const park = w.centres[0]?.parkId as number;
    expectFigures(await monitoring(`park.${park}`, 'year=2026'), (r) => r.park_id === park);
    expectFigures(await monitoring('province', 'year=2026&cityCode=420600'), (r) => r.city_code === '420600');
  });

  it('gives a centre its served enterprises’ trade, before and after, and nobody else’s', async () => {
    const m = await monitoring('operator2', 'year=2026');
    expect(m.centre?.id).toBe(w.centres[1]?.id);
    expectFigures(m, ent(0, 2, 3));
    expect(m.byCentre).toEqual([
      expect.objectContaining({ centreId: w.centres[1]?.id, enterprises: 3, newlyTrading: 1 }),
    ]);
    // E3 was first served in March 2026: before = Mar 2025 – Feb 2026 (200 + 300 元), after = Apr – Oct 2026, the
    // months ended by 20 November (500 + 600 元); March itself and November are in neither.
    expect(m.beforeAfter).toEqual([
      {
        enterpriseId: ids[3],
        name: expect.any(String),
        firstServedMonth: '2026-03',
        beforeCnyFen: 50_000,
        afterCnyFen: 110_000,
        afterMonths: 7,
      },
    ]);
    const cohort2025 = await monitoring('operator2', 'year=2025');
    expect(cohort2025.beforeAfter?.map((b) => b.enterpriseId).sort()).toEqual([ids[0], ids[2]].sort());
    expect((await get('operator2', `enterpriseId=${ids[4]}`)).statusCode).toBe(404);
    expect((await get('operator2', `centreId=${w.centres[2]?.id}`)).statusCode).toBe(404);
    // The province narrowed to a centre sees the same figures.
    expectFigures(await monitoring('province', `year=2026&centreId=${w.centres[1]?.id}`), ent(0, 2, 3));
    // Narrowed to a centre and a county: the centre's served enterprises (read per enterprise) cut to the county.
    const centreInCounty = ent(0, 2, 3);
    expectFigures(
      await monitoring('province', `year=2026&centreId=${w.centres[1]?.id}&countyCode=420583`),
      (r) => centreInCounty(r) && r.county_code === '420583',
    );
  });

  it('gives an enterprise its own trade only', async () => {
    expectFigures(await monitoring('e4', 'year=2026'), ent(4));
    expect((await get('e4', `enterpriseId=${ids[5]}`)).statusCode).toBe(404);
    expect((await get('e4', `centreId=${w.centres[2]?.id}`)).statusCode).toBe(404);
    expect((await get('evaluator', 'year=2026')).statusCode).toBe(403);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/trade/monitoring' })).statusCode).toBe(401);
    expect((await get('province', 'year=20x6')).statusCode).toBe(400);
  });

  it('counts 新开口企业 at the year boundaries and credits the centre that served them last before', async () => {
    /**
     * The whole list through the paged route, one row a page, as [id, first day, centre]; the answer holds its first
     * page and total, and pages of another size concatenate to the same list.
     */
    const newlyOf = async (who: string, query: string) => {
      const all = await newlyTradingPages(w.t.app, cookies[who] as string, query, 1);
      expectFirstPageOf(await monitoring(who, query), all);
      expect(await newlyTradingPages(w.t.app, cookies[who] as string, query, 3)).toEqual(all);
      return all.map((n) => [n.enterpriseId, n.firstOn, n.centreId]);
    };
    const newly = (year: number) => newlyOf('province', `year=${year}`);
    // E0 last traded on 31 Dec 2022, four calendar years before 2026: new again on 1 Jan 2026, credited to centre 2
    // (served 20 Dec 2025; its centre-1 service came at 00:30 on 2 Jan, after that day). E1 traded on 31 Dec 2023,
    // within the three years: not new.
    expect(await newly(2026)).toEqual([[ids[0], '2026-01-01', w.centres[1]?.id]]);
    // E2 first declared on 31 Dec 2025, served at 23:00 that day: credited. E3's first service came after its first
    // declaration: nobody's. E5 was never served.
    expect(await newly(2025)).toEqual([
      [ids[5], '2025-01-02', null],
      [ids[3], '2025-02-15', null],
      [ids[4], '2025-04-08', w.centres[2]?.id],
      [ids[2], '2025-12-31', w.centres[1]?.id],
    ]);
    expect(await newly(2023)).toEqual([[ids[1], '2023-12-31', null]]);
    // What the assessment reads: those credited to one centre.
    expect(
      (await newlyTradingCreditedTo(w.t.deps.db, w.centres[1]?.id as number, 2025)).map((n) => n.enterpriseId),
    ).toEqual([ids[2]]);
    expect(await newly(2022)).toEqual([[ids[0], '2022-12-31', null]]);
    // A city sees its own only.
    expect((await newlyOf('city.420500', 'year=2025')).map((n) => n[0]).sort()).toEqual([ids[2], ids[3]].sort());
    // 2024: the twelve (more than the answer's page), by first day then id — the reverse of the order they were made.
    const twelve = [...extra]
      .sort((a, b) => a.firstOn.localeCompare(b.firstOn) || a.id - b.id)
      .map((e) => [e.id, e.firstOn, null]);
    expect(await newly(2024)).toEqual(twelve);
    const m = await monitoring('province', 'year=2024');
    expect(m.newlyTrading).toHaveLength(10);
    expect(m.newlyTradingTotal).toBe(12);
    // The county, the park and a filter narrowing the province to the county see the same twelve; the other city none.
    expect(await newlyOf('county.420502', 'year=2024')).toEqual(twelve);
    expect(await newlyOf(`park.${w.centres[0]?.parkId}`, 'year=2024')).toEqual(twelve);
    expect(await newlyOf('province', 'year=2024&countyCode=420502&direction=import')).toEqual(twelve);
    expect(await newlyOf('city.420600', 'year=2024')).toEqual([]);
  });

  it('pages 新开口企业 with the monitoring route’s refusals and bounds', async () => {
    const page = (who: string, query: string) =>
      as(w.t.app, cookies[who] as string, { method: 'GET', url: `/api/trade/monitoring/newly-trading?${query}` });
    expect((await page('city.420500', 'year=2024&cityCode=420600')).statusCode).toBe(404);
    expect((await page('city.420500', 'year=2024&countyCode=420606')).statusCode).toBe(404);
    expect((await page('county.420502', 'countyCode=420583')).statusCode).toBe(404);
    expect((await page('operator2', `centreId=${w.centres[2]?.id}`)).statusCode).toBe(404);
    expect((await page('e4', `enterpriseId=${ids[5]}`)).statusCode).toBe(404);
    expect((await page('evaluator', 'year=2024')).statusCode).toBe(403);
    const anonymous = await w.t.app.inject({ method: 'GET', url: '/api/trade/monitoring/newly-trading' });
    expect(anonymous.statusCode).toBe(401);
    for (const bad of ['pageSize=101', 'pageSize=0', 'page=0', 'page=-1', 'page=x', 'year=20x4'])
      expect((await page('province', bad)).statusCode, bad).toBe(400);
    expect((await page('province', 'year=2024&pageSize=100')).json().items).toHaveLength(12);
    // A page past the end is empty, with the total.
    expect((await page('province', 'year=2024&page=5&pageSize=10')).json()).toEqual({ items: [], total: 12 });
    // The enterprise sees itself only: E4 is not new in 2026, new in 2025.
    expect((await page('e4', 'year=2025')).json()).toEqual({
      items: [expect.objectContaining({ enterpriseId: ids[4] })],
      total: 1,
    });
  });

  it('adds up intakes that commit at once into the same rows (no lost update, no deadlock)', async () => {
    const province = w.viewers.province as SessionUser;
    const before = await monitoring('province', 'year=2026');
    const batch = (k: number) =>
      [5, 4, 1].map((e) =>
        declaration(code[e] as string, `2026-07-0${k + 1}`, {
          country: 'DE',
          chapters: [
            { code: '8501100010', amount: `${100 + k}.00` },
            { code: '6109100021', amount: '1.00' },
          ],
        }),
      );
    const results = await Promise.all([0, 1, 2, 3].map((k) => ingestAs(w.t.deps, province, at, batch(k))));
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect((await checkFigures(w.t.deps.db)).differences).toEqual([]);
    const after = await monitoring('province', 'year=2026');
    // 3 enterprises × (100 + 101 + 102 + 103 + 4 × 1) 元
    expect(after.totals.total.cnyFen - before.totals.total.cnyFen).toBe(3 * (406 + 4) * 100);
    raw = await rawDeclarations(w.t.deps);
    expectFigures(after, () => true);
  });

  it('exports the same figures to Excel, with every 新开口企业 (not only the answer’s page)', async () => {
    const res = await as(w.t.app, cookies.province as string, {
      method: 'GET',
      url: '/api/trade/monitoring?year=2026&format=xlsx',
    });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const m = await monitoring('province', 'year=2026');
    expect(sheet?.getRow(1).getCell(1).value).toBe('类别');
    expect(sheet?.getRow(2).getCell(5).value).toBe(Number((m.totals.total.cnyFen / 1_000_000).toFixed(2)));
    // 2024 has twelve 新开口企业, the answer ten of them: the workbook names all twelve, in the list's order.
    const res2024 = await as(w.t.app, cookies.province as string, {
      method: 'GET',
      url: '/api/trade/monitoring?year=2024&format=xlsx',
    });
    const book2024 = new ExcelJS.Workbook();
    await book2024.xlsx.load(res2024.rawPayload as unknown as ArrayBuffer);
    const newlyCells: string[] = [];
    book2024.worksheets[0]?.eachRow((r) => {
      if (r.getCell(1).value === '新开口企业') newlyCells.push(String(r.getCell(2).value));
    });
    const all = await newlyTradingPages(w.t.app, cookies.province as string, 'year=2024', 100);
    expect(all).toHaveLength(12);
    expect(newlyCells).toEqual(all.map((n) => `${n.name}（${n.firstOn}）`));
  });
});
