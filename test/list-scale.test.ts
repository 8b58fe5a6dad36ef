import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TServiceRecord } from '../src/contracts/service-record';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { enterpriseCreditCode, makeEnterprise } from '../src/server/demo/enterprise-factory';
import { rebuildFigures } from '../src/server/modules/figures';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/** Low enough that a few dozen records reach it; the platform's default is 10,000 (LIST_COUNT_CAP). */
const CAP = 25;
const PAGE = 10;

interface Page {
  items: TServiceRecord[];
  total: number;
  totalCapped?: boolean;
}

describe('lists at province scale: capped totals, deep pages, the rating level on the record (issue 12)', () => {
  let t: TestApp;
  let parkA: number;
  const cookies: Record<string, string> = {};
  const get = async (u: string, url: string) => {
    cookies[u] ??= await loginAs(t.app, u);
    const res = await as(t.app, cookies[u], { method: 'GET', url });
    expect(res.statusCode, `${u} ${url}: ${res.body}`).toBe(200);
    return res.json() as Page;
  };
  const ids = async (where: SQL, order = sql`submitted_at desc, id desc`) =>
    rowsOf<{ id: number }>(
      await t.deps.db.execute(sql`select id from service_records where ${where} order by ${order}`),
    ).map((r) => Number(r.id));

  beforeAll(async () => {
    t = await buildTestApp();
    t.deps.config.listCountCap = CAP;
    const { yichangHighTech, zhijiang, xiangyangHighTech } = t.world.parks;
    parkA = yichangHighTech.id;
    // Centre 1 (operator.1's) in 宜昌高新区 (西陵区), one in 枝江 (same city), one in 襄阳.
    const a = await makeCentre(t.deps, { park: yichangHighTech, target: 'approved' });
    const c = await makeCentre(t.deps, { park: zhijiang, target: 'approved' });
    const b = await makeCentre(t.deps, { park: xiangyangHighTech, target: 'approved' });
    expect(a.id).toBe(1);
    const other = await makeEnterprise(t.deps, {
      particulars: {
        creditCode: enterpriseCreditCode('420502', 2),
        name: '宜昌另一家外贸有限公司',
        countyCode: '420502',
        contactPerson: '李经理',
        contactPhone: '0717-6000002',
        hasTradeRecord: false,
      },
    });
    // 40 + 18 + 20 records; two records share each submission time (and the centres share times), so the order
    // needs its id tie-break; every third record is the fixture enterprise's; a quarter still accepted.
    for (const [centre, n] of [
      [a, 40],
      [c, 18],
      [b, 20],
    ] as const)
      await t.deps.db.execute(sql`
        insert into service_records (number, centre_id, enterprise_id, county_code, city_code, park_id, category,
          sub_item, channel, source, request_text, status, submitted_at, accepted_at, completed_at)
        select 'FWT' || ${centre.id}::int || lpad(g.i::text, 4, '0'), ${centre.id}::int,
          case when g.i % 3 = 0 then 1 else ${other.id}::int end, ${centre.countyCode}, ${centre.cityCode},
          ${centre.parkId}::int, 'tax_refund', 'refund_declaration', 'window', 'staff', '出口退税咨询',
          case when g.i % 4 = 0 then 'accepted' else 'completed' end, s.at, s.at,
          case when g.i % 4 = 0 then null else s.at + interval '1 hour' end
        from generate_series(1, ${n}::int) g(i)
        cross join lateral (select timestamptz '2026-11-01 00:00:00+08' - make_interval(hours => g.i / 2) as at) s`);
    // Written in bulk, as demo:scale and the bench seeder write: the figures are recounted from the rows after.
    await rebuildFigures(t.deps.db);
  }, 120_000);
  afterAll(async () => t?.close());

  /** Every page of a list, until a page comes back short. */
  const allPages = async (u: string, query: string) => {
    const pages: Page[] = [];
    for (let page = 1; page < 20; page++) {
      const p = await get(u, `/api/service-records?pageSize=${PAGE}&page=${page}${query}`);
      pages.push(p);
      if (p.items.length < PAGE) break;
    }
    return pages;
  };

  /**
   * The figures layer answers the total exactly for a scope with status, category, channel, month and centre
   * filters; an enterprise's own list, free text and an enterprise filter are counted up to the cap instead.
   */
  const countedUpToCap = (u: string, query: string) =>
    u === t.world.users.enterprise.username || /[&?](q|enterpriseId)=/.test(query);

  const expectList = async (u: string, query: string, where: SQL, order?: SQL) => {
    const expected = await ids(where, order);
    const pages = await allPages(u, query);
    // Every page, deep ones included, holds the rows of the raw ordered query at its offset.
    expect(
      pages.flatMap((p) => p.items.map((r) => r.id)),
      `${u} ${query}`,
    ).toEqual(expected);
    for (const p of pages) {
      if (countedUpToCap(u, query) && expected.length > CAP)
        expect(p, `${u} ${query}`).toMatchObject({ total: CAP, totalCapped: true });
      else {
        expect(p.total, `${u} ${query}`).toBe(expected.length);
        expect(p.totalCapped, `${u} ${query}`).toBeUndefined();
      }
    }
    return expected.length;
  };

  it("gives each role its own records in order on every page, the total exact from the figures or up to the cap and 'at least' beyond", async () => {
    const u = t.world.users;
    const sizes = {
      province: await expectList(u.province.username, '', sql`true`),
      city: await expectList(u.city.username, '', sql`city_code = '420500'`),
      otherCity: await expectList(u.otherCity.username, '', sql`city_code = '420600'`),
      county: await expectList(u.county.username, '', sql`county_code = '420502'`),
      otherCounty: await expectList(u.otherCounty.username, '', sql`county_code = '420583'`),
      park: await expectList(u.park.username, '', sql`park_id = ${parkA}`),
      operator: await expectList(u.operator.username, '', sql`centre_id = 1`),
      enterprise: await expectList(u.enterprise.username, '', sql`enterprise_id = 1`),
    };
    // Totals beyond the cap stay exact where the figures layer answers them (the enterprise's, counted, is at the cap).
    expect(sizes).toEqual({
      province: 78,
      city: 58,
      otherCity: 20,
      county: 40,
      otherCounty: 18,
      park: 40,
      operator: 40,
      enterprise: 25,
    });
  });

  it('keeps filters, the oldest-first order and free-text search on the same rows as the raw query', async () => {
    const u = t.world.users;
    await expectList(u.city.username, '&status=accepted', sql`city_code = '420500' and status = 'accepted'`);
    await expectList(u.province.username, '&sort=submittedAt', sql`true`, sql`submitted_at, id`);
    await expectList(u.province.username, '&q=FWT3', sql`number like 'FWT3%'`);
    // Free text the figures cannot answer: counted up to the cap, then "at least".
    expect(await expectList(u.province.username, '&q=FWT', sql`number like 'FWT%'`)).toBeGreaterThan(CAP);
    await expectList(u.county.username, '&enterpriseId=1', sql`county_code = '420502' and enterprise_id = 1`);
  });

  it('copies the rating level onto the record in the rating transaction; the unrated list follows the ratings', async () => {
    const u = t.world.users;
    const unrated = sql`centre_id = 1 and status = 'completed'
      and not exists (select 1 from service_ratings g where g.record_id = service_records.id)`;
    const before = await expectList(u.operator.username, '&unrated=true', unrated);
    // The fixture enterprise rates two of its completed records at centre 1.
    const mine = (await ids(sql`centre_id = 1 and enterprise_id = 1 and status = 'completed'`)).slice(0, 2);
    expect(mine).toHaveLength(2);
    const levels = ['very_satisfied', 'basic'] as const;
    for (const [k, id] of mine.entries()) {
      cookies.ent ??= await loginAs(t.app, u.enterprise.username);
      const res = await as(t.app, cookies.ent, {
        method: 'POST',
        url: `/api/service-records/${id}/rating`,
        payload: { level: levels[k] },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().ratingLevel).toBe(levels[k]);
    }
    const copied = rowsOf<{ id: number; copy: string | null; rating: string | null }>(
      await t.deps.db.execute(sql`select r.id, r.rating_level as copy, g.level as rating from service_records r
        left join service_ratings g on g.record_id = r.id order by r.id`),
    );
    // The copy equals the rating table (the source of truth) on every record, rated or not.
    expect(copied.filter((r) => r.copy !== r.rating)).toEqual([]);
    expect(copied.filter((r) => r.copy !== null).map((r) => Number(r.id))).toEqual(mine.toSorted((x, y) => x - y));
    expect(await expectList(u.operator.username, '&unrated=true', unrated)).toBe(before - 2);
    const listed = (await allPages(u.operator.username, '')).flatMap((p) => p.items);
    expect(listed.filter((r) => r.ratingLevel !== null).map((r) => [r.id, r.ratingLevel])).toEqual(
      mine.map((id, k) => [id, levels[k]]),
    );
  });

  it('caps the audit log and leaves small lists exact', async () => {
    const log = await get(t.world.users.admin.username, '/api/audit?pageSize=5');
    expect(log).toMatchObject({ total: CAP, totalCapped: true });
    expect(log.items).toHaveLength(5);
    const one = await get(t.world.users.admin.username, '/api/audit?objectType=service_record&pageSize=5');
    expect(one.total).toBe(2);
    expect(one.totalCapped).toBeUndefined();
    const inbox = await get(t.world.users.operator.username, '/api/messages');
    expect(inbox.total).toBe(inbox.items.length);
    expect(inbox.totalCapped).toBeUndefined();
  });
});
