import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPark } from '../src/contracts/park';
import type { TRegion } from '../src/contracts/region';
import { rowsOf } from '../src/server/db/client';
import { makePark } from '../src/server/demo/factories';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { usingPostgres } from './helpers/db';

/**
 * Regions and parks through the HTTP API (CONVENTIONS §11, third tier): filters, sorting, paging and the Excel export
 * of the park list; creating and changing parks as the province, with every refusal leaving the database as it was.
 */

let t: TestApp;
const cookie = { admin: '', province: '', city: '', otherCity: '' };
/** The fixture's three parks plus three made here: six parks in 武汉, 宜昌 and 襄阳. */
const p = {} as Record<'yichang' | 'zhijiang' | 'xiangyang' | 'donghu' | 'wuhanEtdz' | 'yidu', TPark>;

const get = (who: keyof typeof cookie, url: string, headers: Record<string, string> = {}) =>
  as(t.app, cookie[who], { method: 'GET', url, headers });
const send = (who: keyof typeof cookie, opts: InjectOptions) => as(t.app, cookie[who], opts);

async function query<T = Record<string, unknown>>(q: SQL): Promise<T[]> {
  return rowsOf<T>(await t.deps.db.execute(q));
}

/** The rows a refused write must leave as they were, and the head of the audit chain. */
async function parksAndAuditHead() {
  return {
    parks: await query(sql`select * from parks order by id`),
    head: await query(sql`select seq, hash from audit_head`),
  };
}

async function auditEntriesFor(objectId: number, action: string) {
  const res = await get('admin', `/api/audit?action=${action}&objectId=${objectId}&sort=seq`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    items: { action: string; actorName: string; before: unknown; after: unknown }[];
    total: number;
  };
}

const idsOf = (res: LightMyRequestResponse) => (res.json().items as TPark[]).map((x) => x.id);
const namesOf = (res: LightMyRequestResponse) => (res.json().items as TPark[]).map((x) => x.name);

beforeAll(async () => {
  t = await buildTestApp();
  for (const who of Object.keys(cookie) as (keyof typeof cookie)[]) {
    cookie[who] = await loginAs(t.app, t.world.users[who].username);
  }
  p.yichang = t.world.parks.yichangHighTech;
  p.zhijiang = t.world.parks.zhijiang;
  p.xiangyang = t.world.parks.xiangyangHighTech;
  p.donghu = await makePark(t.deps, {
    name: '武汉东湖新技术开发区',
    kind: 'high_tech_zone',
    level: 'national',
    countyCode: '420111',
  });
  p.wuhanEtdz = await makePark(t.deps, {
    name: '武汉经济技术开发区',
    kind: 'economic_dev_zone',
    level: 'national',
    countyCode: '420114',
  });
  p.yidu = await makePark(t.deps, {
    name: '宜都工业园区',
    kind: 'industrial_park',
    level: 'other',
    countyCode: '420581',
  });
});
afterAll(async () => t?.close());

