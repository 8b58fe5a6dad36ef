import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCentreDetail } from '../src/contracts/centre';
import {
  ELIGIBILITY_ITEMS,
  REQUIRED_MATERIALS,
  type TEngagement,
  type TEngagementDetail,
  type TRecordTenderRequest,
} from '../src/contracts/engagement';
import type { TOperatorDetail } from '../src/contracts/operator';
import type { TPark } from '../src/contracts/park';
import { rowsOf } from '../src/server/db/client';
import { type CentreTarget, makeCentre } from '../src/server/demo/centre-factory';
import { type EngagementTarget, makeEngagement, tenderInputFor } from '../src/server/demo/engagement-factory';
import { makeCreditCode } from '../src/server/demo/identity-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { beijingDay } from '../src/server/policy/policy';
import { ELIGIBILITY_LABELS, MATERIAL_LABELS } from '../src/server/policy/rules/operator-application';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/**
 * Operator engagements through the HTTP API (Art. 10(一)–(三) of the draft policy): the county's tender, the seven
 * materials and the eligibility checklist, the tripartite agreement and its filing deadline, the city's report, the
 * province's return or filing (the centre then operates), the annual contracts, and who sees what. One app for the
 * file; every test makes its own centres and operators. Every refusal leaves the engagements, their files, events
 * and contracts, the centres and the audit chain as they were.
 */

let t: TestApp;
const USERS = [
  'admin',
  'province',
  'city.420500',
  'city.420600',
  'county.420502',
  'county.420583',
  'operator.1',
  'evaluator.1',
] as const;
type User = (typeof USERS)[number];
const cookies = {} as Record<User, string>;
/** Centre id 1 (operator.1's centre in the fixture): the only centre of 枝江经济开发区, made first. */
let centreOne: TCentreDetail;

beforeAll(async () => {
  t = await buildTestApp();
  centreOne = await makeCentre(t.deps, {
    park: t.world.parks.zhijiang,
    target: 'approved',
    input: { name: '枝江经济开发区外贸综合服务中心' },
  });
  for (const u of USERS) cookies[u] = await loginAs(t.app, u);
});
afterAll(async () => t?.close());

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const today = () => beijingDay(t.clock.fn());

const send = (user: User, opts: InjectOptions) => as(t.app, cookies[user], opts);
const get = (user: User, url: string) => send(user, { method: 'GET', url });
const post = (user: User, url: string, payload: unknown) =>
  send(user, { method: 'POST', url, payload: payload as InjectOptions['payload'] });
const put = (user: User, url: string, payload: unknown) =>
  send(user, { method: 'PUT', url, payload: payload as InjectOptions['payload'] });

async function query<T = Record<string, unknown>>(q: SQL): Promise<T[]> {
  return rowsOf<T>(await t.deps.db.execute(q));
}

/** Everything an engagement route may write, and the head of the audit chain. */
async function everything() {
  return {
    engagements: await query(sql`select * from engagements order by id`),
    events: await query(sql`select * from engagement_events order by id`),
    contracts: await query(sql`select * from annual_contracts order by id`),
    attachments: await query(sql`select * from attachments order by id`),
    centres: await query(sql`select id, status, version, updated_at from centres order by id`),
    centreEvents: await query(sql`select * from centre_events order by id`),
    operators: await query(sql`select id, qualification_status from operators order by id`),
    head: await query(sql`select seq, hash from audit_head`),
  };
}

/** A refused call: the status and code it answers, and nothing written. */
async function refused(call: () => Promise<LightMyRequestResponse>, status: number, code: string) {
  const before = await everything();
  const res = await call();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code, res.body).toBe(code);
  expect(await everything()).toEqual(before);
  return res;
}

const fieldOf = (res: LightMyRequestResponse) => res.json().details?.field as string | undefined;
const fieldsOf = (res: LightMyRequestResponse) =>
  ((res.json().details?.fields ?? []) as { field: string }[]).map((f) => f.field);

let serial = 100;
/** makeOperator's serial drives the credit code, so every operator of the file gets its own. */
const newOperator = (violations?: string[]) => makeOperator(t.deps, { serial: ++serial, violations });

let centreNo = 0;
/**
 * A centre in a park, brought to `target`. 宜昌高新区 is a national high-tech zone, so it may hold several centres
 * when the application states its trading enterprises and support (Art. 9(二)).
 */
function newCentre(target: CentreTarget = 'approved', park: TPark = t.world.parks.yichangHighTech) {
  centreNo++;
  return makeCentre(t.deps, {
    park,
    target,
    input: {
      name: `${park.name}第${centreNo}外贸综合服务中心`,
      tradingEnterpriseCount: 300 + centreNo,
      supportStatement: '园区实绩外贸企业300余家，区财政安排配套资金，提供场地及办公、直播设备。',
    },
  });
}

