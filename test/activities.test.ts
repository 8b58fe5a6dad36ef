import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActivity, TActivityDetail, TActivityInput } from '../src/contracts/activity';
import { rowsOf } from '../src/server/db/client';
import { enterprises } from '../src/server/db/schema';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeUser } from '../src/server/demo/factories';
import { makeCreditCode } from '../src/server/demo/identity-factory';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';

/**
 * Centre activities through the HTTP API (Art. 5(十)(十二)(十四)(十五), Art. 12(一)): the operator records its
 * centre's trainings, promotions, market-expansion trips and exhibitions with the enterprises that took part and
 * evidence files; officials read them by region. Every refusal leaves the activities, their participants and files
 * and the audit chain as they were. The clock stands at 2026-11-24 (Beijing).
 */

let t: TestApp;
const cookies: Record<string, string> = {};
let parkUser = '';
/** Two enterprises of 西陵区 (the centre's county) and one of 襄阳 (outside the operator's reach). */
const ent = { a: 0, b: 0, far: 0 };

const PDF = Buffer.from('%PDF-1.4\n% 签到表\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]);

async function insertEnterprise(serial: number, countyCode: string, cityCode: string, name: string) {
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
    .returning({ id: enterprises.id });
  if (!row) throw new Error('no enterprise');
  return row.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  // Centre 1 in the national 宜昌高新区 (西陵区 420502): the fixture operator (centreId 1) runs it.
  const one = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
  expect(one.id).toBe(1);
  // A second centre still under application, with an operator account of its own.
  const two = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'submitted' });
  await makeUser(t.deps, { username: 'operator.2', role: 'operator', password: TEST_PASSWORD, centreId: two.id });
  ent.a = await insertEnterprise(9101, '420502', '420500', '宜昌甲进出口有限公司');
  ent.b = await insertEnterprise(9102, '420502', '420500', '宜昌乙贸易有限公司');
  ent.far = await insertEnterprise(9103, '420606', '420600', '襄阳丙机械有限公司');
  parkUser = `park.${t.world.parks.yichangHighTech.id}`;
  for (const u of [
    'operator.1',
    'operator.2',
    'county.420502',
    'county.420583',
    'city.420500',
    'city.420600',
    'province',
    parkUser,
    'enterprise.91420500MA4F000001',
    'evaluator.1',
  ]) {
    cookies[u] = await loginAs(t.app, u);
  }
});
afterAll(async () => t?.close());

const call = (user: string, opts: InjectOptions) => as(t.app, cookies[user] ?? '', opts);
const get = (user: string, url: string, lang = 'zh-CN') =>
  call(user, { method: 'GET', url, headers: { 'accept-language': lang } });
const create = (user: string, payload: unknown, lang = 'zh-CN') =>
  call(user, {
    method: 'POST',
    url: '/api/activities',
    payload: payload as object,
    headers: { 'accept-language': lang },
  });
const update = (user: string, id: number, payload: unknown, lang = 'zh-CN') =>
  call(user, {
    method: 'PUT',
    url: `/api/activities/${id}`,
    payload: payload as object,
    headers: { 'accept-language': lang },
  });
const upload = (user: string, id: number, body: Buffer, name: string) =>
  call(user, {
    method: 'POST',
    url: `/api/activities/${id}/attachments`,
    payload: body,
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
  });

const training = (overrides: Partial<TActivityInput> = {}): TActivityInput => ({
  kind: 'training',
  subKind: 'large_training',
  title: '2026年出口退税实务培训',
  startOn: '2026-11-10',
  endOn: '2026-11-11',
  place: '宜昌高新区外综服中心报告厅',
  participantCount: 120,
  description: '报关报检、退税结汇、合规风控',
  enterpriseIds: [ent.a, ent.b],
  ...overrides,
});

async function count(table: 'activities' | 'activity_enterprises' | 'activity files'): Promise<number> {
  const from =
    table === 'activity files' ? sql`attachments where activity_id is not null` : sql`${sql.identifier(table)}`;
  const rows = rowsOf<{ n: string }>(await t.deps.db.execute(sql`select count(*) as n from ${from}`));
  return Number(rows[0]?.n);
}
async function auditSeq() {
  return rowsOf<{ seq: string }>(await t.deps.db.execute(sql`select seq from audit_head where id = 1`))[0]?.seq;
}
/** What a refusal must leave unchanged. */
async function snapshot() {
  return [
    await count('activities'),
    await count('activity_enterprises'),
    await count('activity files'),
    await auditSeq(),
  ];
}
async function lastAudit() {
  return rowsOf<{ action: string; before: unknown; after: Record<string, unknown> }>(
    await t.deps.db.execute(sql`select action, before, after from audit_entries order by seq desc limit 1`),
  )[0];
}

