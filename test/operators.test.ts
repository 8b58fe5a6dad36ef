import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/server/db/client';
import { auditEntries, operators } from '../src/server/db/schema';
import { makeCreditCode, makeIdNumber } from '../src/server/demo/identity-factory';
import { legalRepIdNumberFor, makeOperator } from '../src/server/demo/operator-factory';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

describe('operator enterprises (Art. 10): identifiers, protected ID numbers, eligibility', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await buildTestApp();
    for (const u of ['province', 'city.420500', 'county.420502', 'admin']) cookies[u] = await loginAs(t.app, u);
  });
  afterAll(async () => t?.close());

  const body = (serial: number, extra: Record<string, unknown> = {}) => ({
    name: `宜昌测试外贸服务有限公司${serial}`,
    creditCode: makeCreditCode(serial, '420500'),
    legalRepName: '刘经理',
    legalRepIdNumber: makeIdNumber(serial),
    tradeRegistration: `04210${serial}`,
    capabilities: ['integrated_service', 'logistics'],
    premises: '宜昌市西陵区夷陵大道1号',
    contactPhone: '0717-6661234',
    ...extra,
  });
  const post = (user: string, payload: Record<string, unknown>) =>
    as(t.app, cookies[user] ?? '', { method: 'POST', url: '/api/operators', payload });
  const auditHead = async () =>
    rowsOf<{ seq: string }>(await t.deps.db.execute(sql`select seq from audit_head where id = 1`))[0]?.seq;
  const operatorCount = async () => (await t.deps.db.select().from(operators)).length;

  it('registers an operator: the ID number is stored encrypted, shown masked, and kept out of the log', async () => {
    const id = makeIdNumber(1);
    const res = await post('county.420502', body(1, { legalRepIdNumber: id }));
    expect(res.statusCode, res.body).toBe(201);
    const op = res.json();
    expect(op.legalRepIdMasked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(res.body).not.toContain(id);
    const [row] = await t.deps.db.select().from(operators).where(eq(operators.id, op.id));
    expect(row?.legalRepIdEnc.startsWith('v1.')).toBe(true);
    expect(row?.legalRepIdEnc).not.toContain(id);
    const log = await t.deps.db.select().from(auditEntries).where(eq(auditEntries.objectType, 'operator'));
    expect(log.map((e) => e.action)).toContain('operator.created');
    expect(JSON.stringify(log)).not.toContain(id);
    expect(JSON.stringify(log)).not.toContain(row?.legalRepIdEnc ?? 'x');
  });

  it('refuses a credit code whose check character is wrong, naming the field and GB 32100; nothing is written', async () => {
    const good = makeCreditCode(2, '420500');
    const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const [head, count] = [await auditHead(), await operatorCount()];
    const res = await post('county.420502', body(2, { creditCode: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CREDIT_CODE_INVALID', details: { field: 'creditCode' } });
    expect(res.json().message).toContain('GB 32100');
    expect([await auditHead(), await operatorCount()]).toEqual([head, count]);
  });

  it('refuses an ID number with a wrong check digit or an impossible birth date', async () => {
    const id = makeIdNumber(3);
    const wrongCheck = `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`;
    for (const bad of [wrongCheck, '420102199902301234', '42010219800101']) {
      const res = await post('county.420502', body(3, { legalRepIdNumber: bad }));
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ code: 'ID_NUMBER_INVALID', details: { field: 'legalRepIdNumber' } });
    }
    const en = await as(t.app, cookies['county.420502'] ?? '', {
      method: 'POST',
      url: '/api/operators',
      payload: body(3, { legalRepIdNumber: wrongCheck }),
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().message).toMatch(/GB 11643/);
  });

  it('refuses a second registration of one credit code (409) and registrations by a city (403)', async () => {
    await makeOperator(t.deps, { serial: 4, input: { creditCode: makeCreditCode(4, '420500') } });
    expect((await post('province', body(4))).json().code).toBe('CREDIT_CODE_TAKEN');
    const count = await operatorCount();
    expect((await post('city.420500', body(5))).statusCode).toBe(403);
    expect(await operatorCount()).toBe(count);
  });

  it('reveals the full number only to those allowed, and logs every viewing without the number', async () => {
    const op = await makeOperator(t.deps, { serial: 6 });
    const url = `/api/operators/${op.id}/identity`;
    const denied = await as(t.app, cookies['city.420500'] ?? '', { method: 'POST', url });
    expect(denied.statusCode).toBe(403);
    const res = await as(t.app, cookies.province ?? '', { method: 'POST', url });
    expect(res.statusCode).toBe(200);
    expect(res.json().legalRepIdNumber).toBe(legalRepIdNumberFor(6));
    expect(res.headers['cache-control']).toBe('no-store');
    const views = await t.deps.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'operator.identity.viewed'));
    expect(views).toHaveLength(1);
    expect(views[0]?.actorName).toBe('province');
    expect(JSON.stringify(views)).not.toContain(legalRepIdNumberFor(6));
  });

  it('notices a tampered ciphertext instead of showing a wrong number', async () => {
    const op = await makeOperator(t.deps, { serial: 7 });
    const [row] = await t.deps.db.select().from(operators).where(eq(operators.id, op.id));
    // Someone with database access changes the stored bytes: the integrity tag no longer matches.
    const enc = row?.legalRepIdEnc ?? '';
    // Change one character inside the ciphertext part (v1.<iv>.<ct>.<mac>) to a different one.
    const [v, iv, ct, mac] = enc.split('.');
    const ch = ct?.[0] === 'A' ? 'B' : 'A';
    const flipped = [v, iv, `${ch}${ct?.slice(1)}`, mac].join('.');
    expect(flipped).not.toBe(enc);
    await t.deps.db.update(operators).set({ legalRepIdEnc: flipped }).where(eq(operators.id, op.id));
    const res = await as(t.app, cookies.province ?? '', { method: 'POST', url: `/api/operators/${op.id}/identity` });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/\d{17}/);
  });

  it('a violation within 3 years makes the operator ineligible (Art. 10(一)3), citing the article', async () => {
    const op = await makeOperator(t.deps, { serial: 9 });
    expect(op.eligible).toBe(true);
    const res = await as(t.app, cookies.province ?? '', {
      method: 'POST',
      url: `/api/operators/${op.id}/violations`,
      payload: {
        occurredOn: '2025-03-01',
        description: '违规代办退税业务，被税务机关处罚。',
        source: '国家税务总局宜昌市税务局',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.eligible).toBe(false);
    expect(detail.eligibility).toContainEqual(
      expect.objectContaining({
        ok: false,
        article: '第十条（一）3',
        rule: 'operator.violationFree',
        policyVersion: 1,
      }),
    );
    const future = await as(t.app, cookies.province ?? '', {
      method: 'POST',
      url: `/api/operators/${op.id}/violations`,
      payload: { occurredOn: '2027-01-01', description: '未来的日期不应接受。', source: '测试' },
    });
    expect(future.statusCode).toBe(400);
  });

  it('updates with the version the editor saw, re-encrypting a new ID number; a stale version gets 409', async () => {
    const op = await makeOperator(t.deps, { serial: 10 });
    const url = `/api/operators/${op.id}`;
    const newId = makeIdNumber(11, '19750505');
    const ok = await as(t.app, cookies.province ?? '', {
      method: 'PATCH',
      url,
      payload: { version: op.version, legalRepName: '陈经理', legalRepIdNumber: newId },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      legalRepName: '陈经理',
      legalRepIdMasked: `${newId.slice(0, 6)}********${newId.slice(-4)}`,
    });
    const stale = await as(t.app, cookies.province ?? '', {
      method: 'PATCH',
      url,
      payload: { version: op.version, legalRepName: '王' + '经理' },
    });
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const shown = await as(t.app, cookies.province ?? '', { method: 'POST', url: `${url}/identity` });
    expect(shown.json().legalRepIdNumber).toBe(newId);
  });

  it('exports the list with masked numbers only', async () => {
    const res = await as(t.app, cookies.province ?? '', { method: 'GET', url: '/api/operators?format=xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = sheet?.getRow(1).values as unknown[];
    expect(header).toContain('身份证号码（脱敏）');
    const text = JSON.stringify(sheet?.getSheetValues());
    expect(text).toContain('********');
    expect(text).not.toContain(legalRepIdNumberFor(6));
  });
});