async function newEngagement(
  target: EngagementTarget,
  opts: {
    park?: TPark;
    signedOn?: string;
    awardedDaysAgo?: number;
    withContract?: boolean;
    operator?: TOperatorDetail;
  } = {},
) {
  const centre = await newCentre('approved', opts.park);
  const operator = opts.operator ?? (await newOperator());
  const e = await makeEngagement(t.deps, {
    centre,
    operator,
    target,
    signedOn: opts.signedOn,
    awardedDaysAgo: opts.awardedDaysAgo,
    withContract: opts.withContract,
  });
  return { centre, operator, e };
}

async function detail(id: number, user: User = 'province'): Promise<TEngagementDetail> {
  const res = await get(user, `/api/engagements/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function listOf(user: User, qs = ''): Promise<TEngagement[]> {
  const res = await get(user, `/api/engagements?pageSize=200${qs ? `&${qs}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().total).toBe(res.json().items.length);
  return res.json().items;
}

const PDF = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

function upload(user: User, id: number, kind: string, body: Buffer, name = '申报材料.pdf', type = 'application/pdf') {
  return send(user, {
    method: 'POST',
    url: `/api/engagements/${id}/files?kind=${kind}`,
    payload: body,
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
  });
}

const confirmed = (item: string, evidence = `已核查：${item}`, attachmentIds: number[] = []) => ({
  item,
  confirmed: true,
  evidence,
  attachmentIds,
});

function agreementBody(version: number, signedOn: string) {
  return {
    version,
    signedOn,
    agreementNumber: `西陵商务三方〔${signedOn.slice(0, 4)}〕${version}号`,
    countyParty: '宜昌市西陵区商务局',
    parkParty: '宜昌高新技术产业开发区管理委员会',
    fundScope: [{ item: '派驻人员劳务', amount: 200_000, description: '按第七条配备的专业服务人员' }],
  };
}

async function auditOf(action: string, objectId: number) {
  const res = await get('admin', `/api/audit?action=${action}&objectId=${objectId}&sort=seq&pageSize=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { seq: number; actorName: string; after: Record<string, unknown> }[];
}

// ---------------------------------------------------------------------------------------------------------------

describe('operator engagement (Art. 10(三)): tender, agreement, report, filing', () => {
  // Runs first: it makes the first centre of 宜昌高新区 (later ones carry the Art. 9(二) justification) and the
  // first filing of the year (1号).
  it('filing turns the centre operating and shows its operator on the public list', async () => {
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    const operator = await makeOperator(t.deps, { serial: 11 });
    const reported = await makeEngagement(t.deps, { centre, operator, target: 'reported', withContract: true });
    expect(reported.status).toBe('reported');
    expect(reported.filingVerdict?.ok).toBe(true);
    const res = await as(t.app, cookies.province ?? '', {
      method: 'POST',
      url: `/api/engagements/${reported.id}/file`,
      payload: { version: reported.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().filingNumber).toMatch(/^鄂商务外综备〔\d{4}〕1号$/);
    const c = await as(t.app, cookies.province ?? '', { method: 'GET', url: `/api/centres/${centre.id}` });
    expect(c.json()).toMatchObject({ status: 'operating', operatorName: operator.name });
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/centres?pageSize=200' });
    expect(pub.json().items.find((x: { id: number }) => x.id === centre.id)?.operatorName).toBe(operator.name);
    const filings = await t.app.inject({ method: 'GET', url: '/api/public/filings' });
    expect(filings.json().items.map((f: { centreName: string }) => f.centreName)).toContain(centre.name);
  });
});

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
/** The same calendar day `n` years before today (Beijing). */
const yearsAgo = (n: number) => `${Number(today().slice(0, 4)) - n}${today().slice(4)}`;

describe('tender (Art. 10(一)3, 10(三)): the county records the operator its tender chose', () => {
  const tender = (user: User, centreId: number, body: unknown) =>
    post(user, `/api/centres/${centreId}/engagements`, body);
  /** A valid tender: announced, awarded, and the service period starting on 1 March 2026. */
  const body = (
    centre: TCentreDetail,
    operator: TOperatorDetail,
    over: Partial<TRecordTenderRequest> = {},
  ): TRecordTenderRequest => ({
    ...tenderInputFor(centre, operator, today()),
    announcedOn: '2026-01-05',
    awardedOn: '2026-02-10',
    serviceStart: '2026-03-01',
    ...over,
  });

  it('creates the engagement for a recognised centre of the county: 3 years from the first day, policy v1', async () => {
    const centre = await newCentre();
    const operator = await newOperator();
    const res = await tender('county.420502', centre.id, body(centre, operator));
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json() as TEngagementDetail;
    expect(e).toMatchObject({
      centreId: centre.id,
      status: 'tendered',
      operatorId: operator.id,
      operatorName: operator.name,
      operatorCreditCode: operator.creditCode,
      countyCode: '420502',
      cityCode: '420500',
      method: 'public_tender',
      serviceStart: '2026-03-01',
      serviceEnd: '2029-02-28',
      policyVersion: 1,
      version: 1,
      signedOn: null,
      filingDeadline: null,
      filingVerdict: null,
      contracts: [],
      reprocurement: null,
    });
    expect(e.missingMaterials).toEqual([...REQUIRED_MATERIALS]);
    expect(e.checklist.map((c) => c.item)).toEqual([...ELIGIBILITY_ITEMS]);
    expect(e.checklist.some((c) => c.confirmed)).toBe(false);
    expect(e.events).toMatchObject([
      { action: 'tender', fromStatus: null, toStatus: 'tendered', actorName: 'county.420502' },
    ]);
    const log = await auditOf('engagement.tendered', e.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorName: 'county.420502', after: { policyVersion: 1, centreId: centre.id } });
  });

  it('refuses a centre the province has not recognised yet (第十条), writing nothing', async () => {
    const operator = await newOperator();
    for (const target of ['submitted', 'forwarded'] as const) {
      const centre = await newCentre(target);
      const res = await refused(
        () => tender('county.420502', centre.id, body(centre, operator)),
        409,
        'ENGAGEMENT_RULE',
      );
      expect(res.json().message).toContain('第十条');
      expect(res.json().details.verdict).toMatchObject({
        ok: false,
        article: '第十条',
        rule: 'engagement.centreRecognised',
        actual: target,
        policyVersion: 1,
      });
    }
  });

  it('refuses a blacklisted (第十四条) or disqualified (第十三条) operator', async () => {
    const centre = await newCentre();
    for (const [status, article] of [
      ['blacklisted', '第十四条'],
      ['disqualified', '第十三条'],
    ] as const) {
      const operator = await newOperator();
      // There is no route that disqualifies or blacklists an operator yet: set it as the province would have.
      await t.deps.db.execute(sql`update operators set qualification_status = ${status} where id = ${operator.id}`);
      const res = await refused(
        () => tender('county.420502', centre.id, body(centre, operator)),
        409,
        'OPERATOR_INELIGIBLE',
      );
      expect(res.json().message).toContain(article);
      expect(res.json().details.verdict).toMatchObject({ rule: 'operator.qualification', article, actual: status });
    }
  });

  it('refuses an operator with a violation within 3 years (第十条（一）3); one 4 years ago does not count', async () => {
    const centre = await newCentre();
    const recent = await newOperator([yearsAgo(1)]);
    const res = await refused(
      () => tender('county.420502', centre.id, body(centre, recent)),
      409,
      'OPERATOR_INELIGIBLE',
    );
    expect(res.json().message).toContain('第十条（一）3');
    expect(res.json().details.verdict).toMatchObject({ rule: 'operator.violationFree', actual: 1 });
    const old = await newOperator([yearsAgo(4)]);
    const ok = await tender('county.420502', centre.id, body(centre, old));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().eligibility.every((v: { ok: boolean }) => v.ok)).toBe(true);
  });

  it('checks the tender itself: winner among the bidders, dates in order, credit codes, a justified method', async () => {
    const centre = await newCentre();
    const operator = await newOperator();
    const good = makeCreditCode(9001, '420500');
    const badCode = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const stranger = { name: '宜昌楚天国际货运代理有限公司', creditCode: null, bidAmount: 390_000 };
    const cases: [string, Partial<TRecordTenderRequest>, string][] = [
      ['winner not among the bidders', { bidders: [stranger] }, 'bidders'],
      ['awarded before announced', { announcedOn: '2026-02-11', awardedOn: '2026-02-10' }, 'awardedOn'],
      ['awarded tomorrow', { awardedOn: dayAfter(today()), serviceStart: dayAfter(today()) }, 'awardedOn'],
      [
        'a bidder credit code with a wrong check character',
        {
          bidders: [
            { name: operator.name, creditCode: operator.creditCode, bidAmount: 380_000 },
            { ...stranger, creditCode: badCode },
          ],
        },
        'bidders.1.creditCode',
      ],
      ['another method without a reason', { method: 'other', methodNote: '  ' }, 'methodNote'],
      ['service starting before the award', { serviceStart: '2026-02-09' }, 'serviceStart'],
    ];
    for (const [what, over, field] of cases) {
      const res = await refused(
        () => tender('county.420502', centre.id, body(centre, operator, over)),
        400,
        'VALIDATION_FAILED',
      );
      expect(fieldOf(res), what).toBe(field);
    }
    // Another method with its reason is recorded as such.
    const note = '公开招标两次流标，经财政部门批准采用竞争性磋商。';
    const ok = await tender('county.420502', centre.id, body(centre, operator, { method: 'other', methodNote: note }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ method: 'other', methodNote: note });
  });

  it('refuses a second current engagement for the centre (ENGAGEMENT_EXISTS), naming the operator', async () => {
    const { centre, operator } = await newEngagement('tendered');
    const another = await newOperator();
    const res = await refused(
      () => tender('county.420502', centre.id, body(centre, another)),
      409,
      'ENGAGEMENT_EXISTS',
    );
    expect(res.json().message).toContain(operator.name);
  });

  it('hides the centre from another county (404) and refuses the city and the province (403)', async () => {
    const centre = await newCentre();
    const operator = await newOperator();
    await refused(() => tender('county.420583', centre.id, body(centre, operator)), 404, 'NOT_FOUND');
    for (const user of ['city.420500', 'province'] as const) {
      await refused(() => tender(user, centre.id, body(centre, operator)), 403, 'FORBIDDEN');
    }
  });

  it('lets exactly one of ten simultaneous tenders for one centre through', async () => {
    const centre = await newCentre();
    const operator = await newOperator();
    const [head] = await query<{ seq: number }>(sql`select seq::int as seq from audit_head`);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        tender('county.420502', centre.id, body(centre, operator, { projectNumber: `420502-ZFCG-2026-P${i}` })),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('ENGAGEMENT_EXISTS');
    const rows = await query<{ id: number }>(sql`select id from engagements where centre_id = ${centre.id}`);
    expect(rows).toHaveLength(1);
    const events = await query(sql`select id from engagement_events where engagement_id = ${rows[0]?.id}`);
    expect(events).toHaveLength(1);
    // Only the winner's entry went into the chain.
    const [after] = await query<{ seq: number }>(sql`select seq::int as seq from audit_head`);
    expect(after?.seq).toBe((head?.seq ?? 0) + 1);
  });
});

describe('application materials (Art. 10(二))', () => {
  it('stores a PDF or a PNG under its kind; the detail says which materials are still missing', async () => {
    const { e } = await newEngagement('tendered');
    const pdf = await upload('county.420502', e.id, 'work_plan', PDF('工作方案'), '外综服中心工作方案.pdf');
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({
      kind: 'work_plan',
      contentType: 'application/pdf',
      fileName: '外综服中心工作方案.pdf',
    });
    const png = await upload('county.420502', e.id, 'licence_and_id', PNG, '营业执照.png', 'image/png');
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ kind: 'licence_and_id', contentType: 'image/png' });
    const d = await detail(e.id);
    expect(d.attachments.map((a) => a.kind)).toEqual(['work_plan', 'licence_and_id']);
    expect(d.missingMaterials).toEqual(REQUIRED_MATERIALS.filter((k) => k !== 'work_plan' && k !== 'licence_and_id'));
  });

  it('refuses text named .pdf (415), an unknown kind (400), another county (404) and the city (403)', async () => {
    const { e } = await newEngagement('tendered');
    const text = Buffer.from('这只是一段文字，并不是 PDF 文件。');
    const typed = await refused(
      () => upload('county.420502', e.id, 'work_plan', text, '工作方案.pdf'),
      415,
      'UNSUPPORTED_FILE',
    );
    expect(typed.json().message).toContain('PDF');
    const kind = await refused(
      () => upload('county.420502', e.id, 'business_plan', PDF('x')),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldsOf(kind)).toContain('kind');
    await refused(() => upload('county.420583', e.id, 'work_plan', PDF('x')), 404, 'NOT_FOUND');
    await refused(() => upload('city.420500', e.id, 'work_plan', PDF('x')), 403, 'FORBIDDEN');
  });

  it('closes the materials once the city has reported them (INVALID_TRANSITION)', async () => {
    const { e } = await newEngagement('reported');
    const res = await refused(() => upload('county.420502', e.id, 'other', PDF('补充材料')), 409, 'INVALID_TRANSITION');
    expect(res.json().message).toContain('市州已汇总上报');
  });
});

