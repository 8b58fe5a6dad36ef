import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_IMPORT_HEADERS } from '../src/contracts/staff';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(rows: (string | number)[][], header: readonly string[] = STAFF_IMPORT_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('派驻人员');
  sheet.addRow([...header]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('staff roster and the Art. 7 minimums', () => {
  let t: TestApp;
  let centreId: number;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await buildTestApp();
    // Centre 1 in the national 宜昌高新区: the fixture operator (centreId 1) runs it.
    centreId = (await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' })).id;
    expect(centreId).toBe(1);
    for (const u of ['operator.1', 'county.420502', 'county.420583', 'city.420500', 'province']) {
      cookies[u] = await loginAs(t.app, u);
    }
  });
  afterAll(async () => t?.close());

  const roster = (user = 'province') =>
    as(t.app, cookies[user] ?? '', { method: 'GET', url: `/api/centres/${centreId}/staff` });
  const add = (user: string, payload: Record<string, unknown>) =>
    as(t.app, cookies[user] ?? '', { method: 'POST', url: `/api/centres/${centreId}/staff`, payload });
  const upload = (user: string, body: Buffer | string, type: string, lang = 'zh-CN') =>
    as(t.app, cookies[user] ?? '', {
      method: 'POST',
      url: `/api/centres/${centreId}/staff/import`,
      payload: body,
      headers: { 'content-type': type, 'accept-language': lang },
    });
  const staffCount = async () =>
    Number(rowsOf<{ n: string }>(await t.deps.db.execute(sql`select count(*) as n from centre_staff`))[0]?.n);
  const auditSeq = async () =>
    rowsOf<{ seq: string }>(await t.deps.db.execute(sql`select seq from audit_head where id = 1`))[0]?.seq;
  const person = (name: string, tradeYears: number, customsDeclarant = false, foreignLanguage = false) => ({
    name,
    tradeYears,
    customsDeclarant,
    foreignLanguage,
    socialInsuranceProof: `宜昌市社保参保证明-${name}`,
  });

  it('judges a national-level park against 5 / 2 / 1 / 1, from the parameter version, citing 第七条', async () => {
    for (const p of [person('张甲', 5, true), person('张乙', 2.9, false, true), person('张丙', 1)]) {
      expect((await add('operator.1', p)).statusCode).toBe(201);
    }
    let v = (await roster()).json().verdicts as { rule: string; ok: boolean; required: number; actual: number }[];
    expect(v.find((x) => x.rule === 'staff.total')).toMatchObject({ ok: false, required: 5, actual: 3 });
    // 2.9 years is not "3 years or more".
    expect(v.find((x) => x.rule === 'staff.tradeYears')).toMatchObject({ ok: false, required: 2, actual: 1 });
    expect(v.every((x) => 'article' in x)).toBe(true);
    await add('county.420502', person('张丁', 3));
    expect((await roster()).json().verdicts.find((x: { rule: string }) => x.rule === 'staff.total').actual).toBe(4);
    await add('operator.1', person('张戊', 8));
    v = (await roster()).json().verdicts;
    expect(v.every((x) => x.ok)).toBe(true);
  });

  it('lets only the centre’s operator and its county change the roster; others are refused and nothing changes', async () => {
    const [count, seq] = [await staffCount(), await auditSeq()];
    expect((await add('city.420500', person('张己', 1))).statusCode).toBe(403);
    expect((await add('province', person('张己', 1))).statusCode).toBe(403);
    expect((await add('county.420583', person('张己', 1))).statusCode).toBe(404);
    expect([await staffCount(), await auditSeq()]).toEqual([count, seq]);
    expect((await roster('county.420583')).statusCode).toBe(404);
  });

  it('removes a staff member, audited', async () => {
    const created = (await add('operator.1', person('张庚', 1))).json();
    const res = await as(t.app, cookies['operator.1'] ?? '', {
      method: 'DELETE',
      url: `/api/centres/${centreId}/staff/${created.id}`,
    });
    expect(res.statusCode).toBe(204);
    expect((await roster()).json().items.map((s: { id: number }) => s.id)).not.toContain(created.id);
  });

  it('imports an .xlsx roster whole', async () => {
    const before = await staffCount();
    const res = await upload(
      'operator.1',
      await xlsx([
        ['张辛', 4, '是', '否', '证明1'],
        ['张壬', '1.5', '否', '是', '证明2'],
      ]),
      XLSX,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    expect(await staffCount()).toBe(before + 2);
  });

  it('imports a .csv with a BOM, as Excel saves it', async () => {
    const before = await staffCount();
    const csv = `\uFEFF${STAFF_IMPORT_HEADERS.join(',')}\n张癸,6,是,是,证明3\n`;
    const res = await upload('county.420502', csv, 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(await staffCount()).toBe(before + 1);
  });

  it('refuses a file with any bad row, reports every bad cell by row, and imports nothing', async () => {
    const [count, seq] = [await staffCount(), await auditSeq()];
    const file = await xlsx([
      ['张子', 3, '是', '否', '证明'],
      ['张丑', '三年', '是', '否', '证明'],
      ['张寅', 2, '也许', '否', '证明'],
      ['', 2, '否', '否', '证明'],
    ]);
    const res = await upload('operator.1', file, XLSX);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_REJECTED');
    const errors = res.json().details.errors as { row: number; field: string }[];
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'tradeYears'],
      [4, 'customsDeclarant'],
      [5, 'name'],
    ]);
    expect(res.json().message).toContain('3 行');
    expect([await staffCount(), await auditSeq()]).toEqual([count, seq]);
    const en = await upload('operator.1', file, XLSX, 'en');
    expect(en.json().details.errors[0].reason).toMatch(/not a number of years/);
  });

  it('refuses a wrong header row and a file that is not a spreadsheet', async () => {
    const wrong = await upload(
      'operator.1',
      await xlsx([['张甲', 1, '是', '是', '证明']], ['name', 'years', 'a', 'b', 'c']),
      XLSX,
    );
    expect(wrong.json()).toMatchObject({ code: 'IMPORT_REJECTED', details: { errors: [{ row: 1, field: 'header' }] } });
    const garbage = await upload('operator.1', Buffer.from('this is not a workbook'), XLSX);
    expect(garbage.statusCode).toBe(415);
    expect(garbage.json().code).toBe('UNSUPPORTED_FILE');
  });

  it('refuses a roster over 500 rows as soon as row 501 is read, naming the limit; 500 rows pass', async () => {
    const [count, seq] = [await staffCount(), await auditSeq()];
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`批量${i}`, 2, '否', '否', '证明']);
    const over = await upload('operator.1', await xlsx(rows(5000)), XLSX);
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ code: 'IMPORT_REJECTED', details: { errors: [{ row: 0, field: 'file' }] } });
    expect(over.json().details.errors[0].reason).toBe(
      '文件超过 500 行数据（读到第 502 行时已有 501 行数据，已停止读取），每次最多导入 500 行，请分成多个文件',
    );
    const csv = [STAFF_IMPORT_HEADERS.join(','), ...rows(501).map((r) => r.join(','))].join('\n');
    const overCsv = await upload('operator.1', csv, 'text/csv', 'en');
    expect(overCsv.json().details.errors[0].reason).toContain('more than 500 data rows');
    const long = await upload('operator.1', await xlsx([['张长', 2, '否', '否', '证'.repeat(1001)]]), XLSX);
    expect(long.json().details.errors).toEqual([
      { row: 2, field: 'file', reason: '第 2 行 E 列的内容超过 1000 个字符，请检查该单元格' },
    ]);
    expect([await staffCount(), await auditSeq()]).toEqual([count, seq]);

    const at = await upload('operator.1', await xlsx(rows(500)), XLSX);
    expect(at.statusCode, at.body).toBe(200);
    expect(at.json()).toEqual({ imported: 500 });
    expect(await staffCount()).toBe(count + 500);
  });

  it('offers a header-only template that imports as an empty file', async () => {
    const res = await as(t.app, cookies['operator.1'] ?? '', { method: 'GET', url: '/api/staff-import-template' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('template has no sheet');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...STAFF_IMPORT_HEADERS]);
    const back = await upload('operator.1', res.rawPayload, XLSX);
    expect(back.json()).toMatchObject({ code: 'IMPORT_REJECTED', details: { errors: [{ field: 'file' }] } });
  });
});