describe('regions', () => {
  const HUBEI_CITY_LEVEL = [
    '420100',
    '420200',
    '420300',
    '420500',
    '420600',
    '420700',
    '420800',
    '420900',
    '421000',
    '421100',
    '421200',
    '421300',
    '422800',
    '429004',
    '429005',
    '429006',
    '429021',
  ];

  it('lists the 17 city-level units of Hubei, the province-administered cities among them', async () => {
    const res = await get('province', '/api/regions?level=city&pageSize=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as TRegion[];
    expect(res.json().total).toBe(17);
    expect(items.map((r) => r.code).sort()).toEqual(HUBEI_CITY_LEVEL);
    const name = (code: string) => items.find((r) => r.code === code)?.name;
    expect(name('420500')).toBe('宜昌市');
    expect(name('422800')).toBe('恩施土家族苗族自治州');
    expect(name('429004')).toBe('仙桃市');
    expect(name('429021')).toBe('神农架林区');
    expect(items.every((r) => r.parentCode === '420000' && r.parentName === '湖北省')).toBe(true);
    // 仙桃/潜江/天门/神农架 have no counties below them.
    expect(items.filter((r) => r.childCount === 0).map((r) => r.code)).toEqual([
      '429004',
      '429005',
      '429006',
      '429021',
    ]);
  });

  it('holds no 市辖区 placeholders and no development-zone statistical codes', async () => {
    const all: TRegion[] = [];
    for (let page = 1; ; page++) {
      const res = await get('province', `/api/regions?pageSize=200&page=${page}`);
      all.push(...(res.json().items as TRegion[]));
      if (all.length >= res.json().total) break;
    }
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((r) => r.name === '市辖区')).toEqual([]);
    expect(all.filter((r) => r.level === 'county' && r.code[4] === '7')).toEqual([]);
    expect((await get('province', `/api/regions?q=${encodeURIComponent('市辖区')}`)).json().total).toBe(0);
  });

  it('lists the counties of 宜昌 by parentCode', async () => {
    const res = await get('province', '/api/regions?parentCode=420500&pageSize=200');
    const items = res.json().items as TRegion[];
    expect(items.map((r) => `${r.code} ${r.name}`)).toEqual(expect.arrayContaining(['420502 西陵区', '420583 枝江市']));
    expect(items.every((r) => r.level === 'county' && r.parentCode === '420500' && r.parentName === '宜昌市')).toBe(
      true,
    );
    const yichang = (await get('province', '/api/regions/420500')).json() as TRegion;
    expect(items).toHaveLength(yichang.childCount);
  });

  it('searches by name and by code prefix', async () => {
    const byName = await get('province', `/api/regions?q=${encodeURIComponent('枝江')}`);
    expect((byName.json().items as TRegion[]).map((r) => r.code)).toEqual(['420583']);
    const byCode = (await get('province', '/api/regions?q=4205&pageSize=200')).json().items as TRegion[];
    expect(byCode.map((r) => r.code)).toContain('420500');
    expect(byCode.every((r) => r.code.startsWith('4205'))).toBe(true);
  });

  it('shows one region with its parent and the parks in it', async () => {
    const res = await get('province', '/api/regions/420500');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: '420500',
      name: '宜昌市',
      level: 'city',
      parentName: '湖北省',
      parkCount: 3,
    });
    expect((await get('province', '/api/regions/420583')).json()).toMatchObject({ parkCount: 1, childCount: 0 });
  });

  it('answers 404 NOT_FOUND for a code that is not a region', async () => {
    const res = await get('province', '/api/regions/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});

describe('park list', () => {
  const sets = (ids: number[]) => [...ids].sort((a, b) => a - b);

  it('filters by level, kind, city, county and name', async () => {
    const cases: [string, TPark[]][] = [
      ['level=national', [p.yichang, p.xiangyang, p.donghu, p.wuhanEtdz]],
      ['level=other', [p.yidu]],
      ['kind=economic_dev_zone', [p.zhijiang, p.wuhanEtdz]],
      ['cityCode=420500', [p.yichang, p.zhijiang, p.yidu]],
      ['countyCode=420583', [p.zhijiang]],
      [`q=${encodeURIComponent('高新')}`, [p.yichang, p.xiangyang]],
      ['cityCode=420500&level=national', [p.yichang]],
      ['kind=bonded_zone', []],
    ];
    for (const [qs, expected] of cases) {
      const res = await get('province', `/api/parks?${qs}`);
      expect(res.statusCode, qs).toBe(200);
      expect(sets(idsOf(res)), qs).toEqual(sets(expected.map((x) => x.id)));
      expect(res.json().total, qs).toBe(expected.length);
    }
  });

  it('refuses a filter value outside the enum with 400', async () => {
    const res = await get('province', '/api/parks?level=world_class');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.fields.map((f: { field: string }) => f.field)).toContain('level');
  });

  it('orders by city, then national before provincial before other, by default', async () => {
    const res = await get('province', '/api/parks');
    expect(idsOf(res)).toEqual([p.donghu, p.wuhanEtdz, p.yichang, p.zhijiang, p.yidu, p.xiangyang].map((x) => x.id));
  });

  it('sorts by name ascending and descending', async () => {
    const asc = namesOf(await get('province', '/api/parks?sort=name'));
    const desc = namesOf(await get('province', '/api/parks?sort=-name'));
    expect(asc).toHaveLength(6);
    // The databases compare text by code point (C collation), as JavaScript's default sort does.
    expect(asc).toEqual([...asc].sort());
    expect(desc).toEqual([...asc].reverse());
  });

  it('pages through the list without gaps or repeats', async () => {
    const full = idsOf(await get('province', '/api/parks?pageSize=200'));
    const pages = [];
    for (const page of [1, 2, 3]) pages.push((await get('province', `/api/parks?pageSize=4&page=${page}`)).json());
    expect(pages.map((x) => x.total)).toEqual([6, 6, 6]);
    expect(pages.map((x) => x.items.length)).toEqual([4, 2, 0]);
    expect(pages.flatMap((x) => x.items.map((i: TPark) => i.id))).toEqual(full);
  });

  it('rejects a page size above 200', async () => {
    const res = await get('province', '/api/parks?pageSize=201');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields.map((f: { field: string }) => f.field)).toContain('pageSize');
  });

  async function workbookOf(res: LightMyRequestResponse) {
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    // exceljs declares a Buffer type of its own; at run time it reads Node's Buffer.
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('workbook without a sheet');
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return rows;
  }

  it('exports the filtered list as an Excel workbook with Chinese headers', async () => {
    const list = (await get('province', '/api/parks?cityCode=420500')).json().items as TPark[];
    const res = await get('province', '/api/parks?cityCode=420500&format=xlsx');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('开发区园区'));
    const [header, ...rows] = await workbookOf(res);
    expect(header).toEqual(['ID', '名称', '类型', '级别', '市（州）', '县（市、区）', '演示数据']);
    expect(rows.map((r) => [r[0], r[1]])).toEqual(list.map((x) => [x.id, x.name]));
    expect(rows[0]).toEqual([p.yichang.id, p.yichang.name, '高新技术产业开发区', '国家级', '宜昌市', '西陵区', '否']);
  });

  it('exports with English headers and labels when the client asks for English', async () => {
    const res = await get('province', '/api/parks?kind=economic_dev_zone&format=xlsx', { 'accept-language': 'en' });
    const [header, ...rows] = await workbookOf(res);
    expect(header).toEqual(['ID', 'Name', 'Kind', 'Level', 'City', 'County', 'Demo data']);
    const list = (await get('province', '/api/parks?kind=economic_dev_zone')).json().items as TPark[];
    expect(rows.map((r) => r[0])).toEqual(list.map((x) => x.id));
    expect(rows.map((r) => r[2])).toEqual([
      'Economic and technological development zone',
      'Economic and technological development zone',
    ]);
  });
});