describe('eligibility checklist (Art. 10(一))', () => {
  const url = (id: number) => `/api/engagements/${id}/checklist`;

  it('records who confirmed a condition and when, with its evidence files; entries not sent stay', async () => {
    const { e } = await newEngagement('tendered');
    const file = await upload('county.420502', e.id, 'eligibility_evidence', PDF('信用中国查询'), '信用中国查询.pdf');
    expect(file.statusCode, file.body).toBe(201);
    const evidence = '2026年11月20日“信用中国”查询，未列入失信名单（截图附后）';
    const res = await put('county.420502', url(e.id), {
      version: e.version,
      entries: [confirmed('not_on_credit_lists', evidence, [file.json().id])],
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as TEngagementDetail;
    expect(d.version).toBe(e.version + 1);
    expect(d.checklist.find((c) => c.item === 'not_on_credit_lists')).toEqual({
      item: 'not_on_credit_lists',
      confirmed: true,
      evidence,
      attachmentIds: [file.json().id],
      confirmedBy: 'county.420502',
      confirmedAt: t.clock.now.toISOString(),
    });
    expect(d.checklist.filter((c) => c.item !== 'not_on_credit_lists')).toEqual(
      e.checklist.filter((c) => c.item !== 'not_on_credit_lists'),
    );
    expect(await auditOf('engagement.checklist.updated', e.id)).toHaveLength(1);
    // Withdrawing a confirmation clears who confirmed it.
    const back = await put('county.420502', url(e.id), {
      version: d.version,
      entries: [{ item: 'not_on_credit_lists', confirmed: false, evidence: '', attachmentIds: [] }],
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().checklist.find((c: { item: string }) => c.item === 'not_on_credit_lists')).toMatchObject({
      confirmed: false,
      confirmedBy: null,
      confirmedAt: null,
    });
  });

  it('refuses a condition confirmed without evidence, naming the entry', async () => {
    const { e } = await newEngagement('tendered');
    const res = await refused(
      () =>
        put('county.420502', url(e.id), {
          version: e.version,
          entries: [confirmed('legal_entity', '营业执照原件已核'), confirmed('sound_finance', '   ')],
        }),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldOf(res)).toBe('entries.1.evidence');
  });

  it('refuses evidence files that belong to another engagement (ATTACHMENT_INVALID)', async () => {
    const mine = await newEngagement('tendered');
    const theirs = await newEngagement('tendered');
    const foreign = await upload('county.420502', theirs.e.id, 'eligibility_evidence', PDF('他人的依据'));
    expect(foreign.statusCode, foreign.body).toBe(201);
    await refused(
      () =>
        put('county.420502', url(mine.e.id), {
          version: mine.e.version,
          entries: [confirmed('legal_entity', '营业执照原件已核', [foreign.json().id])],
        }),
      400,
      'ATTACHMENT_INVALID',
    );
  });

  it('refuses a change made on a stale version (VERSION_CONFLICT)', async () => {
    const { e } = await newEngagement('tendered');
    const first = await put('county.420502', url(e.id), {
      version: e.version,
      entries: [confirmed('legal_entity', '营业执照原件已核')],
    });
    expect(first.statusCode, first.body).toBe(200);
    await refused(
      () =>
        put('county.420502', url(e.id), {
          version: e.version,
          entries: [confirmed('sound_finance', '审计报告已核')],
        }),
      409,
      'VERSION_CONFLICT',
    );
  });
});

describe('tripartite agreement and the filing deadline (Art. 10(三): 15 working days)', () => {
  const sign = (id: number, version: number, signedOn: string) =>
    post('county.420502', `/api/engagements/${id}/agreement`, agreementBody(version, signedOn));

  it('refuses a signing date before the award or in the future', async () => {
    const { e } = await newEngagement('ready');
    for (const signedOn of [dayBefore(e.awardedOn), dayAfter(today())]) {
      const res = await refused(() => sign(e.id, e.version, signedOn), 400, 'VALIDATION_FAILED');
      expect(fieldOf(res), signedOn).toBe('signedOn');
    }
  });

  it('counts the deadline over National Day, lists the filing as overdue the day after, and keeps a late report late', async () => {
    const saved = t.clock.now;
    let lateId = 0;
    try {
      // 10:00 in Beijing on Thursday 22 October 2026: the last day for an agreement signed on 25 September (中秋).
      t.clock.now = new Date('2026-10-22T02:00:00.000Z');
      const late = await newEngagement('ready', { awardedDaysAgo: 30 });
      lateId = late.e.id;
      const res = await sign(late.e.id, late.e.version, '2026-09-25');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'signed',
        signedOn: '2026-09-25',
        filingDeadline: '2026-10-22',
        filingVerdict: { ok: true, required: '2026-10-22', article: '第十条（三）' },
      });
      const onTime = await newEngagement('signed', { awardedDaysAgo: 10, signedOn: '2026-10-21' });
      expect(onTime.e.filingDeadline).toBe('2026-11-11');
      const overdueIds = async () => (await listOf('city.420500', 'overdue=true')).map((x) => x.id);
      expect(await overdueIds()).not.toContain(late.e.id);

      // The next day the deadline has passed.
      t.clock.now = new Date('2026-10-23T02:00:00.000Z');
      const list = await listOf('city.420500');
      const lateItem = list.find((x) => x.id === late.e.id);
      expect(lateItem?.filingVerdict).toMatchObject({ ok: false, required: '2026-10-22', actual: '2026-10-23' });
      expect(lateItem?.filingVerdict?.message['zh-CN']).toContain('逾期');
      expect(list.find((x) => x.id === onTime.e.id)?.filingVerdict?.ok).toBe(true);
      expect(await overdueIds()).toContain(late.e.id);
      expect(await overdueIds()).not.toContain(onTime.e.id);

      // The city reports it late: accepted, and flagged late for good.
      const version = (await detail(late.e.id)).version;
      const rep = await post('city.420500', `/api/engagements/${late.e.id}/report`, { version });
      expect(rep.statusCode, rep.body).toBe(200);
      expect(rep.json()).toMatchObject({
        status: 'reported',
        reportedOn: '2026-10-23',
        filingVerdict: { ok: false, required: '2026-10-22', actual: '2026-10-23' },
      });
      expect(rep.json().filingVerdict.message['zh-CN']).toContain('超过');
      expect(await overdueIds()).toContain(late.e.id);
    } finally {
      t.clock.now = saved;
    }
    // A month later, back at the suite's day, it is still listed as late.
    expect((await listOf('city.420500', 'overdue=true')).map((x) => x.id)).toContain(lateId);
  });
});

describe("the city's report (Art. 10(二), (三))", () => {
  it('reports only with the six materials and the whole checklist, saying what is missing', async () => {
    const { e } = await newEngagement('tendered');
    const id = e.id;
    for (const kind of REQUIRED_MATERIALS.filter((k) => k !== 'authenticity_statement')) {
      expect((await upload('county.420502', id, kind, PDF(kind))).statusCode).toBe(201);
    }
    const partial = await put('county.420502', `/api/engagements/${id}/checklist`, {
      version: e.version,
      entries: ELIGIBILITY_ITEMS.filter((i) => i !== 'not_on_credit_lists').map((i) => confirmed(i)),
    });
    expect(partial.statusCode, partial.body).toBe(200);
    const signed = await post(
      'county.420502',
      `/api/engagements/${id}/agreement`,
      agreementBody(partial.json().version, today()),
    );
    expect(signed.statusCode, signed.body).toBe(200);
    let version: number = signed.json().version;
    const report = (user: User) =>
      post(user, `/api/engagements/${id}/report`, { version, comment: '材料齐全，汇总上报。' });

    const both = await refused(() => report('city.420500'), 409, 'ENGAGEMENT_RULE');
    expect(both.json().message).toContain('申报材料不全');
    expect(both.json().message).toContain(MATERIAL_LABELS.authenticity_statement['zh-CN']);
    expect(both.json().details.verdicts.map((v: { rule: string }) => v.rule)).toEqual([
      'application.materials',
      'application.eligibilityChecklist',
    ]);

    expect((await upload('county.420502', id, 'authenticity_statement', PDF('真实性申明'))).statusCode).toBe(201);
    const checklist = await refused(() => report('city.420500'), 409, 'ENGAGEMENT_RULE');
    expect(checklist.json().message).toContain('尚未核实');
    expect(checklist.json().message).toContain(ELIGIBILITY_LABELS.not_on_credit_lists['zh-CN']);
    expect(checklist.json().message).not.toContain('申报材料不全');

    await refused(() => report('city.420600'), 404, 'NOT_FOUND');
    await refused(() => report('county.420502'), 403, 'FORBIDDEN');

    const complete = await put('county.420502', `/api/engagements/${id}/checklist`, {
      version,
      entries: [confirmed('not_on_credit_lists', '“信用中国”查询无失信记录')],
    });
    expect(complete.statusCode, complete.body).toBe(200);
    version = complete.json().version;
    const ok = await report('city.420500');
    expect(ok.statusCode, ok.body).toBe(200);
    const d = ok.json() as TEngagementDetail;
    expect(d).toMatchObject({ status: 'reported', reportedOn: today(), version: version + 1 });
    expect(d.filingVerdict?.ok).toBe(true);
    expect(d.events.at(-1)).toMatchObject({
      action: 'report',
      fromStatus: 'signed',
      toStatus: 'reported',
      actorName: 'city.420500',
      comment: '材料齐全，汇总上报。',
    });
    expect(await auditOf('engagement.reported', id)).toHaveLength(1);
  });
});

describe("the province's return (Art. 10(三))", () => {
  it('needs a reason, and sends the engagement back to signed without its report date', async () => {
    const { e } = await newEngagement('reported');
    const url = `/api/engagements/${e.id}/return`;
    const res = await refused(() => post('province', url, { version: e.version }), 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res)).toContain('comment');
    await refused(() => post('city.420500', url, { version: e.version, comment: '请补正。' }), 403, 'FORBIDDEN');
    const comment = '工作方案缺少年度服务目标，请补正后重新上报。';
    const ok = await post('province', url, { version: e.version, comment });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'signed', reportedOn: null, version: e.version + 1 });
    expect(ok.json().events.at(-1)).toMatchObject({
      action: 'return',
      fromStatus: 'reported',
      toStatus: 'signed',
      actorName: 'province',
      comment,
    });
    // Back with the county and the city: the material can be added and the engagement reported again.
    expect((await upload('county.420502', e.id, 'work_plan', PDF('工作方案（修订）'))).statusCode).toBe(201);
    const again = await post('city.420500', `/api/engagements/${e.id}/report`, { version: e.version + 1 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('reported');
  });
});

