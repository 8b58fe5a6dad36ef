import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, orgCodeCheckChar } from '../src/contracts/credit-code';
import type { TServiceCategory } from '../src/contracts/service-category';
import type { TCentreServiceFigures, TRatingLevel, TServiceStats } from '../src/contracts/service-record';
import { centres, enterprises, rectifications, serviceRatings, serviceRecords } from '../src/server/db/schema';
import { makeCentre } from '../src/server/demo/centre-factory';
import { rebuildFigures } from '../src/server/modules/figures';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_START } from './helpers/constants';

const HOUR = 3_600_000;
const WINDOW = 'from=2026-09-01&to=2026-10-31';

function creditCode(region: string, body8: string): string {
  const first17 = `91${region}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + creditCodeCheckChar(first17);
}

interface RecordSpec {
  centre: 'yichang' | 'xiangyang';
  category: TServiceCategory;
  source: 'enterprise' | 'staff';
  /** Beijing time, e.g. 2026-09-01T00:30 */
  submitted: string;
  acceptedAfterHours?: number;
  completedAfterHours?: number;
  status: 'submitted' | 'accepted' | 'in_progress' | 'completed' | 'cancelled';
  rating?: TRatingLevel;
  rectification?: { status: 'open' | 'answered' | 'closed'; dueOn: string };
}

/**
 * Hand-made records (the service use cases are written separately): 宜昌高新区's centre (1) has R1–R7 in the window
 * 2026-09-01 … 2026-10-31 and R8, R9, R11 outside it; 襄阳高新区's centre (2) has S1–S3; 枝江's centre (3) is
 * operating with no record at all.
 */
const RECORDS: Record<string, RecordSpec> = {
  // 00:30 in Beijing is still 31 August in UTC: the day and the month are Beijing's.
  R1: {
    centre: 'yichang',
    category: 'customs_declaration',
    source: 'enterprise',
    submitted: '2026-09-01T00:30',
    acceptedAfterHours: 2,
    completedAfterHours: 26,
    status: 'completed',
    rating: 'very_satisfied',
  },
  R2: {
    centre: 'yichang',
    category: 'customs_declaration',
    source: 'enterprise',
    submitted: '2026-09-10T10:00',
    acceptedAfterHours: 4,
    completedAfterHours: 50,
    status: 'completed',
    rating: 'satisfied',
  },
  // Entered by staff: accepted at once, so it says nothing about response time.
  R3: {
    centre: 'yichang',
    category: 'tax_refund',
    source: 'staff',
    submitted: '2026-10-05T09:00',
    acceptedAfterHours: 0,
    completedAfterHours: 10,
    status: 'completed',
    rating: 'dissatisfied',
    rectification: { status: 'open', dueOn: '2026-11-23' },
  },
  R4: {
    centre: 'yichang',
    category: 'customs_declaration',
    source: 'enterprise',
    submitted: '2026-10-20T09:00',
    acceptedAfterHours: 3,
    status: 'in_progress',
  },
  R5: {
    centre: 'yichang',
    category: 'consultation',
    source: 'enterprise',
    submitted: '2026-10-31T23:30',
    status: 'submitted',
  },
  // Accepted, then cancelled: the enterprise still waited 5 hours for the acceptance.
  R6: {
    centre: 'yichang',
    category: 'tax_refund',
    source: 'enterprise',
    submitted: '2026-10-08T09:00',
    acceptedAfterHours: 5,
    status: 'cancelled',
  },
  // Completed, never rated.
  R7: {
    centre: 'yichang',
    category: 'consultation',
    source: 'staff',
    submitted: '2026-10-12T09:00',
    acceptedAfterHours: 0,
    completedAfterHours: 4,
    status: 'completed',
  },
  R8: {
    centre: 'yichang',
    category: 'customs_declaration',
    source: 'enterprise',
    submitted: '2026-08-31T23:59',
    acceptedAfterHours: 1,
    completedAfterHours: 3,
    status: 'completed',
    rating: 'very_dissatisfied',
    rectification: { status: 'open', dueOn: '2026-11-24' },
  },
  R9: {
    centre: 'yichang',
    category: 'customs_declaration',
    source: 'enterprise',
    submitted: '2026-11-01T00:10',
    acceptedAfterHours: 1,
    completedAfterHours: 3,
    status: 'completed',
    rating: 'dissatisfied',
    rectification: { status: 'answered', dueOn: '2026-11-10' },
  },
  R11: {
    centre: 'yichang',
    category: 'training',
    source: 'staff',
    submitted: '2026-07-15T09:00',
    acceptedAfterHours: 0,
    completedAfterHours: 2,
    status: 'completed',
    rating: 'very_dissatisfied',
    rectification: { status: 'closed', dueOn: '2026-08-05' },
  },
  S1: {
    centre: 'xiangyang',
    category: 'logistics',
    source: 'enterprise',
    submitted: '2026-09-15T09:00',
    acceptedAfterHours: 1,
    completedAfterHours: 5,
    status: 'completed',
    rating: 'very_satisfied',
  },
  S2: {
    centre: 'xiangyang',
    category: 'logistics',
    source: 'enterprise',
    submitted: '2026-10-15T09:00',
    acceptedAfterHours: 2,
    completedAfterHours: 7,
    status: 'completed',
    rating: 'basic',
  },
  S3: {
    centre: 'xiangyang',
    category: 'customs_declaration',
    source: 'staff',
    submitted: '2026-10-16T09:00',
    acceptedAfterHours: 0,
    status: 'in_progress',
  },
};

describe('service statistics (Art. 8: computed from stored records and ratings)', () => {
  let t: TestApp;
  const ids = { yichang: 0, xiangyang: 0, zhijiang: 0 };
  const cookies: Record<string, string> = {};
  const USERS = [
    'province',
    'city.420500',
    'city.420600',
    'county.420502',
    'operator.1',
    'enterprise.91420500MA4F000001',
    'evaluator.1',
  ];

  beforeAll(async () => {
    t = await buildTestApp();
    const { yichangHighTech, xiangyangHighTech, zhijiang } = t.world.parks;
    ids.yichang = (await makeCentre(t.deps, { park: yichangHighTech, target: 'approved' })).id;
    ids.xiangyang = (await makeCentre(t.deps, { park: xiangyangHighTech, target: 'approved' })).id;
    ids.zhijiang = (await makeCentre(t.deps, { park: zhijiang, target: 'approved' })).id;
    expect(ids.yichang).toBe(1);
    // Operating (the engagement filed) is reached through the operator workflow; this test needs only the status.
    await t.deps.db.update(centres).set({ status: 'operating' }).where(eq(centres.id, ids.zhijiang));

    const db = t.deps.db;
    const parks = { yichang: yichangHighTech, xiangyang: xiangyangHighTech };
    const enterpriseIds: Record<string, number> = {};
    for (const [key, park, body] of [
      ['yichang', yichangHighTech, 'MA4F0001'],
      ['xiangyang', xiangyangHighTech, 'MA4G0002'],
    ] as const) {
      const [e] = await db
        .insert(enterprises)
        .values({
          creditCode: creditCode(park.cityCode, body),
          name: `${park.name}测试贸易有限公司`,
          countyCode: park.countyCode,
          cityCode: park.cityCode,
          parkId: park.id,
          contactPerson: '李经理',
          contactPhone: '13800000000',
          status: 'approved',
          source: 'import',
        })
        .returning({ id: enterprises.id });
      enterpriseIds[key] = e.id;
    }

    let seq = 0;
    for (const spec of Object.values(RECORDS)) {
      const park = parks[spec.centre];
      const submittedAt = new Date(`${spec.submitted}:00+08:00`);
      const hoursLater = (h: number | undefined) =>
        h === undefined ? null : new Date(submittedAt.getTime() + h * HOUR);
      const where = { countyCode: park.countyCode, cityCode: park.cityCode };
      seq++;
      const [record] = await db
        .insert(serviceRecords)
        .values({
          number: `FW2026${String(seq).padStart(6, '0')}`,
          centreId: ids[spec.centre],
          enterpriseId: enterpriseIds[spec.centre],
          ...where,
          parkId: park.id,
          category: spec.category,
          subItem: 'other',
          channel: spec.source === 'staff' ? 'window' : 'online',
          source: spec.source,
          requestText: '测试服务请求',
          status: spec.status,
          submittedAt,
          acceptedAt: hoursLater(spec.acceptedAfterHours),
          completedAt: hoursLater(spec.completedAfterHours),
          cancelledAt: spec.status === 'cancelled' ? hoursLater(6) : null,
        })
        .returning({ id: serviceRecords.id });
      if (!spec.rating) continue;
      const ratedAt = new Date(submittedAt.getTime() + ((spec.completedAfterHours ?? 0) + 1) * HOUR);
      const [rating] = await db
        .insert(serviceRatings)
        .values({
          recordId: record.id,
          enterpriseId: enterpriseIds[spec.centre],
          centreId: ids[spec.centre],
          ...where,
          level: spec.rating,
          ratedAt,
        })
        .returning({ id: serviceRatings.id });
      if (!spec.rectification) continue;
      await db.insert(rectifications).values({
        ratingId: rating.id,
        recordId: record.id,
        centreId: ids[spec.centre],
        ...where,
        status: spec.rectification.status,
        openedOn: spec.submitted.slice(0, 10),
        dueOn: spec.rectification.dueOn,
        answeredOn: spec.rectification.status === 'open' ? null : spec.rectification.dueOn,
        policyVersion: 1,
        createdAt: ratedAt,
        updatedAt: ratedAt,
      });
    }
    // The rows above went in past the service use cases, which move the figures layer as they write: count the
    // figures from the rows once, as the bulk loaders do (decision 0019).
    await rebuildFigures(db);
    for (const u of [...USERS, `park.${yichangHighTech.id}`]) cookies[u] = await loginAs(t.app, u);
  });
  afterAll(async () => t?.close());

  const get = (user: string, query = WINDOW, headers: Record<string, string> = {}) =>
    as(t.app, cookies[user] ?? '', { method: 'GET', url: `/api/service-stats?${query}`, headers });
  const stats = async (user: string, query = WINDOW): Promise<TServiceStats> => {
    const res = await get(user, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const centreIds = (s: TServiceStats) => s.byCentre.map((c) => c.centreId);
  const row = (s: TServiceStats, id: number) => s.byCentre.find((c) => c.centreId === id) as TCentreServiceFigures;

  it('figures a centre’s volume, times, rating rate and satisfaction from its records and ratings', async () => {
    const s = await stats('province');
    expect(row(s, ids.yichang)).toEqual({
      centreId: ids.yichang,
      centreName: '宜昌高新技术产业开发区外贸综合服务中心',
      cityName: '宜昌市',
      countyName: '西陵区',
      total: 7,
      open: 2,
      completed: 4,
      cancelled: 1,
      // Enterprise requests that were accepted: R1 2 h, R2 4 h, R4 3 h, R6 5 h (R3 and R7 were entered by staff).
      avgResponseHours: 3.5,
      // R1 26, R2 50, R3 10, R7 4.
      avgCompletionHours: 22.5,
      // R1, R2, R3 rated of four completed.
      ratingRate: 0.75,
      satisfaction: {
        rated: 3,
        distribution: { very_satisfied: 1, satisfied: 1, basic: 0, dissatisfied: 1, very_dissatisfied: 0 },
        goodRate: 0.6667,
        averageScore: 3.67,
      },
      // R3's (open, due yesterday), R8's (open, due today) and R9's (answered): the backlog is today's, whatever
      // the window; R11's is closed.
      openRectifications: 3,
      overdueRectifications: 1,
    });
    expect(row(s, ids.xiangyang)).toMatchObject({
      total: 3,
      open: 1,
      completed: 2,
      cancelled: 0,
      avgResponseHours: 1.5,
      avgCompletionHours: 6,
      ratingRate: 1,
      satisfaction: {
        rated: 2,
        distribution: { very_satisfied: 1, satisfied: 0, basic: 1, dissatisfied: 0, very_dissatisfied: 0 },
        goodRate: 1,
        averageScore: 4,
      },
      openRectifications: 0,
      overdueRectifications: 0,
    });
    // Operating with nothing recorded: listed, with zeros and no rates.
    expect(row(s, ids.zhijiang)).toMatchObject({
      total: 0,
      avgResponseHours: null,
      avgCompletionHours: null,
      ratingRate: null,
      satisfaction: {
        rated: 0,
        distribution: { very_satisfied: 0, satisfied: 0, basic: 0, dissatisfied: 0, very_dissatisfied: 0 },
        goodRate: null,
        averageScore: null,
      },
    });
  });

  it('totals the whole scope from the same sums, not by averaging the centres’ averages', async () => {
    const s = await stats('province');
    expect(s.from).toBe('2026-09-01');
    expect(s.to).toBe('2026-10-31');
    expect(s.totals).toEqual({
      total: 10,
      open: 3,
      completed: 6,
      cancelled: 1,
      // (2 + 4 + 3 + 5 + 1 + 2) / 6 = 2.833…
      avgResponseHours: 2.8,
      // (26 + 50 + 10 + 4 + 5 + 7) / 6
      avgCompletionHours: 17,
      ratingRate: 0.8333,
      satisfaction: {
        rated: 5,
        distribution: { very_satisfied: 2, satisfied: 1, basic: 1, dissatisfied: 1, very_dissatisfied: 0 },
        goodRate: 0.8,
        // (5 + 4 + 2 + 5 + 3) / 5
        averageScore: 3.8,
      },
      openRectifications: 3,
      overdueRectifications: 1,
    });
    expect(s.byCategory).toEqual([
      { category: 'customs_declaration', total: 4 },
      // Ties in the category key's order.
      { category: 'consultation', total: 2 },
      { category: 'logistics', total: 2 },
      { category: 'tax_refund', total: 2 },
    ]);
    // R1 (00:30 on 1 September in Beijing) is September's; R5 (23:30 on 31 October) is October's.
    expect(s.byMonth).toEqual([
      { month: '2026-09', total: 3, completed: 3 },
      { month: '2026-10', total: 7, completed: 3 },
    ]);
  });

  it('selects records by Beijing day of submission, either end open, and rates count in their record’s window', async () => {
    const all = await stats('province', '');
    expect([all.from, all.to]).toEqual([null, null]);
    expect(all.totals.total).toBe(13);
    expect(all.byMonth.map((m) => m.month)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(all.totals.satisfaction.rated).toBe(8);

    // R8 at 23:59 on 31 August (Beijing) is before the window; R9 at 00:10 on 1 November is after it.
    const sinceNovember = await stats('province', 'from=2026-11-01');
    expect(row(sinceNovember, ids.yichang)).toMatchObject({
      total: 1,
      completed: 1,
      ratingRate: 1,
      satisfaction: { rated: 1, goodRate: 0, averageScore: 2 },
    });
    // 襄阳's centre has nothing then and is not operating; 枝江's is operating and listed anyway.
    expect(centreIds(sinceNovember)).toEqual([ids.yichang, ids.zhijiang]);

    const untilAugust = await stats('province', 'to=2026-08-31');
    expect(untilAugust.totals).toMatchObject({ total: 2, completed: 2, ratingRate: 1 });
    expect(untilAugust.totals.satisfaction.distribution.very_dissatisfied).toBe(2);

    expect((await get('province', 'from=2026-02-30')).statusCode).toBe(400);
    expect((await get('province', 'from=2026-10-02&to=2026-10-01')).statusCode).toBe(400);
    expect((await get('province', 'from=2026-10-01&to=2026-10-01')).statusCode).toBe(200);
  });

  it('counts a rectification overdue from the day after its due day, by the platform clock', async () => {
    expect((await stats('province')).totals.overdueRectifications).toBe(1);
    t.clock.advance(24 * HOUR);
    try {
      // The idle session has expired a day later: sign in again.
      const cookie = await loginAs(t.app, 'province');
      const res = await as(t.app, cookie, { method: 'GET', url: `/api/service-stats?${WINDOW}` });
      expect(res.json().totals).toMatchObject({ openRectifications: 3, overdueRectifications: 2 });
    } finally {
      t.clock.now = new Date(TEST_START);
    }
  });

  it('keeps each caller to its scope; a filter narrows it and never widens it', async () => {
    expect(centreIds(await stats('city.420600'))).toEqual([ids.xiangyang]);
    expect((await stats('city.420600')).totals.total).toBe(3);
    expect(centreIds(await stats('city.420500'))).toEqual([ids.yichang, ids.zhijiang]);
    expect(centreIds(await stats('county.420502'))).toEqual([ids.yichang]);
    expect(centreIds(await stats(`park.${t.world.parks.yichangHighTech.id}`))).toEqual([ids.yichang]);
    const operator = await stats('operator.1');
    expect(centreIds(operator)).toEqual([ids.yichang]);
    expect(operator.totals).toMatchObject({ total: 7, openRectifications: 3 });
    expect(centreIds(await stats('province'))).toEqual([ids.yichang, ids.zhijiang, ids.xiangyang]);

    expect(centreIds(await stats('province', `${WINDOW}&cityCode=420600`))).toEqual([ids.xiangyang]);
    expect(centreIds(await stats('province', `${WINDOW}&centreId=${ids.yichang}`))).toEqual([ids.yichang]);
    expect(centreIds(await stats('city.420500', `${WINDOW}&countyCode=420583`))).toEqual([ids.zhijiang]);

    for (const [user, filter] of [
      ['city.420600', 'cityCode=420500'],
      ['city.420600', `centreId=${ids.yichang}`],
      ['operator.1', `centreId=${ids.xiangyang}`],
      ['county.420502', 'countyCode=420583'],
    ]) {
      const s = await stats(user, `${WINDOW}&${filter}`);
      expect(s.byCentre, `${user} ${filter}`).toEqual([]);
      expect(s.totals).toMatchObject({ total: 0, openRectifications: 0, ratingRate: null });
      expect(s.byCategory).toEqual([]);
      expect(s.byMonth).toEqual([]);
    }

    expect((await get('enterprise.91420500MA4F000001')).statusCode).toBe(403);
    expect((await get('evaluator.1')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/service-stats' })).statusCode).toBe(401);
  });

  it('exports the per-centre table with a totals row, headed in the request’s language', async () => {
    const open = async (res: Awaited<ReturnType<typeof get>>) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      const rows: unknown[][] = [];
      sheet.eachRow((r) => {
        rows.push((r.values as unknown[]).slice(1));
      });
      return rows;
    };
    const zh = await open(await get('province', `${WINDOW}&format=xlsx`));
    expect(zh[0].slice(0, 6)).toEqual(['中心', '市州', '县（市、区）', '服务量', '在办', '办结']);
    expect(zh[0]).toContain('好评率（%）');
    expect(zh).toHaveLength(5);
    const yichang = zh[1];
    expect(yichang.slice(0, 4)).toEqual(['宜昌高新技术产业开发区外贸综合服务中心', '宜昌市', '西陵区', 7]);
    expect(yichang[zh[0].indexOf('评价率（%）')]).toBe(75);
    expect(yichang[zh[0].indexOf('好评率（%）')]).toBe(66.67);
    expect(yichang[zh[0].indexOf('逾期整改')]).toBe(1);
    expect(zh[4][0]).toBe('合计');
    expect(zh[4][3]).toBe(10);

    const en = await open(await get('province', `${WINDOW}&format=xlsx`, { 'accept-language': 'en' }));
    expect(en[0].slice(0, 4)).toEqual(['Centre', 'City', 'County', 'Services']);
    expect(en[4][0]).toBe('Total');
    // A link cannot set Accept-Language: the web page passes lang=en.
    expect((await open(await get('province', `${WINDOW}&format=xlsx&lang=en`)))[0][0]).toBe('Centre');

    expect((await get('operator.1', `${WINDOW}&format=xlsx`)).statusCode).toBe(200);
    expect((await get('evaluator.1', `${WINDOW}&format=xlsx`)).statusCode).toBe(403);
  });
});