describe('creating a park (province)', () => {
  const create = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    send('province', { method: 'POST', url: '/api/parks', payload, headers });

  it('derives the city from the county, and the new park is in that city’s scope', async () => {
    const res = await create({ name: '枝江金湖工业园', kind: 'industrial_park', level: 'other', countyCode: '420583' });
    expect(res.statusCode).toBe(201);
    const park = res.json() as TPark;
    expect(park).toMatchObject({
      name: '枝江金湖工业园',
      countyCode: '420583',
      countyName: '枝江市',
      cityCode: '420500',
      cityName: '宜昌市',
      version: 1,
      isDemo: false,
    });
    expect((await get('city', `/api/parks/${park.id}`)).statusCode).toBe(200);
    expect((await get('otherCity', `/api/parks/${park.id}`)).statusCode).toBe(404);
    const audit = await auditEntriesFor(park.id, 'park.created');
    expect(audit.total).toBe(1);
    expect(audit.items[0]).toMatchObject({
      actorName: 'province',
      after: { name: '枝江金湖工业园', cityCode: '420500' },
    });
  });

  it('accepts a park in 仙桃, a province-administered city without counties', async () => {
    const res = await create({
      name: '仙桃经济开发区',
      kind: 'economic_dev_zone',
      level: 'provincial',
      countyCode: '429004',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ countyCode: '429004', cityCode: '429004', cityName: '仙桃市' });
    expect((await auditEntriesFor(res.json().id, 'park.created')).total).toBe(1);
  });

  const notCounties: [string, string][] = [
    ['429999', 'an unknown code'],
    ['420500', 'a city with counties below it'],
    ['420000', 'the province'],
    ['110101', 'a county outside Hubei'],
  ];
  for (const [code, what] of notCounties) {
    it(`refuses ${what} (${code}) with 400 REGION_NOT_COUNTY and adds nothing`, async () => {
      const before = await parksAndAuditHead();
      const res = await create({ name: `测试园区${code}`, kind: 'industrial_park', level: 'other', countyCode: code });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'REGION_NOT_COUNTY', details: { field: 'countyCode', code } });
      expect(await parksAndAuditHead()).toEqual(before);
    });
  }

  it('refuses a name that is taken (after trimming) with 409 PARK_NAME_TAKEN and adds nothing', async () => {
    const before = await parksAndAuditHead();
    const res = await create({
      name: ` ${p.yichang.name} `,
      kind: 'industrial_park',
      level: 'other',
      countyCode: '420502',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PARK_NAME_TAKEN', details: { field: 'name' } });
    expect(await parksAndAuditHead()).toEqual(before);
  });

  it('names the invalid fields, in Chinese by default and in English on request', async () => {
    const before = await parksAndAuditHead();
    const bad = { name: '园', level: 'other', countyCode: '420502' };
    const zh = await create(bad);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().code).toBe('VALIDATION_FAILED');
    expect(
      zh
        .json()
        .details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['kind', 'name']);
    expect(zh.json().message).toMatch(/^提交的数据有误/);
    const en = await create(bad, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.statusCode).toBe(400);
    expect(en.json().message).toMatch(/^The submitted data is invalid/);
    expect(
      en
        .json()
        .details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['kind', 'name']);
    expect(await parksAndAuditHead()).toEqual(before);
  });

  it.skipIf(!usingPostgres)('of simultaneous creates with one name, one wins and the others get 409', async () => {
    // Several rounds: the first burst also opens the pool's connections, which spreads the requests out.
    for (const round of [1, 2, 3]) {
      const name = `同时提交的园区${round}`;
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          create({ name, kind: 'industrial_park', level: 'other', countyCode: '420502' }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort(), name).toEqual([201, ...Array(19).fill(409)]);
      expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'PARK_NAME_TAKEN')).toBe(true);
      expect(await query(sql`select id from parks where name = ${name}`)).toHaveLength(1);
    }
  });
});

