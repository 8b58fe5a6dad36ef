import { type SQL, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCentreDetail } from '../src/contracts/centre';
import type { TOperatorDetail } from '../src/contracts/operator';
import type { TPark } from '../src/contracts/park';
import type { TSanction, TSanctionPreview } from '../src/contracts/sanction';
import { systemContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { makePublishedResult } from '../src/server/demo/assessment-factory';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement, tenderInputFor } from '../src/server/demo/engagement-factory';
import { makePark } from '../src/server/demo/factories';
import { makeOperator } from '../src/server/demo/operator-factory';
import { makeConfirmedPayment } from '../src/server/demo/sanction-factory';
import { applyResultConsequences } from '../src/server/modules/assessment/consequences';
import { readFundingFigures, recomputeFundingFigures } from '../src/server/modules/figures';
import type { OutboundMessage } from '../src/server/modules/message/notify';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/*
 * 处理决定 (Art. 13, 14, 12(三)(2); issue 15; decision 0033): the province disqualifies or blacklists an operator
 * with a numbered letter; in the same transaction the status, the engagements ended, the confirmed payments listed
 * for recovery with the funding figures, the audit entries and the messages. Refusals name their rule and change
 * nothing. The blacklist is public.
 */

let t: TestApp;
/** What the outbound channel (e-mail/SMS adapter) was offered after each commit. */
const outbound: OutboundMessage[] = [];
const USERS = ['province', 'city.420500', 'county.420502', 'park.1'] as const;
type User = (typeof USERS)[number];
const cookies = {} as Record<User, string>;

beforeAll(async () => {
  t = await buildTestApp();
  t.deps.channels = [{ name: 'recording', deliver: async (m) => void outbound.push(m) }];
  for (const u of USERS.filter((u) => u !== 'park.1')) cookies[u] = await loginAs(t.app, u);
});
afterAll(async () => t?.close());

const send = (user: Exclude<User, 'park.1'>, opts: InjectOptions) => as(t.app, cookies[user], opts);
const get = (user: Exclude<User, 'park.1'>, url: string) => send(user, { method: 'GET', url });
const post = (user: Exclude<User, 'park.1'>, url: string, payload: unknown) =>
  send(user, { method: 'POST', url, payload: payload as InjectOptions['payload'] });

async function query<T = Record<string, unknown>>(q: SQL): Promise<T[]> {
  return rowsOf<T>(await t.deps.db.execute(q));
}

let parkNo = 0;
async function newCentre(countyCode = '420502'): Promise<TCentreDetail> {
  parkNo++;
  const park: TPark = await makePark(t.deps, {
    name: `处理测试第${parkNo}经济开发区`,
    kind: 'economic_dev_zone',
    level: 'provincial',
    countyCode,
  });
  return makeCentre(t.deps, { park, target: 'approved', input: { name: `处理测试第${parkNo}外贸综合服务中心` } });
}

let serial = 700;
const newOperator = (): Promise<TOperatorDetail> => makeOperator(t.deps, { serial: ++serial });

/** An operator running a filed centre in 西陵区 (宜昌), with `payments` confirmed payments to it (fen). */
async function runningOperator(payments: number[] = []) {
  const centre = await newCentre();
  const operator = await newOperator();
  await makeEngagement(t.deps, { centre, operator, target: 'filed', withContract: true });
  let year = 2023;
  for (const amountFen of payments) {
    await makeConfirmedPayment(t.deps.db, {
      centreId: centre.id,
      operatorId: operator.id,
      year: year++,
      amountFen,
      paidOn: `${year}-06-30`,
    });
  }
  return { centre, operator };
}

const decide = (user: Exclude<User, 'park.1'>, body: Record<string, unknown>) =>
  post(user, '/api/sanctions', {
    facts: '经核查，该企业在承办期间存在相关违规行为，事实清楚，证据确凿。',
    decidedOn: '2026-11-24',
    effectiveOn: '2026-11-24',
    ...body,
  });