describe("the province's filing (Art. 10(三)): numbered, published, the centre operates", () => {
  const file = (e: { id: number; version: number }, user: User = 'province') =>
    post(user, `/api/engagements/${e.id}/file`, { version: e.version, comment: '予以备案并公布。' });

  it('numbers filings per year, turns the centre operating in the same audit chain, and publishes both', async () => {
    const year = today().slice(0, 4);
    const prefix = `鄂商务外综备〔${year}〕`;
    const [count] = await query<{ n: number }>(
      sql`select count(*)::int as n from engagements where filing_number like ${`${prefix}%`}`,
    );
    const n = count?.n ?? 0;
    const a = await newEngagement('reported');
    const b = await newEngagement('reported');
    await refused(() => file(a.e, 'city.420500'), 403, 'FORBIDDEN');

    const resA = await file(a.e);
    expect(resA.statusCode, resA.body).toBe(200);
    expect(resA.json()).toMatchObject({ status: 'filed', filedOn: today(), filingNumber: `${prefix}${n + 1}号` });
    const resB = await file(b.e);
    expect(resB.statusCode, resB.body).toBe(200);
    expect(resB.json().filingNumber).toBe(`${prefix}${n + 2}号`);

    const centre = await get('province', `/api/centres/${a.centre.id}`);
    expect(centre.json()).toMatchObject({ status: 'operating', operatorName: a.operator.name });
    expect(centre.json().events.at(-1)).toMatchObject({
      action: 'start_operating',
      fromStatus: 'approved',
      toStatus: 'operating',
    });
    expect(centre.json().events.at(-1).comment).toContain(`${prefix}${n + 1}号`);

    const filed = await auditOf('engagement.filed', a.e.id);
    const operating = await auditOf('centre.operating', a.centre.id);
    expect(filed).toHaveLength(1);
    expect(operating).toHaveLength(1);
    // Written in one transaction: consecutive links of the one chain.
    expect(operating[0]?.seq).toBe((filed[0]?.seq ?? 0) + 1);
    expect(operating[0]?.after).toMatchObject({ status: 'operating', engagementId: a.e.id });
    const verify = await get('admin', '/api/audit/verify');
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });

    const pub = await t.app.inject({ method: 'GET', url: '/api/public/centres?pageSize=200' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items.find((x: { id: number }) => x.id === a.centre.id)).toMatchObject({
      status: 'operating',
      operatorName: a.operator.name,
    });
    const filings = await t.app.inject({ method: 'GET', url: '/api/public/filings?pageSize=200' });
    expect(filings.statusCode).toBe(200);
    expect(filings.json().items.find((f: { centreName: string }) => f.centreName === a.centre.name)).toEqual({
      centreName: a.centre.name,
      cityName: a.centre.cityName,
      countyName: a.centre.countyName,
      parkName: a.centre.parkName,
      operatorName: a.operator.name,
      operatorCreditCode: a.operator.creditCode,
      serviceStart: a.e.serviceStart,
      serviceEnd: a.e.serviceEnd,
      signedOn: a.e.signedOn,
      filedOn: today(),
      filingNumber: `${prefix}${n + 1}号`,
      endedOn: null,
    });
  });

  it('refuses to file for an operator blacklisted since the report, changing nothing', async () => {
    const a = await newEngagement('reported');
    await t.deps.db.execute(sql`update operators set qualification_status = 'blacklisted' where id = ${a.operator.id}`);
    const res = await refused(() => file(a.e), 409, 'OPERATOR_INELIGIBLE');
    expect(res.json().message).toContain('第十四条');
    expect((await get('province', `/api/centres/${a.centre.id}`)).json()).toMatchObject({
      status: 'approved',
      operatorName: null,
    });
    const filings = await t.app.inject({ method: 'GET', url: '/api/public/filings?pageSize=200' });
    expect(filings.json().items.map((f: { centreName: string }) => f.centreName)).not.toContain(a.centre.name);
  });
});