describe('changing a park (province)', () => {
  let park: TPark;
  beforeAll(async () => {
    park = await makePark(t.deps, {
      name: '当阳经济开发区',
      kind: 'economic_dev_zone',
      level: 'provincial',
      countyCode: '420582',
    });
  });
  const patch = (id: number, payload: Record<string, unknown>) =>
    send('province', { method: 'PATCH', url: `/api/parks/${id}`, payload });

  it('applies a change to the version the editor saw and bumps the version', async () => {
    const res = await patch(park.id, { version: 1, level: 'national' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: park.id, level: 'national', version: 2, name: park.name });
    const audit = await auditEntriesFor(park.id, 'park.updated');
    expect(audit.total).toBe(1);
    expect(audit.items[0]).toMatchObject({
      before: { version: 1, level: 'provincial' },
      after: { version: 2, level: 'national' },
    });
  });

  it('refuses a stale version with 409 VERSION_CONFLICT and leaves the park as it was', async () => {
    const before = await parksAndAuditHead();
    const res = await patch(park.id, { version: 1, level: 'other' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VERSION_CONFLICT');
    expect(await parksAndAuditHead()).toEqual(before);
  });

  it('refuses a name another park has with 409 PARK_NAME_TAKEN', async () => {
    const before = await parksAndAuditHead();
    const res = await patch(park.id, { version: 2, name: p.zhijiang.name });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('PARK_NAME_TAKEN');
    expect(await parksAndAuditHead()).toEqual(before);
  });

  it('moving the park to another county moves it to that county’s city and scope', async () => {
    const res = await patch(park.id, { version: 2, countyCode: '420606' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ countyCode: '420606', cityCode: '420600', cityName: '襄阳市', version: 3 });
    expect((await get('city', `/api/parks/${park.id}`)).statusCode).toBe(404);
    expect((await get('otherCity', `/api/parks/${park.id}`)).statusCode).toBe(200);
  });

  it('answers 404 for a park that does not exist', async () => {
    const res = await patch(999999, { version: 1, level: 'other' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it.skipIf(!usingPostgres)('of 20 simultaneous saves of one version exactly one wins', async () => {
    const target = await makePark(t.deps, {
      name: '猇亭工业园区',
      kind: 'industrial_park',
      level: 'other',
      countyCode: '420505',
    });
    const auditBefore = (await auditEntriesFor(target.id, 'park.updated')).total;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        patch(target.id, { version: target.version, name: `猇亭工业园区（并发${i}）` }),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 200);
    const conflicts = results.filter((r) => r.statusCode === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    expect(conflicts.every((r) => r.json().code === 'VERSION_CONFLICT')).toBe(true);
    const [row] = await query<{ version: number; name: string }>(
      sql`select version, name from parks where id = ${target.id}`,
    );
    expect(row).toEqual({ version: target.version + 1, name: ok[0]?.json().name });
    expect((await auditEntriesFor(target.id, 'park.updated')).total).toBe(auditBefore + 1);
    const verify = await get('admin', '/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
  });
});

describe('server errors', () => {
  it('a 500 carries the request id and nothing of the internals', async () => {
    // A database that lost a table (a failed migration, a slip at the console): the real path of an unexpected error.
    await t.deps.db.execute(sql`alter table parks rename to parks_moved_away`);
    try {
      for (const lang of ['zh-CN', 'en']) {
        const res = await get('province', '/api/parks', { 'accept-language': lang });
        expect(res.statusCode).toBe(500);
        const body = res.json();
        expect(body.code).toBe('INTERNAL');
        expect(Object.keys(body.details)).toEqual(['requestId']);
        expect(body.message).toContain(body.details.requestId);
        expect(res.body).not.toMatch(/parks_moved_away|relation|does not exist|stack|\.ts:\d+|\n\s+at /);
      }
    } finally {
      await t.deps.db.execute(sql`alter table parks_moved_away rename to parks`);
    }
    expect((await get('province', '/api/parks')).statusCode).toBe(200);
  });
});