describe('staffing on the lists and the province dashboard (issue 5: "shown on the centre page and province dashboards")', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('marks a provincial-park centre with 2 staff as below Art. 7 until the third qualified person joins', async () => {
    const c = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved' });
    const county = await loginAs(t.app, 'county.420583');
    const province = await loginAs(t.app, 'province');
    const person = (name: string, tradeYears: number, customsDeclarant: boolean, foreignLanguage: boolean) =>
      as(t.app, county, {
        method: 'POST',
        url: `/api/centres/${c.id}/staff`,
        payload: { name, tradeYears, customsDeclarant, foreignLanguage, socialInsuranceProof: '枝江社保参保证明' },
      });
    await person('赵一鸣', 4, true, false);
    await person('钱二丽', 1, false, true);
    const row = async () =>
      (await as(t.app, province, { method: 'GET', url: '/api/centres' }))
        .json()
        .items.find((x: { id: number }) => x.id === c.id);
    const stats = async () => (await as(t.app, province, { method: 'GET', url: '/api/centres/stats' })).json();
    expect(await row()).toMatchObject({ staffCount: 2, staffCompliant: false });
    expect((await stats()).staffNonCompliant).toBe(1);
    await person('孙三强', 1, false, false);
    expect(await row()).toMatchObject({ staffCount: 3, staffCompliant: true });
    expect((await stats()).staffNonCompliant).toBe(0);
  });
});