describe('annual contracts (Art. 10(三) 一年一签, 年度末期评估)', () => {
  const contract = (e: { id: number; version: number }, year: number) =>
    post('county.420502', `/api/engagements/${e.id}/contracts`, {
      version: e.version,
      year,
      contractNumber: `西陵外综服合同〔2026〕${year}号`,
      signedOn: today(),
      amount: 400_000,
    });
  const evaluate = (e: { id: number; version: number }, contractId: number, result: 'passed' | 'failed') =>
    post('county.420502', `/api/engagements/${e.id}/contracts/${contractId}/evaluation`, {
      version: e.version,
      result,
      evaluatedOn: today(),
      note: result === 'passed' ? '年度末期评估合格，服务企业数及满意度达标。' : '年度末期评估不合格，服务量未达约定。',
    });

  it('signs year 1 after the agreement, and year 2 only once year 1 passed its evaluation', async () => {
    const { e } = await newEngagement('signed');
    // Awarded 30 days before 24 November 2026, and the period starts on the award.
    expect(e.serviceStart).toBe('2026-10-25');
    const missing = await refused(() => contract(e, 2), 409, 'ENGAGEMENT_RULE');
    expect(missing.json().message).toContain('第1年度合同尚未签订');

    const one = await contract(e, 1);
    expect(one.statusCode, one.body).toBe(200);
    let d = one.json() as TEngagementDetail;
    expect(d.contracts).toMatchObject([
      {
        year: 1,
        periodStart: '2026-10-25',
        periodEnd: '2027-10-24',
        evaluation: 'pending',
        recordedBy: 'county.420502',
        amount: 400_000,
      },
    ]);

    const pending = await refused(() => contract(d, 2), 409, 'ENGAGEMENT_RULE');
    expect(pending.json().message).toContain('第十条（三）');
    expect(pending.json().message).toContain('尚未进行年度末期评估');
    expect(pending.json().details.verdict).toMatchObject({
      article: '第十条（三）',
      rule: 'contract.renewal',
      actual: 'pending',
      policyVersion: 1,
    });
    expect((await refused(() => contract(d, 1), 409, 'ENGAGEMENT_RULE')).json().message).toContain('已签订');
    expect((await refused(() => contract(d, 4), 409, 'ENGAGEMENT_RULE')).json().message).toContain('3年');

    const passed = await evaluate(d, d.contracts[0]?.id ?? 0, 'passed');
    expect(passed.statusCode, passed.body).toBe(200);
    d = passed.json();
    expect(d.contracts[0]).toMatchObject({ evaluation: 'passed', evaluatedOn: today() });
    expect(d.reprocurement).toBeNull();
    const twice = await refused(() => evaluate(d, d.contracts[0]?.id ?? 0, 'failed'), 400, 'VALIDATION_FAILED');
    expect(fieldOf(twice)).toBe('result');

    const two = await contract(d, 2);
    expect(two.statusCode, two.body).toBe(200);
    expect(two.json().contracts).toMatchObject([
      { year: 1 },
      { year: 2, periodStart: '2027-10-25', periodEnd: '2028-10-24', evaluation: 'pending' },
    ]);
  });

  it('does not renew a failed year and asks the county to procure again', async () => {
    const { e } = await newEngagement('signed', { withContract: true });
    const year1 = e.contracts[0];
    expect(year1).toMatchObject({ year: 1, evaluation: 'pending' });
    const failed = await evaluate(e, year1?.id ?? 0, 'failed');
    expect(failed.statusCode, failed.body).toBe(200);
    const d = failed.json() as TEngagementDetail;
    expect(d.reprocurement).toMatchObject({ reason: 'failed_year', dueBy: year1?.periodEnd, article: '第十条（三）' });
    const res = await refused(() => contract(d, 2), 409, 'ENGAGEMENT_RULE');
    expect(res.json().message).toContain('不合格');
    expect(res.json().details.verdict).toMatchObject({ article: '第十条（三）', actual: 'failed' });
  });

  it('has no contract before the agreement is signed', async () => {
    const { e } = await newEngagement('tendered');
    await refused(() => contract(e, 1), 409, 'INVALID_TRANSITION');
  });
});