let recorded: TActivityDetail;

describe('recording an activity', () => {
  it('records it for the operator’s centre with its participants, copies the region, and audits it', async () => {
    const res = await create('operator.1', training());
    expect(res.statusCode, res.body).toBe(201);
    recorded = res.json();
    expect(recorded).toMatchObject({
      centreId: 1,
      kind: 'training',
      subKind: 'large_training',
      title: '2026年出口退税实务培训',
      participantCount: 120,
      enterpriseCount: 2,
      version: 1,
      cityName: '宜昌市',
      countyName: '西陵区',
    });
    expect(recorded.enterprises.map((e) => e.id).sort((x, y) => x - y)).toEqual([ent.a, ent.b].sort((x, y) => x - y));
    expect(recorded.enterprises[0]?.creditCode).toHaveLength(18);
    const [row] = rowsOf<{ county_code: string; city_code: string; park_id: number }>(
      await t.deps.db.execute(sql`select county_code, city_code, park_id from activities where id = ${recorded.id}`),
    );
    expect(row).toEqual({ county_code: '420502', city_code: '420500', park_id: t.world.parks.yichangHighTech.id });
    const audit = await lastAudit();
    expect(audit?.action).toBe('activity.created');
    expect(audit?.after.enterpriseIds).toEqual([ent.a, ent.b]);

    const back = await get('operator.1', `/api/activities/${recorded.id}`);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual(recorded);
  });

  it('takes policy promotion without a sub-kind and participants left out', async () => {
    const res = await create('operator.1', {
      kind: 'policy_promotion',
      title: '湖北外贸惠企政策宣讲会',
      startOn: '2026-09-05',
      endOn: '2026-09-05',
      place: '西陵区政务服务中心',
      participantCount: 45,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ subKind: null, description: null, enterpriseCount: 0, enterprises: [] });
  });

  it('refuses a sub-kind of another kind, in both languages, naming the field; nothing is written', async () => {
    const before = await snapshot();
    const zh = await create('operator.1', training({ subKind: 'canton_fair' }));
    expect(zh.statusCode).toBe(400);
    expect(zh.json().details.fields).toEqual([{ field: 'subKind', reason: expect.stringContaining('活动形式') }]);
    expect(zh.json().message).toContain('subKind');
    const en = await create('operator.1', training({ subKind: 'canton_fair' }), 'en');
    expect(en.json().details.fields).toEqual([{ field: 'subKind', reason: expect.stringContaining('sub-kind') }]);
    const promo = await create('operator.1', training({ kind: 'policy_promotion', subKind: 'lecture' }));
    expect(promo.statusCode).toBe(400);
    expect(promo.json().details.fields[0].field).toBe('subKind');
    const missing = await create('operator.1', training({ kind: 'exhibition', subKind: null }));
    expect(missing.json().details.fields[0].field).toBe('subKind');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an end before the start, a day that does not exist and a date more than a year ahead', async () => {
    const before = await snapshot();
    const backwards = await create('operator.1', training({ startOn: '2026-11-10', endOn: '2026-11-09' }), 'en');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details.fields).toEqual([{ field: 'endOn', reason: expect.stringContaining('before') }]);
    const zh = await create('operator.1', training({ startOn: '2026-11-10', endOn: '2026-11-09' }));
    expect(zh.json().details.fields[0].reason).toContain('结束日期');
    const noSuchDay = await create('operator.1', training({ startOn: '2026-02-30', endOn: '2026-03-01' }));
    expect(noSuchDay.statusCode).toBe(400);
    // The shared day schema (contracts/common.ts ZDay) refuses it before the use case, naming the field.
    expect(noSuchDay.json().details.fields.map((f: { field: string }) => f.field)).toEqual(['startOn']);
    // Today is 2026-11-24: a year ahead is 2027-11-24 and no later.
    expect((await create('operator.1', training({ startOn: '2027-11-24', endOn: '2027-11-24' }))).statusCode).toBe(201);
    const mid = await snapshot();
    const far = await create('operator.1', training({ startOn: '2027-11-20', endOn: '2027-11-25' }));
    expect(far.statusCode).toBe(400);
    expect(far.json().details.field).toBe('endOn');
    expect(far.json().message).toContain('2027-11-24');
    expect(await snapshot()).toEqual(mid);
    expect(before[0]).toBe(Number(mid[0]) - 1);
  });

  it('refuses unknown enterprises and enterprises outside the centre’s reach, naming them; nothing is written', async () => {
    const before = await snapshot();
    const res = await create('operator.1', training({ enterpriseIds: [ent.a, ent.far, 999999] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toMatchObject({ field: 'enterpriseIds', ids: [ent.far, 999999] });
    expect(res.json().message).toContain(String(ent.far));
    expect(res.json().message).toContain('999999');
    const en = await create('operator.1', training({ enterpriseIds: [999999] }), 'en');
    expect(en.json().details.fields[0]).toMatchObject({
      field: 'enterpriseIds',
      reason: expect.stringContaining('999999'),
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a centre that is not recognised (409 naming its status), officials (403) and nothing is written', async () => {
    const before = await snapshot();
    const zh = await create('operator.2', training({ enterpriseIds: [] }));
    expect(zh.statusCode).toBe(409);
    expect(zh.json().code).toBe('INVALID_TRANSITION');
    expect(zh.json().message).toContain('已提交');
    const en = await create('operator.2', training({ enterpriseIds: [] }), 'en');
    expect(en.json().message).toContain('submitted');
    for (const u of ['county.420502', 'city.420500', 'province', parkUser, 'enterprise.91420500MA4F000001']) {
      expect((await create(u, training())).statusCode, u).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('who sees activities', () => {
  it('shows them to the operator, its county, city, park and the province; not to another county or city', async () => {
    for (const u of ['operator.1', 'county.420502', 'city.420500', 'province', parkUser]) {
      const list = await get(u, '/api/activities');
      expect(list.statusCode, u).toBe(200);
      expect(
        list.json().items.map((a: TActivity) => a.id),
        u,
      ).toContain(recorded.id);
      expect((await get(u, `/api/activities/${recorded.id}`)).statusCode, u).toBe(200);
    }
    for (const u of ['city.420600', 'county.420583', 'operator.2']) {
      const list = await get(u, '/api/activities');
      expect(list.statusCode, u).toBe(200);
      expect(list.json(), u).toEqual({ items: [], total: 0 });
      expect((await get(u, `/api/activities/${recorded.id}`)).statusCode, u).toBe(404);
    }
    for (const u of ['enterprise.91420500MA4F000001', 'evaluator.1']) {
      expect((await get(u, '/api/activities')).statusCode, u).toBe(403);
      expect((await get(u, `/api/activities/${recorded.id}`)).statusCode, u).toBe(403);
    }
  });

  it('lists the latest first and filters by kind, days and city', async () => {
    const all = (await get('province', '/api/activities')).json() as { items: TActivity[]; total: number };
    const days = all.items.map((a) => a.startOn);
    expect(days).toEqual([...days].sort().reverse());
    const promos = (await get('province', '/api/activities?kind=policy_promotion')).json();
    expect(promos.total).toBe(1);
    expect(promos.items[0].kind).toBe('policy_promotion');
    const november = (await get('province', '/api/activities?from=2026-11-01&to=2026-11-30')).json();
    expect(november.items.map((a: TActivity) => a.id)).toEqual([recorded.id]);
    expect((await get('province', '/api/activities?cityCode=420600')).json().total).toBe(0);
    expect((await get('province', '/api/activities?cityCode=420500')).json().total).toBe(all.total);
    const paged = (await get('province', '/api/activities?pageSize=1&page=2')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(all.total);
  });
});

describe('correcting an activity', () => {
  it('replaces the fields and the participant list, bumps the version and audits before and after', async () => {
    const res = await update('operator.1', recorded.id, {
      version: 1,
      activity: training({ participantCount: 130, enterpriseIds: [ent.b], subKind: 'salon' }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as TActivityDetail;
    expect(saved).toMatchObject({ version: 2, participantCount: 130, subKind: 'salon', enterpriseCount: 1 });
    expect(saved.enterprises.map((e) => e.id)).toEqual([ent.b]);
    const audit = await lastAudit();
    expect(audit?.action).toBe('activity.updated');
    expect(audit?.before).toMatchObject({
      participantCount: 120,
      version: 1,
      enterpriseIds: [ent.a, ent.b].sort((x, y) => x - y),
    });
    expect(audit?.after).toMatchObject({ participantCount: 130, version: 2, enterpriseIds: [ent.b] });
  });

  it('refuses a stale version (409), bad input naming the field, and other roles; nothing changes', async () => {
    const before = await snapshot();
    const stale = await update('operator.1', recorded.id, { version: 1, activity: training() });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const bad = await update('operator.1', recorded.id, {
      version: 2,
      activity: training({ kind: 'market_expansion', subKind: 'lecture' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields[0].field).toBe('activity.subKind');
    const far = await update('operator.1', recorded.id, {
      version: 2,
      activity: training({ enterpriseIds: [ent.far] }),
    });
    expect(far.json().details).toMatchObject({ field: 'activity.enterpriseIds', ids: [ent.far] });
    expect((await update('county.420502', recorded.id, { version: 2, activity: training() })).statusCode).toBe(403);
    expect((await update('operator.2', recorded.id, { version: 2, activity: training() })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    const now = (await get('operator.1', `/api/activities/${recorded.id}`)).json();
    expect(now).toMatchObject({ version: 2, participantCount: 130, enterpriseCount: 1 });
  });
});

describe('evidence files', () => {
  it('stores a PDF the operator uploads; those who see the activity download it, others get 404', async () => {
    const res = await upload('operator.1', recorded.id, PDF, '签到表.pdf');
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ fileName: '签到表.pdf', contentType: 'application/pdf', size: PDF.length });
    expect((await lastAudit())?.action).toBe('activity.attachment.uploaded');
    const detail = (await get('county.420502', `/api/activities/${recorded.id}`)).json() as TActivityDetail;
    expect(detail.attachments.map((a) => a.id)).toEqual([file.id]);
    const url = `/api/activities/${recorded.id}/attachments/${file.id}`;
    const down = await get('county.420502', url);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect((await get('city.420600', url)).statusCode).toBe(404);
    expect((await get('enterprise.91420500MA4F000001', url)).statusCode).toBe(403);
    expect((await get('province', `/api/activities/${recorded.id}/attachments/${file.id + 1000}`)).statusCode).toBe(
      404,
    );
    // All files share one table: the centre's download route does not serve an activity's file.
    expect((await get('province', `/api/attachments/${file.id}`)).statusCode).toBe(404);
  });

  it('refuses a file of another type (415), officials and other centres; nothing is stored', async () => {
    const before = await snapshot();
    const exe = await upload('operator.1', recorded.id, EXE, '签到表.pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().code).toBe('UNSUPPORTED_FILE');
    expect((await upload('county.420502', recorded.id, PDF, 'a.pdf')).statusCode).toBe(403);
    expect((await upload('operator.2', recorded.id, PDF, 'a.pdf')).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('export', () => {
  it('exports every filtered row as a workbook with headers in the caller’s language', async () => {
    const total = (await get('city.420500', '/api/activities')).json().total as number;
    const res = await get('city.420500', '/api/activities?format=xlsx&pageSize=1');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual(
      expect.arrayContaining(['开始日期', '活动名称', '活动类型', '参与人数', '参与企业数', '外综服中心']),
    );
    expect(sheet?.rowCount).toBe(total + 1);
    const titles = (sheet?.getColumn(3).values ?? []).slice(2);
    expect(titles).toContain('2026年出口退税实务培训');
    expect((sheet?.getColumn(4).values ?? []).slice(2)).toEqual(expect.arrayContaining(['培训', '政策宣贯']));

    const en = await get('city.420500', '/api/activities?format=xlsx&kind=training&lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    const sheetEn = wbEn.worksheets[0];
    expect(sheetEn?.getRow(1).values).toEqual(expect.arrayContaining(['Start', 'Title', 'Kind', 'Enterprises']));
    expect((sheetEn?.getColumn(5).values ?? []).slice(2)).toContain('Business salon');
    // The header and every activity but the one policy promotion.
    expect(sheetEn?.rowCount).toBe(total);
  });
});