async function everything() {
  return {
    sanctions: await query(sql`select * from sanctions order by id`),
    operators: await query(sql`select id, qualification_status, version from operators order by id`),
    engagements: await query(sql`select id, status, ended_on, version from engagements order by id`),
    recoveries: await query(sql`select * from fund_recoveries order by id`),
    figures: await query(sql`select * from funding_figures order by centre_id, year`),
    messages: await query(sql`select count(*)::int as n from messages`),
    audit: await query(sql`select count(*)::int as n from audit_entries`),
  };
}

async function refused(call: () => Promise<LightMyRequestResponse>, status: number, code: string) {
  const before = await everything();
  const res = await call();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code, res.body).toBe(code);
  expect(await everything()).toEqual(before);
  return res;
}

async function figuresAgree() {
  const key = (r: { centreId: number; year: number }) => `${r.centreId}/${r.year}`;
  const stored = (await readFundingFigures(t.deps.db))
    .filter((r) => r.dueFen || r.paidFen || r.withheldFen || r.toRecoverFen || r.recoveredFen)
    .sort((a, b) => key(a).localeCompare(key(b)));
  const recomputed = (await recomputeFundingFigures(t.deps.db)).sort((a, b) => key(a).localeCompare(key(b)));
  expect(stored).toEqual(recomputed);
}