describe('who sees which engagements (SPEC §1 scopes)', () => {
  it('a city sees its own, a county its own, the operator its centre’s; the evaluator none', async () => {
    expect(centreOne.id).toBe(1); // operator.1 runs centre 1 in the fixture
    const one = await makeEngagement(t.deps, { centre: centreOne, operator: await newOperator(), target: 'signed' });
    const xiangyang = await newEngagement('tendered', { park: t.world.parks.xiangyangHighTech });
    const yichang = await newEngagement('tendered');
    const ids = (items: TEngagement[]) => items.map((x) => x.id);

    const otherCity = await listOf('city.420600');
    expect(ids(otherCity)).toContain(xiangyang.e.id);
    expect(otherCity.every((x) => x.cityCode === '420600')).toBe(true);
    const city = await listOf('city.420500');
    expect(ids(city)).toEqual(expect.arrayContaining([one.id, yichang.e.id]));
    expect(ids(city)).not.toContain(xiangyang.e.id);
    const county = await listOf('county.420502');
    expect(ids(county)).toContain(yichang.e.id);
    expect(ids(county)).not.toContain(one.id);
    expect(ids(await listOf('operator.1'))).toEqual([one.id]);

    expect((await get('city.420600', `/api/engagements/${yichang.e.id}`)).statusCode).toBe(404);
    expect((await get('operator.1', `/api/engagements/${yichang.e.id}`)).statusCode).toBe(404);
    expect((await get('operator.1', `/api/engagements/${one.id}`)).statusCode).toBe(200);
    expect((await get('evaluator.1', '/api/engagements')).statusCode).toBe(403);
    expect((await get('evaluator.1', `/api/engagements/${one.id}`)).statusCode).toBe(403);
  });

  it('exports the list as a workbook with a Chinese header row, one row per engagement', async () => {
    const res = await get('province', '/api/engagements?format=xlsx');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = sheet?.getRow(1).values as unknown[];
    expect(header).toEqual(
      expect.arrayContaining([
        '市州',
        '外综服中心',
        '承办企业',
        '采购项目编号',
        '报备截止日',
        '备案号',
        '是否按期报备',
      ]),
    );
    const all = await listOf('province');
    expect((sheet?.rowCount ?? 0) - 1).toBe(all.length);
    const names = JSON.stringify(sheet?.getSheetValues());
    for (const e of all) expect(names).toContain(e.centreName);
  });
});

describe('the operator and the centres it runs', () => {
  it("an operator's page lists its filed centres to every official, and an unfiled tender only within scope", async () => {
    const operator = await newOperator();
    const filed = await newEngagement('filed', { operator });
    const tendered = await newEngagement('tendered', { operator });
    const centresOf = async (user: User) => {
      const res = await get(user, `/api/operators/${operator.id}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().engagements as { id: number }[]).map((e) => e.id).sort((a, b) => a - b);
    };
    expect(await centresOf('county.420502')).toEqual([filed.e.id, tendered.e.id].sort((a, b) => a - b));
    expect(await centresOf('province')).toEqual([filed.e.id, tendered.e.id].sort((a, b) => a - b));
    // 襄阳 sees the published filing, not 宜昌's tender in progress.
    expect(await centresOf('city.420600')).toEqual([filed.e.id]);
  });
});
