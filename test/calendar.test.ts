import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { runHousekeeping } from '../src/server/housekeeping';
import { setEnteredCalendar } from '../src/server/policy/rules/working-calendar';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

const ENT = 'enterprise.91420500MA4F000001';
const OP = 'operator.1';
/** Invented for the tests: not the State Council's arrangement of 2027, which the tests cannot know. */
const NOTICE = { title: '测试用2027年节假日安排（虚构）', number: '测试〔2026〕1号', issuedOn: '2026-11-20' };
const ENTRY = {
  notice: NOTICE,
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-12' },
  ],
  workdays: [{ day: '2027-01-09', name: '元旦' }],
};
const ICS = fs.readFileSync(path.resolve(import.meta.dirname, 'fixtures/holidays-2027-invented.ics'), 'utf8');

describe('the official calendar past 2026 (issue 10)', () => {
  let t: TestApp;
  let rectificationRecord: number;
  let engagementId: number;
  const cookies: Record<string, string> = {};
  const call = async (u: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, lang = 'zh-CN') => {
    cookies[u] ??= await loginAs(t.app, u);
    return as(t.app, cookies[u] as string, {
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      headers: { 'accept-language': lang },
    });
  };
  const snapshot = async () => ({
    years: rowsOf(await t.deps.db.execute(sql`select * from calendar_years order by year`)),
    days: rowsOf(await t.deps.db.execute(sql`select * from calendar_days order by day`)),
    rectifications: rowsOf(await t.deps.db.execute(sql`select id, due_on, version from rectifications order by id`)),
    engagements: rowsOf(await t.deps.db.execute(sql`select id, filing_deadline, version from engagements order by id`)),
    audit: rowsOf(await t.deps.db.execute(sql`select seq, hash from audit_head`)),
  });

  beforeAll(async () => {
    t = await buildTestApp();
    // Mid-December 2026: a 15-working-day count reaches into 2027, which the built-in calendar does not know.
    t.clock.now = new Date('2026-12-15T09:00:00+08:00');
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    await makeEngagement(t.deps, { centre, operator: await makeOperator(t.deps, { serial: 61 }), target: 'filed' });
    // Signed on 14 Dec, not yet reported: its filing deadline is stored.
    const other = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved' });
    const signed = await makeEngagement(t.deps, {
      centre: other,
      operator: await makeOperator(t.deps, { serial: 62 }),
      target: 'signed',
      signedOn: '2026-12-14',
    });
    engagementId = signed.id;
    let r = (
      await call(ENT, 'POST', '/api/service-records/requests', {
        centreId: centre.id,
        category: 'tax_refund',
        subItem: 'refund_declaration',
        requestText: '请协助办理本月出口退税申报。',
      })
    ).json();
    for (const [name, body] of [
      ['accept', {}],
      ['complete', { resultText: '已办结。' }],
    ] as const) {
      r = (await call(OP, 'POST', `/api/service-records/${r.id}/${name}`, { version: r.version, ...body })).json();
    }
    expect((await call(ENT, 'POST', `/api/service-records/${r.id}/rating`, { level: 'dissatisfied' })).statusCode).toBe(
      200,
    );
    rectificationRecord = r.id;
    // Signed in before the refusal tests take their snapshots (a sign-in is audited).
    for (const u of ['admin', 'province', 'city.420500', 'county.420583']) await call(u, 'GET', '/api/me');
  });
  afterAll(async () => {
    setEnteredCalendar([]);
    await t?.close();
  });

  it('counts a rectification opened on 15 Dec 2026 on weekends alone, and says so; the admin is warned', async () => {
    const d = (await call(OP, 'GET', `/api/service-records/${rectificationRecord}`)).json();
    expect(d.rectification).toMatchObject({ openedOn: '2026-12-15', dueOn: '2027-01-05' });
    expect(d.rectification.calendar).toBe(
      '工作日计算：2026年按系统内置的国务院节假日安排；2027年节假日安排尚未录入，仅按周末推算',
    );
    const e = (await call('county.420583', 'GET', `/api/engagements/${engagementId}`)).json();
    expect(e.filingDeadline).toBe('2027-01-04');
    expect(e.filingVerdict.calendars[1]).toEqual({ year: 2027, source: 'weekendsOnly', notice: null });
    const overview = (await call('admin', 'GET', '/api/calendar/years')).json();
    expect(overview.missing).toEqual([2027]);
    expect(overview.items.map((y: { year: number; source: string }) => [y.year, y.source])).toEqual([
      [2027, 'weekendsOnly'],
      [2026, 'builtIn'],
      [2025, 'builtIn'],
    ]);
    const y2026 = (await call('city.420500', 'GET', '/api/calendar/years/2026')).json();
    expect(y2026.source).toBe('builtIn');
    expect(y2026.holidays).toContainEqual({ name: '国庆节', from: '2026-10-01', to: '2026-10-07' });
  });

  it('previews an .ics file without storing anything, and refuses one with nothing for the year', async () => {
    const before = await snapshot();
    const p = await call('admin', 'POST', '/api/calendar/import-preview', { year: 2027, ics: ICS });
    expect(p.statusCode).toBe(200);
    expect(p.json().holidays[0]).toEqual({ name: '元旦', from: '2027-01-01', to: '2027-01-03' });
    const empty = await call('admin', 'POST', '/api/calendar/import-preview', { year: 2030, ics: ICS });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'CALENDAR_IMPORT_EMPTY' });
    expect(empty.json().message).toContain('文件中没有 2030 年的放假日或调休上班日');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a wrong arrangement with the field named, in Chinese and English, changing nothing', async () => {
    const before = await snapshot();
    const both = { ...ENTRY, workdays: [{ day: '2027-01-02', name: null }] };
    const zh = await call('admin', 'PUT', '/api/calendar/years/2027', both);
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({ code: 'CALENDAR_INVALID', details: { field: 'workdays[0]' } });
    expect(zh.json().message).toBe('节假日安排有误：2027-01-02 既是“元旦”的放假日，又是调休上班日');
    const en = await call('admin', 'PUT', '/api/calendar/years/2027', both, 'en');
    expect(en.json().message).toBe(
      'The holiday arrangement is wrong: 2027-01-02 is both a day off of "元旦" and a make-up working day',
    );
    const overlap = await call('admin', 'PUT', '/api/calendar/years/2027', {
      ...ENTRY,
      holidays: [...ENTRY.holidays, { name: '重叠', from: '2027-02-12', to: '2027-02-14' }],
    });
    expect(overlap.json()).toMatchObject({ code: 'CALENDAR_INVALID', details: { field: 'holidays[2]' } });
    const bad = await call('admin', 'PUT', '/api/calendar/years/2027', {
      ...ENTRY,
      notice: { ...NOTICE, issuedOn: '2026-02-30' },
    });
    expect(bad.statusCode).toBe(400);
    expect(await call('province', 'PUT', '/api/calendar/years/2027', ENTRY).then((r) => r.statusCode)).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('entering 2027 moves the deadlines counted on weekends alone, audited, and their verdicts name the notice', async () => {
    const res = await call('admin', 'PUT', '/api/calendar/years/2027', ENTRY);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2027, source: 'entered', notice: NOTICE, version: 1 });
    expect(body.recomputed).toEqual(
      expect.arrayContaining([
        { kind: 'rectification', id: expect.any(Number), from: '2027-01-05', to: '2027-01-06' },
        { kind: 'engagement', id: engagementId, from: '2027-01-04', to: '2027-01-05' },
      ]),
    );
    const d = (await call(OP, 'GET', `/api/service-records/${rectificationRecord}`)).json();
    expect(d.rectification.dueOn).toBe('2027-01-06');
    expect(d.rectification.calendar).toContain('2027年按《测试用2027年节假日安排（虚构）》（测试〔2026〕1号）');
    const e = (await call('county.420583', 'GET', `/api/engagements/${engagementId}`)).json();
    expect(e.filingDeadline).toBe('2027-01-05');
    expect(e.filingVerdict.required).toBe('2027-01-05');
    expect(e.filingVerdict.calendars[1]).toEqual({ year: 2027, source: 'entered', notice: NOTICE });
    expect(e.filingVerdict.message['zh-CN']).toContain('《测试用2027年节假日安排（虚构）》');

    const audit = rowsOf<{ action: string; object_id: string; before: unknown; after: { dueOn?: string } }>(
      await t.deps.db.execute(
        sql`select action, object_id, before, after from audit_entries where action in ('calendar.year.entered', 'rectification.deadline.recomputed', 'engagement.filingDeadline.recomputed') order by seq`,
      ),
    );
    expect(audit.map((a) => a.action)).toEqual([
      'rectification.deadline.recomputed',
      'engagement.filingDeadline.recomputed',
      'calendar.year.entered',
    ]);
    expect(audit[0]).toMatchObject({ before: { dueOn: '2027-01-05' }, after: { dueOn: '2027-01-06' } });
    expect((await call('admin', 'GET', '/api/calendar/years')).json().missing).toEqual([]);
    expect((await call('admin', 'GET', '/api/audit/verify')).json().ok).toBe(true);
  });

  it('refuses to enter a year twice unless replaced with a reason; a replacement recomputes again', async () => {
    const before = await snapshot();
    const again = await call('admin', 'PUT', '/api/calendar/years/2027', ENTRY);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CALENDAR_YEAR_ENTERED', details: { field: 'replaceReason' } });
    expect(await snapshot()).toEqual(before);

    const replaced = await call('admin', 'PUT', '/api/calendar/years/2027', {
      ...ENTRY,
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }],
      replaceReason: '更正元旦放假天数',
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ version: 2, replaceReason: '更正元旦放假天数' });
    expect(replaced.json().recomputed).toContainEqual({
      kind: 'engagement',
      id: engagementId,
      from: '2027-01-05',
      to: '2027-01-06',
    });
    const [entry] = rowsOf<{ before: { holidays: unknown[] }; after: { replaceReason: string } }>(
      await t.deps.db.execute(sql`select before, after from audit_entries where action = 'calendar.year.replaced'`),
    );
    expect(entry?.before.holidays).toHaveLength(2);
    expect(entry?.after.replaceReason).toBe('更正元旦放假天数');
  });

  it('another instance picks an entry up in its housekeeping sweep', async () => {
    setEnteredCalendar([]); // as if this process had not seen the entry
    expect((await call('admin', 'GET', '/api/calendar/years')).json().missing).toEqual([2027]);
    await runHousekeeping(t.deps);
    expect((await call('admin', 'GET', '/api/calendar/years')).json().missing).toEqual([]);
  });
});
