import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPolicyDraft, TPolicyPreview } from '../src/contracts/policy-draft';
import { systemContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { makePublishedResult } from '../src/server/demo/assessment-factory';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { addStaff } from '../src/server/modules/staff/staff-roster';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/**
 * Art. 16: the province drafts a parameter version, previews it against today's data (which changes nothing), and
 * publishes it with an effective date that is never in the past; a published version is never edited (a trigger);
 * the rules read version 2 from its effective day on and not before, and a past decision keeps its version.
 */

let t: TestApp;
let province: string;
let city: string;
/** 宜昌高新区 (national high-tech zone): venue 100 m², five staff meeting Art. 7, filed in 2024, 2025 graded 良好 at 85. */
let centreA: number;
/** 枝江经开区 (provincial): venue 80 m², no staff. */
let centreB: number;
let engagementA: number;

const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.deps.db.execute(q));

async function counts() {
  const [row] = await query<Record<string, string | number>>(sql`
    select (select count(*) from policy_versions) as versions,
           (select count(*) from policy_drafts) as drafts,
           (select count(*) from centres) as centres,
           (select count(*) from engagements) as engagements,
           (select count(*) from assessment_results) as results,
           (select count(*) from funding_entitlements) as entitlements,
           (select seq from audit_head) as seq,
           (select hash from audit_head) as hash,
           (select coalesce(max(version), 0) from policy_drafts) as draft_versions`);
  return row;
}

beforeAll(async () => {
  t = await buildTestApp();
  province = await loginAs(t.app, 'province');
  city = await loginAs(t.app, t.world.users.city.username);
  const a = await makeCentre(t.deps, {
    park: t.world.parks.yichangHighTech,
    target: 'approved',
    input: { venueArea: 100 },
  });
  const b = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved', input: { venueArea: 80 } });
  centreA = a.id;
  centreB = b.id;
  const county = systemContext(t.deps, 'county', { regionCode: '420502' });
  const staff = [
    { name: '王一', tradeYears: 5, customsDeclarant: true, foreignLanguage: false },
    { name: '李二', tradeYears: 4, customsDeclarant: false, foreignLanguage: true },
    { name: '张三', tradeYears: 1, customsDeclarant: false, foreignLanguage: false },
    { name: '赵四', tradeYears: 1, customsDeclarant: false, foreignLanguage: false },
    { name: '钱五', tradeYears: 0, customsDeclarant: false, foreignLanguage: false },
  ];
  for (const s of staff) await addStaff(county, centreA, { ...s, socialInsuranceProof: '社保参保证明' });
  const operator = await makeOperator(t.deps, { serial: 41 });
  const engagement = await makeEngagement(t.deps, { centre: a, operator, target: 'filed' });
  engagementA = engagement.id;
  // The centre's history before the platform: filed in 2024 and serving through 2025 (Art. 11 counts from the filing).
  await t.deps.db.execute(
    sql`update engagements set filed_on = '2024-06-03', service_start = '2024-06-01' where id = ${engagementA}`,
  );
  await makePublishedResult(t.deps.db, {
    centreId: centreA,
    year: 2025,
    grade: 'good',
    total: '85.00',
    operatorId: operator.id,
  });
});

afterAll(async () => {
  await t?.close();
});