describe('deciding a disqualification (Art. 13)', () => {
  it('on 13.2: the status, the letter, the engagement ended, no recovery, the messages and the audit', async () => {
    const { centre, operator } = await runningOperator([3_800_000]);
    const res = await decide('province', { kind: 'disqualification', operatorId: operator.id, grounds: ['13.2'] });
    expect(res.statusCode, res.body).toBe(201);
    const s: TSanction = res.json();
    expect(s.letterNumber).toMatch(/^鄂商务外综处〔2026〕\d+号$/);
    expect(s.effects).toMatchObject({
      qualificationBefore: 'qualified',
      qualificationAfter: 'disqualified',
      recoveryCalledFor: false,
      recoveries: [],
      recoveryTotalFen: 0,
    });
    expect(s.effects.engagementsEnded).toEqual([
      expect.objectContaining({ centreId: centre.id, centreName: centre.name, status: 'filed' }),
    ]);
    expect(s.policyVersion).toBeGreaterThanOrEqual(1);

    const op = await get('province', `/api/operators/${operator.id}`);
    expect(op.json().qualificationStatus).toBe('disqualified');
    const [e] = await query<{ status: string; end_reason: string }>(
      sql`select status, end_reason from engagements where operator_id = ${operator.id}`,
    );
    expect(e).toEqual({ status: 'ended', end_reason: 'qualification_cancelled' });
    const detail = await get('county.420502', `/api/centres/${centre.id}`);
    expect(detail.json().operatorName).toBeNull();
    expect(await query(sql`select * from fund_recoveries where operator_id = ${operator.id}`)).toEqual([]);

    const told = await query<{ role: string }>(
      sql`select u.role from messages m join users u on u.id = m.user_id
          where m.kind = 'sanction.disqualified' and m.subject = ${`sanction:${s.id}`} order by u.role`,
    );
    expect(told.map((r) => r.role)).toEqual(expect.arrayContaining(['city', 'county']));
    // The same messages are offered to the outbound channels once the decision is committed.
    const offered = outbound.filter(
      (m) => m.kind === 'sanction.disqualified' && m.params.letterNumber === s.letterNumber,
    );
    expect(offered.length).toBe(told.length);
    const audit = await query<{ action: string }>(
      sql`select action from audit_entries where object_type = 'sanction' and object_id = ${String(s.id)}`,
    );
    expect(audit.map((a) => a.action)).toEqual(['sanction.decided']);
  });

  it('on 13.3: every confirmed payment is listed for recovery, and the figures equal their recomputation', async () => {
    const { operator } = await runningOperator([3_800_000, 4_125_050]);
    const res = await decide('province', {
      kind: 'disqualification',
      operatorId: operator.id,
      grounds: ['13.3', '13.4'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const s: TSanction = res.json();
    expect(s.effects.recoveryCalledFor).toBe(true);
    expect(s.effects.recoveries.map((r) => r.dueFen)).toEqual([3_800_000, 4_125_050]);
    expect(s.effects.recoveryTotalFen).toBe(7_925_050);
    expect(s.recoveries.every((r) => r.status === 'due')).toBe(true);
    const listed = await query(
      sql`select action from audit_entries where action = 'funding.recovery.listed' and after->>'sanctionId' = ${String(s.id)}`,
    );
    expect(listed).toHaveLength(2);
    await figuresAgree();
    const figures = await readFundingFigures(t.deps.db);
    expect(figures.reduce((sum, f) => sum + f.toRecoverFen, 0)).toBeGreaterThanOrEqual(7_925_050);
  });
});

describe('blacklisting (Art. 14)', () => {
  it('escalates a disqualified operator, lists the payments the first decision left, and publishes it', async () => {
    const { operator } = await runningOperator([1_000_000]);
    const first = await decide('province', { kind: 'disqualification', operatorId: operator.id, grounds: ['13.4'] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().effects.recoveries).toEqual([]);
    const second = await decide('province', { kind: 'blacklist', operatorId: operator.id, grounds: ['14'] });
    expect(second.statusCode, second.body).toBe(201);
    const s: TSanction = second.json();
    expect(s.effects).toMatchObject({
      qualificationBefore: 'disqualified',
      qualificationAfter: 'blacklisted',
      engagementsEnded: [],
      recoveryTotalFen: 1_000_000,
    });
    await figuresAgree();

    // Public, without sign-in: only what the letter makes public.
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/blacklist' });
    expect(pub.statusCode, pub.body).toBe(200);
    const entry = pub.json().items.find((i: { creditCode: string }) => i.creditCode === operator.creditCode);
    expect(entry).toEqual({
      operatorName: operator.name,
      creditCode: operator.creditCode,
      letterNumber: s.letterNumber,
      decidedOn: '2026-11-24',
      grounds: ['第十四条 恶意套取财政补助资金'],
    });
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/public/blacklist',
      headers: { 'accept-language': 'en' },
    });
    expect(JSON.stringify(en.json())).toContain('Malicious obtaining of public subsidy funds');
    // A disqualified (not blacklisted) operator is not on it.
    expect(JSON.stringify(pub.json())).not.toContain(first.json().letterNumber);

    // The blacklisted operator is refused in a tender by its status (Art. 10(一), 14).
    const centre = await newCentre();
    const tender = await post(
      'county.420502',
      `/api/centres/${centre.id}/engagements`,
      tenderInputFor(centre, operator, '2026-11-24'),
    );
    expect(tender.statusCode, tender.body).toBe(409);
    expect(tender.json().code).toBe('OPERATOR_INELIGIBLE');
  });
});

describe('refusals name their rule and change nothing', () => {
  it('a ground of the other kind, a ground only the assessment sets, dates, the role, an unknown operator', async () => {
    const { operator } = await runningOperator([500_000]);
    const wrong = await refused(
      () => decide('province', { kind: 'disqualification', operatorId: operator.id, grounds: ['14'] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(wrong.json().message).toContain('第十四条');
    expect(wrong.json().details.field).toBe('grounds');
    await refused(
      () => decide('province', { kind: 'blacklist', operatorId: operator.id, grounds: ['13.1'] }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      () => decide('province', { kind: 'disqualification', operatorId: operator.id, grounds: ['12.3'] }),
      400,
      'VALIDATION_FAILED',
    );
    const dates = await refused(
      () =>
        decide('province', {
          kind: 'disqualification',
          operatorId: operator.id,
          grounds: ['13.1'],
          decidedOn: '2026-11-20',
          effectiveOn: '2026-11-19',
        }),
      400,
      'VALIDATION_FAILED',
    );
    expect(dates.json().details.field).toBe('effectiveOn');
    const future = await refused(
      () =>
        decide('province', {
          kind: 'disqualification',
          operatorId: operator.id,
          grounds: ['13.1'],
          decidedOn: '2026-11-20',
          effectiveOn: '2026-11-30',
        }),
      400,
      'VALIDATION_FAILED',
    );
    expect(future.json().details.field).toBe('effectiveOn');
    await refused(
      () =>
        decide('province', {
          kind: 'disqualification',
          operatorId: operator.id,
          grounds: ['13.1'],
          decidedOn: '2026-11-25',
          effectiveOn: '2026-11-25',
        }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      () => decide('city.420500', { kind: 'blacklist', operatorId: operator.id, grounds: ['14'] }),
      403,
      'FORBIDDEN',
    );
    await refused(
      () => decide('province', { kind: 'blacklist', operatorId: 999_999, grounds: ['14'] }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('disqualifying a disqualified operator, and any decision on a blacklisted one (409, the article named)', async () => {
    const a = await newOperator();
    expect(
      (await decide('province', { kind: 'disqualification', operatorId: a.id, grounds: ['13.2'] })).statusCode,
    ).toBe(201);
    const again = await refused(
      () => decide('province', { kind: 'disqualification', operatorId: a.id, grounds: ['13.4'] }),
      409,
      'SANCTION_RULE',
    );
    expect(again.json().message).toContain('第十三条');
    const b = await newOperator();
    expect((await decide('province', { kind: 'blacklist', operatorId: b.id, grounds: ['14'] })).statusCode).toBe(201);
    for (const kind of ['blacklist', 'disqualification'] as const) {
      const res = await refused(
        () => decide('province', { kind, operatorId: b.id, grounds: kind === 'blacklist' ? ['14'] : ['13.1'] }),
        409,
        'SANCTION_RULE',
      );
      expect(res.json().message).toContain('第十四条');
    }
  });
});

describe('letters, preview, reading, printing and evidence', () => {
  it('numbers the letters of a year one after another, also when decided at the same moment', async () => {
    const ops = await Promise.all([1, 2, 3, 4, 5].map(() => newOperator()));
    const results = await Promise.all(
      ops.map((o) => decide('province', { kind: 'disqualification', operatorId: o.id, grounds: ['13.2'] })),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const serials = await query<{ letter_serial: number }>(
      sql`select letter_serial from sanctions where letter_year = 2026 order by letter_serial`,
    );
    expect(serials.map((s) => s.letter_serial)).toEqual(serials.map((_, i) => i + 1));
  });

  it('the preview lists what would end and what would be recovered, and changes nothing', async () => {
    const { centre, operator } = await runningOperator([2_000_000]);
    const before = await everything();
    const res = await get('province', `/api/sanctions/preview?operatorId=${operator.id}&kind=blacklist&grounds=14`);
    expect(res.statusCode, res.body).toBe(200);
    const p: TSanctionPreview = res.json();
    expect(p).toMatchObject({ refusal: null, qualificationAfter: 'blacklisted', recoveryTotalFen: 2_000_000 });
    expect(p.engagementsEnded.map((e) => e.centreId)).toEqual([centre.id]);
    const light = await get(
      'province',
      `/api/sanctions/preview?operatorId=${operator.id}&kind=disqualification&grounds=13.2`,
    );
    expect(light.json()).toMatchObject({ recoveryCalledFor: false, recoveries: [] });
    expect(await everything()).toEqual(before);
    expect(
      (await get('city.420500', `/api/sanctions/preview?operatorId=${operator.id}&kind=blacklist`)).statusCode,
    ).toBe(403);
    expect(
      (await get('province', `/api/sanctions/preview?operatorId=${operator.id}&kind=blacklist&grounds=99`)).statusCode,
    ).toBe(400);
  });

  it('lists and filters, shows the detail to officials, prints the letter, and keeps the evidence', async () => {
    const { operator } = await runningOperator([1_234_567]);
    const made = await decide('province', { kind: 'blacklist', operatorId: operator.id, grounds: ['14'] });
    const s: TSanction = made.json();
    const list = await get('city.420500', `/api/sanctions?operatorId=${operator.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([s.id]);
    const blacklists = await get('province', '/api/sanctions?kind=blacklist&pageSize=100');
    expect(blacklists.json().items.every((i: { kind: string }) => i.kind === 'blacklist')).toBe(true);

    const detail = await get('county.420502', `/api/sanctions/${s.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().recoveries).toHaveLength(1);
    // Another city reads the decision but not how 宜昌's recoveries stand.
    const other = await as(t.app, await loginAs(t.app, 'city.420600'), {
      method: 'GET',
      url: `/api/sanctions/${s.id}`,
    });
    expect(other.json().recoveries).toEqual([]);

    const print = await get('province', `/api/sanctions/${s.id}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.headers['content-security-policy']).toContain("default-src 'none'");
    expect(print.body).toContain(s.letterNumber);
    expect(print.body).toContain('第十四条');
    expect(print.body).toContain('12,345.67 元');
    expect(print.body).toContain('湖北省商务厅');

    const pdf = Buffer.from('%PDF-1.4\n核查报告\n%%EOF');
    const upload = await send('province', {
      method: 'POST',
      url: `/api/sanctions/${s.id}/attachments`,
      payload: pdf,
      headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('核查报告.pdf') },
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const cityUpload = await send('city.420500', {
      method: 'POST',
      url: `/api/sanctions/${s.id}/attachments`,
      payload: pdf,
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'x.pdf' },
    });
    expect(cityUpload.statusCode).toBe(403);
    const withFile: TSanction = (await get('city.420500', `/api/sanctions/${s.id}`)).json();
    expect(withFile.attachments).toHaveLength(1);
    const file = await get('city.420500', `/api/sanctions/${s.id}/attachments/${withFile.attachments[0]?.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await get('province', `/api/sanctions/${s.id + 1000}`)).statusCode).toBe(404);
  });
});

describe('from the assessment (Art. 12(三)(2))', () => {
  it('confirming the cancellation after two 较差 years makes the same decision, on ground 12.3', async () => {
    const { centre, operator } = await runningOperator([900_000]);
    for (const year of [2025, 2026]) {
      await makePublishedResult(t.deps.db, {
        centreId: centre.id,
        year,
        grade: 'poor',
        total: '52.00',
        operatorId: operator.id,
      });
      const [cycle] = await query<{ id: number }>(sql`select id from assessment_cycles where year = ${year}`);
      await t.deps.db.transaction((tx) =>
        applyResultConsequences(tx, systemContext(t.deps, 'province'), {
          cycleId: cycle?.id ?? 0,
          year,
          at: new Date(`${year + 1}-04-15T02:00:00Z`),
        }),
      );
    }
    const [due] = await query<{ id: number; version: number }>(
      sql`select id, version from assessment_consequences where kind = 'cancellation_due' and centre_id = ${centre.id}`,
    );
    if (!due) throw new Error('no cancellation due');
    const res = await post('province', `/api/assessment/consequences/${due.id}/confirm-cancellation`, {
      version: due.version,
      comment: '经核实，连续两年较差。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [s] = await query<{
      kind: string;
      grounds: string[];
      consequence_id: number;
      letter_number: string;
      effects: TSanction['effects'];
    }>(
      sql`select kind, grounds, consequence_id, letter_number, effects from sanctions where operator_id = ${operator.id}`,
    );
    expect(s).toMatchObject({ kind: 'disqualification', grounds: ['12.3'], consequence_id: due.id });
    expect(s?.letter_number).toMatch(/^鄂商务外综处〔2026〕\d+号$/);
    expect(s?.effects.engagementsEnded.map((e) => e.centreId)).toEqual([centre.id]);
    // No recovery on this ground (decision 0033): the service paid for was given.
    expect(s?.effects.recoveryCalledFor).toBe(false);
    expect((await get('province', `/api/operators/${operator.id}`)).json().qualificationStatus).toBe('disqualified');
  });
});