async function createDraft(title = '2027年政策参数调整'): Promise<TPolicyDraft> {
  const res = await as(t.app, province, { method: 'POST', url: '/api/policy/drafts', payload: { title } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function patch(d: TPolicyDraft, change: (p: TPolicyDraft['parameters']) => void, lang = 'zh-CN') {
  const parameters = structuredClone(d.parameters);
  change(parameters);
  return as(t.app, province, {
    method: 'PATCH',
    url: `/api/policy/drafts/${d.id}`,
    headers: { 'accept-language': lang },
    payload: { version: d.version, title: d.title, basis: '省商务厅2027年1号通知', parameters },
  });
}

/** The draft every later test works with: a larger venue and staff minimum, a lower 良好 share, a lower 优秀 line. */
let draft: TPolicyDraft;

describe('drafts', () => {
  it('the province drafts a copy of the version in force, audited', async () => {
    const before = await counts();
    draft = await createDraft();
    expect(draft).toMatchObject({ status: 'draft', basedOnVersion: 1, inForceVersion: 1, changedParameters: [] });
    const [v1] = await query<{ parameters: unknown }>(sql`select parameters from policy_versions where version = 1`);
    expect(draft.parameters).toEqual(v1?.parameters);
    const after = await counts();
    expect(Number(after?.seq)).toBe(Number(before?.seq) + 1);
    const [entry] = await query<{ action: string; object_type: string }>(
      sql`select action, object_type from audit_entries order by seq desc limit 1`,
    );
    expect(entry).toEqual({ action: 'policy.draft.created', object_type: 'policy_draft' });
  });

  it('a city official cannot draft, read or list drafts', async () => {
    for (const req of [
      { method: 'POST' as const, url: '/api/policy/drafts', payload: { title: 'x' } },
      { method: 'GET' as const, url: `/api/policy/drafts/${draft.id}` },
      { method: 'GET' as const, url: '/api/policy/drafts' },
    ]) {
      const res = await as(t.app, city, req);
      expect(res.statusCode).toBe(403);
    }
  });

  it('refuses parameters that break the sanity rules, naming each field in both languages, and changes nothing', async () => {
    const before = await counts();
    const zh = await patch(draft, (p) => {
      p.gradeThresholds = { excellent: 80, good: 85, fair: 60 };
      p.gradeFundingShares = { excellent: 90, good: 95, fair: 80, poor: 10 };
      p.venueMinAreaOther = 0.5;
      p.staffOther.customsDeclarant = 9;
    });
    expect(zh.statusCode).toBe(400);
    const body = zh.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = body.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'parameters.gradeThresholds.good',
        'parameters.gradeFundingShares.good',
        'parameters.gradeFundingShares.poor',
        'parameters.venueMinAreaOther',
        'parameters.staffOther.customsDeclarant',
      ]),
    );
    expect(body.message).toContain('第十二条（三）');
    const en = await patch(
      draft,
      (p) => {
        p.gradeFundingShares.poor = 5;
      },
      'en',
    );
    expect(en.json().message).toContain('Art. 12(3)');
    expect(await counts()).toEqual(before);
  });

  it('refuses a type error through the shared schema, and a stale version with 409', async () => {
    const bad = await as(t.app, province, {
      method: 'PATCH',
      url: `/api/policy/drafts/${draft.id}`,
      payload: {
        version: draft.version,
        title: 'x',
        basis: '',
        parameters: { ...draft.parameters, venueMinAreaOther: 'big' },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().details)).toContain('venueMinAreaOther');
    const stale = await patch({ ...draft, version: draft.version + 5 }, () => {});
    expect(stale.statusCode).toBe(409);
  });

  it('saves a valid edit with its audit entry, and the draft lists what differs from the version in force', async () => {
    const res = await patch(draft, (p) => {
      p.venueMinAreaNational = 120;
      p.staffNational.total = 6;
      p.gradeFundingShares.good = 80;
      p.gradeThresholds.excellent = 85;
      p.filingDeadlineWorkingDays = 10;
    });
    expect(res.statusCode, res.body).toBe(200);
    draft = res.json();
    expect(draft.version).toBe(2);
    expect(draft.changedParameters.sort()).toEqual(
      [
        'filingDeadlineWorkingDays',
        'gradeFundingShares',
        'gradeThresholds',
        'staffNational',
        'venueMinAreaNational',
      ].sort(),
    );
    const [entry] = await query<{ action: string }>(sql`select action from audit_entries order by seq desc limit 1`);
    expect(entry?.action).toBe('policy.draft.updated');
  });
});

describe('preview', () => {
  let preview: TPolicyPreview;

  it('changes nothing: no row, no audit entry', async () => {
    const before = await counts();
    const res = await as(t.app, province, { method: 'GET', url: `/api/policy/drafts/${draft.id}/preview` });
    expect(res.statusCode, res.body).toBe(200);
    preview = res.json();
    const xlsx = await as(t.app, province, {
      method: 'GET',
      url: `/api/policy/drafts/${draft.id}/preview?format=xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(await counts()).toEqual(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['场地（第六条）', '人员（第七条）', '资金2025', '等次2025']);
    const venueSheet = wb.worksheets[0];
    expect(venueSheet?.getRow(2).getCell(3).value).toBe('宜昌高新技术产业开发区外贸综合服务中心');
    expect(venueSheet?.getRow(2).getCell(9).value).toBe('有变化');
  });

  it('venue (Art. 6): the national-zone centre of 100 m² fails 120 m²; the provincial one is unchanged', async () => {
    expect(preview.inForceVersion).toBe(1);
    const a = preview.venue.find((r) => r.centreId === centreA);
    const b = preview.venue.find((r) => r.centreId === centreB);
    expect(a).toMatchObject({ actual: '100 m²', changed: true });
    expect(a?.inForce).toMatchObject({ ok: true, required: '80 m²' });
    expect(a?.draft).toMatchObject({ ok: false, required: '120 m²' });
    expect(b).toMatchObject({ changed: false, inForce: { ok: true }, draft: { ok: true } });
    expect(preview.counts).toMatchObject({ centres: 2, venueChanged: 1 });
  });

  it('staffing (Art. 7): five staff meet 5 and fail 6; the centre without staff fails either way', async () => {
    const a = preview.staffing.find((r) => r.centreId === centreA);
    expect(a).toMatchObject({ changed: true, inForce: { ok: true }, draft: { ok: false } });
    expect(a?.draft.failing[0]?.['zh-CN']).toContain('不少于 6 名');
    expect(preview.staffing.find((r) => r.centreId === centreB)).toMatchObject({ changed: false });
    expect(preview.counts.staffingChanged).toBe(1);
  });

  it('entitlements (Art. 11): the 2025 良好 amount of a national park falls from 90 % to 80 % of 400,000 yuan', async () => {
    expect(preview.entitlementYear).toBe(2025);
    expect(preview.entitlements).toHaveLength(1);
    expect(preview.entitlements[0]).toMatchObject({
      centreId: centreA,
      grade: 'good',
      inForce: { status: 'due', amountFen: 36_000_000, withheldFen: 4_000_000 },
      draft: { status: 'due', amountFen: 32_000_000, withheldFen: 8_000_000 },
      changed: true,
    });
  });

  it('grades (Art. 12): 85 points is 良好 under 90/80/60 and 优秀 under a line of 85', async () => {
    expect(preview.grades).toEqual([
      expect.objectContaining({
        centreId: centreA,
        total: '85.00',
        publishedGrade: 'good',
        inForce: 'good',
        draft: 'excellent',
        changed: true,
      }),
    ]);
    expect(preview.counts.gradesChanged).toBe(1);
  });
});

describe('publish', () => {
  it('refuses an effective date before today (Art. 16: never retroactive), changing nothing', async () => {
    const before = await counts();
    const res = await as(t.app, province, {
      method: 'POST',
      url: `/api/policy/drafts/${draft.id}/publish`,
      payload: { version: draft.version, effectiveFrom: '2026-11-23' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.field).toBe('effectiveFrom');
    expect(res.json().message).toContain('第十六条');
    expect(await counts()).toEqual(before);
  });

  it('publishes version 2 from 1 December; the draft is closed to edits, a second publication is refused', async () => {
    const res = await as(t.app, province, {
      method: 'POST',
      url: `/api/policy/drafts/${draft.id}/publish`,
      payload: { version: draft.version, effectiveFrom: '2026-12-01' },
    });
    expect(res.statusCode, res.body).toBe(200);
    draft = res.json();
    expect(draft).toMatchObject({ status: 'published', publishedVersion: 2, effectiveFrom: '2026-12-01' });
    const versions = (await as(t.app, city, { method: 'GET', url: '/api/policy/versions' })).json();
    expect(versions.items.map((v: { version: number; inForce: boolean }) => [v.version, v.inForce])).toEqual([
      [1, true],
      [2, false],
    ]);
    const [entry] = await query<{ action: string; object_id: string }>(
      sql`select action, object_id from audit_entries order by seq desc limit 1`,
    );
    expect(entry).toEqual({ action: 'policy.version.published', object_id: '2' });
    expect((await patch(draft, () => {})).statusCode).toBe(409);
    const again = await as(t.app, province, {
      method: 'POST',
      url: `/api/policy/drafts/${draft.id}/publish`,
      payload: { version: draft.version, effectiveFrom: '2026-12-02' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_TRANSITION');
  });

  it('a later draft cannot take effect before the latest version; a discarded draft stays discarded', async () => {
    const next = await createDraft('再次调整');
    const early = await as(t.app, province, {
      method: 'POST',
      url: `/api/policy/drafts/${next.id}/publish`,
      payload: { version: next.version, effectiveFrom: '2026-11-30' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().details.field).toBe('effectiveFrom');
    const discarded = await as(t.app, province, {
      method: 'POST',
      url: `/api/policy/drafts/${next.id}/discard`,
      payload: { version: next.version },
    });
    expect(discarded.statusCode).toBe(200);
    expect(discarded.json().status).toBe('discarded');
    const [entry] = await query<{ action: string }>(sql`select action from audit_entries order by seq desc limit 1`);
    expect(entry?.action).toBe('policy.draft.discarded');
  });

  it('the database refuses to edit or remove a published version', async () => {
    await expect(
      t.deps.db.execute(sql`update policy_versions set parameters = '{}'::jsonb where version = 2`),
    ).rejects.toThrow();
    await expect(t.deps.db.execute(sql`update policy_versions set title = 'x' where version = 1`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`delete from policy_versions where version = 2`)).rejects.toThrow();
    const rows = await query<{ version: number; effective_from: string }>(
      sql`select version, effective_from::text from policy_versions order by version`,
    );
    expect(rows).toEqual([
      { version: 1, effective_from: '2026-01-01' },
      { version: 2, effective_from: '2026-12-01' },
    ]);
  });
});

describe('the clock moves: rules read the version in force on the day they concern', () => {
  // A session idles out when the clock jumps days ahead: sign in again at each move.
  const get = async (url: string) => {
    const res = await as(t.app, await loginAs(t.app, 'province'), { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const centre = () => get(`/api/centres/${centreA}`);
  const engagement = () => get(`/api/engagements/${engagementA}`);

  it('before 1 December the centre is judged under version 1', async () => {
    t.clock.now = new Date('2026-11-30T15:59:00Z'); // 23:59 on 30 November in Beijing
    const c = await centre();
    expect(c.venueVerdict).toMatchObject({ ok: true, required: 80, policyVersion: 1 });
    expect(c.staffCompliant).toBe(true);
  });

  it('from 1 December under version 2: the venue of 100 m² fails 120 m², the five staff fail six', async () => {
    t.clock.now = new Date('2026-11-30T16:00:00Z'); // 00:00 on 1 December in Beijing
    const c = await centre();
    expect(c.venueVerdict).toMatchObject({ ok: false, required: 120, actual: 100, policyVersion: 2 });
    expect(c.staffCompliant).toBe(false);
  });

  it('a past decision keeps its version: the filing deadline counted at the signing stays under version 1', async () => {
    const e = await engagement();
    expect(e.signedOn < '2026-12-01').toBe(true);
    expect(e.filingVerdict.policyVersion).toBe(1);
    expect(e.filingVerdict.message['zh-CN']).toContain('15个工作日内');
  });
});
