import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_IMPORT_HEADERS } from '../src/contracts/enterprise';
import { STAFF_IMPORT_HEADERS } from '../src/contracts/staff';
import { systemContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import {
  makeCycle,
  makeEvaluationAgency,
  makePublishedResult,
  makeSubmission,
} from '../src/server/demo/assessment-factory';
import { centreInputFor, makeCentre } from '../src/server/demo/centre-factory';
import {
  type EngagementTarget,
  makeEngagement,
  makeOperatorChange,
  tenderInputFor,
} from '../src/server/demo/engagement-factory';
import { enterpriseCreditCode, makeEnterprise } from '../src/server/demo/enterprise-factory';
import { cachedHash, makeUser } from '../src/server/demo/factories';
import { makeEntitlement, makePayment } from '../src/server/demo/funding-factory';
import { makeCreditCode, makeIdNumber } from '../src/server/demo/identity-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { makeSanction, makeSanctionWithRecoveries } from '../src/server/demo/sanction-factory';
import { applyResultConsequences } from '../src/server/modules/assessment/consequences';
import { uploadAttachment } from '../src/server/modules/attachment/upload-attachment';
import { getCentreDetail } from '../src/server/modules/centre/centre.presenter';
import { requestCentreChange } from '../src/server/modules/centre/request-centre-change';
import { computeYearEntitlements } from '../src/server/modules/funding';
import { createPolicyDraft } from '../src/server/modules/policy/create-policy-draft';
import { uploadSanctionFile } from '../src/server/modules/sanction/sanction-files';
import { beijingDay } from '../src/server/policy/policy';
import { as, buildTestApp, loginAs, sessionCookieOf, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import type { World } from './helpers/world';

/**
 * The role × route matrix (issue 3, CONVENTIONS §7 and §11). Every /api route the app registers must have an expected
 * answer for every fixture user here, so a new route cannot ship without someone deciding who may call it.
 * Out-of-scope reads answer 404 (the record's existence is not revealed), forbidden actions 403, and a refused write
 * leaves its rows and the audit chain exactly as they were.
 */

type RoleKey = keyof World['users'];

/** Column order of the table below. */
const ROLE_KEYS = [
  'admin',
  'province',
  'city',
  'otherCity',
  'county',
  'otherCounty',
  'park',
  'operator',
  'enterprise',
  'evaluator',
] as const satisfies readonly RoleKey[];

type Decision = Record<RoleKey, number>;

/** One row of the matrix, in ROLE_KEYS order. */
function row(...statuses: [number, number, number, number, number, number, number, number, number, number]): Decision {
  return Object.fromEntries(ROLE_KEYS.map((r, i) => [r, statuses[i]])) as Decision;
}

interface Ctx {
  t: TestApp;
  w: World;
  /** The caller's current password (POST /api/me/password changes it). */
  passwords: Record<RoleKey, string>;
  throwaway: { disable: number; unlock: number; reset: number };
  /** Centres in 宜昌高新区, each in the state its route acts on (see beforeAll). */
  centres: {
    recognised: number;
    recognisedLetter: number;
    draft: number;
    toSubmit: number;
    toForward: number;
    toReturn: number;
    toApprove: number;
    toReject: number;
    toChangeByCity: number;
    toChangeByProvince: number;
    /** Approved, with a city's adjustment request awaiting the province. */
    changed: number;
    pendingChange: number;
    /** 枝江's county's own draft, and a recognised centre in 襄阳: the other side of each scope boundary. */
    zhijiangDraft: number;
    xiangyang: number;
  };
  /** An operator enterprise (operators are not regional: every official in the matrix may read them). */
  operator: number;
  /**
   * An operator registered by 西陵区 (the fixture county) that runs no centre: only the province, 西陵区 and 宜昌 may
   * change it, reveal its ID number or record its violations (decision 0009); 枝江 and 襄阳 are refused.
   */
  regionalOperator: number;
  /** A signed engagement of centre 1 (the fixture operator's centre) in 宜昌高新区. */
  engagement: number;
  unique(): number;
  query<T = Record<string, unknown>>(q: SQL): Promise<T[]>;
}

interface RouteCase {
  request(c: Ctx, role: RoleKey): Promise<InjectOptions> | InjectOptions;
  expect: Decision;
  /** A 403 that names its reason instead of FORBIDDEN (the role may act, but not on this record). */
  codes?: Partial<Record<RoleKey, string>>;
  /** The rows a refused write must leave untouched (the audit head is always compared too). */
  snapshot?(c: Ctx): Promise<unknown>;
  /** After an allowed call: keep the shared state true (a password change replaces the session). */
  after?(c: Ctx, role: RoleKey, res: LightMyRequestResponse, body: InjectOptions): void;
  /** A POST that only reads (a preview): even when allowed, nothing changes and nothing is logged. */
  changesNothing?: true;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Routes that answer without a session; they are tested on their own below. */
const PUBLIC_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/public/enterprise-registrations',
  'GET /api/public/regions',
  'GET /api/public/parks',
  'POST /api/auth/logout',
  'GET /api/public/centres',
  'GET /api/public/filings',
  'GET /api/public/service-catalogue',
  'GET /api/public/blacklist',
  'POST /api/exchange/single-window/callback',
]);

/** The generated API documentation is not part of the application's own surface. */
const isDocsRoute = (url: string) => url.startsWith('/api/docs') || url === '/api/openapi.json';

const NEW_PASSWORD_PREFIX = 'Matrix#2026-';

//                                       admin prov city oCity county oCounty park  oper  ent  eval
/** A one-row roster file, as a county or an operator would upload it. */
async function rosterFile(name: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('派驻人员');
  sheet.addRow([...STAFF_IMPORT_HEADERS]);
  sheet.addRow([name, 4, '是', '否', '社保参保证明']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PDF = Buffer.from('%PDF-1.4\n矩阵测试附件\n%%EOF');

//                                       admin prov city oCity county oCounty park  oper  ent  eval
const TENDER_ROW = row(403, 403, 403, 403, 201, 404, 403, 403, 403, 403);
const COUNTY_ROW = row(403, 403, 403, 403, 200, 404, 403, 403, 403, 403);
const COUNTY_CREATED_ROW = row(403, 403, 403, 403, 201, 404, 403, 403, 403, 403);
const CITY_ROW = row(403, 403, 200, 404, 403, 403, 403, 403, 403, 403);
const PROVINCE_ROW = row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403);

/** Declarations the matrix made, for a fresh number each. */
let matrixDeclarations = 0;

/**
 * A 较差 centre in 襄阳 (2014 and 2015 under one operator that runs nothing) with its consequences, made once on first
 * use: what the assessment-result routes read, and a cancellation the province may confirm without touching the
 * engagements the other routes use (Art. 12(三)).
 */
let poorResults: Promise<{ centreId: number; cancellationId: number }> | undefined;
function poorCentre(c: Ctx) {
  poorResults ??= (async () => {
    const operatorId = (await makeOperator(c.t.deps, { serial: 77 })).id;
    for (const year of [2014, 2015]) {
      await makePublishedResult(c.t.deps.db, {
        centreId: c.centres.xiangyang,
        year,
        grade: 'poor',
        total: '55.00',
        operatorId,
      });
      const [cycle] = await c.query<{ id: number }>(sql`select id from assessment_cycles where year = ${year}`);
      await c.t.deps.db.transaction((tx) =>
        applyResultConsequences(tx, systemContext(c.t.deps, 'province'), {
          cycleId: cycle?.id ?? 0,
          year,
          at: new Date(),
        }),
      );
    }
    const [due] = await c.query<{ id: number }>(
      sql`select id from assessment_consequences where kind = 'cancellation_due' and centre_id = ${c.centres.xiangyang}`,
    );
    return { centreId: c.centres.xiangyang, cancellationId: due?.id ?? 0 };
  })();
  return poorResults;
}

/**
 * 资金拨付 (issue 15): a due entitlement of centre 1 (宜昌, 西陵区) for the operator now running it, made once per
 * key — the operator account's own. Years count down from 2019 so that each key has its own (centre, year, operator).
 */
let fundingYear = 2020;
const fundingEntitlementsMade = new Map<string, Promise<Awaited<ReturnType<typeof makeEntitlement>>>>();
function matrixEntitlement(c: Ctx, key: string) {
  let made = fundingEntitlementsMade.get(key);
  if (!made) {
    made = (async () => {
      const [e] = await c.query<{ operator_id: number }>(
        sql`select operator_id from engagements where id = ${c.engagement}`,
      );
      return makeEntitlement(c.t.deps.db, {
        centreId: c.centres.recognised,
        year: --fundingYear,
        operatorId: e?.operator_id ?? 0,
        amountFen: 1_000_000_000,
      });
    })();
    fundingEntitlementsMade.set(key, made);
  }
  return made;
}

/** A payment of centre 1 recorded by nobody of the matrix (the platform), so that the city may confirm it. */
async function recordedPayment(c: Ctx) {
  const entitlement = await matrixEntitlement(c, 'payments');
  return makePayment(c.t.deps.db, { entitlement, amountFen: 1_000, status: 'recorded', paidOn: '2026-11-20' });
}

/** What a sanction lists for recovery (Art. 14): a paid operator of centre 1 other than its current one. */
async function recoveryRow(c: Ctx) {
  const op = await makeOperator(c.t.deps, { serial: 900 + c.unique() });
  const entitlement = await makeEntitlement(c.t.deps.db, {
    centreId: c.centres.recognised,
    year: 2018,
    operatorId: op.id,
    amountFen: 500_000,
  });
  await makePayment(c.t.deps.db, { entitlement, amountFen: 500_000, status: 'confirmed', paidOn: '2018-06-30' });
  const { recoveryIds } = await makeSanctionWithRecoveries(c.t.deps, { operatorId: op.id, decidedOn: '2026-11-20' });
  return { id: recoveryIds[0] ?? 0, version: 1 };
}

const FUNDING_READ_ROW = row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403);
const fundingTables = (c: Ctx) =>
  Promise.all([
    c.query(sql`select * from fund_payments order by id`),
    c.query(sql`select * from fund_use_reports order by id`),
    c.query(sql`select * from fund_recoveries order by id`),
    c.query(sql`select * from fund_recovery_receipts order by id`),
    c.query(sql`select * from funding_figures order by centre_id, year`),
  ]);
/** A blacklisting of an operator that runs nothing, with one evidence file, made once: what the reads read. */
let matrixSanction: Promise<{ id: number; fileId: number }> | undefined;
function sanctionFixture(c: Ctx) {
  matrixSanction ??= (async () => {
    const operator = await makeOperator(c.t.deps, { serial: 78 });
    const s = await makeSanction(c.t.deps, {
      kind: 'blacklist',
      operatorId: operator.id,
      grounds: ['14'],
      facts: '矩阵测试：经查该企业以虚假材料套取财政补助资金。',
    });
    const file = await uploadSanctionFile(systemContext(c.t.deps, 'province'), s.id, PDF, 'matrix-evidence.pdf');
    return { id: s.id, fileId: file.id };
  })();
  return matrixSanction;
}

const SANCTION_READERS = row(200, 200, 200, 200, 200, 200, 200, 403, 403, 403);

const EXPECTED: Record<string, RouteCase> = {
  // 处理决定 (Art. 13, 14; issue 15): the province decides; every official reads the decisions (operators are the
  // province-wide register, decision 0009); the blacklist itself is public.
  'POST /api/sanctions': {
    request: async (c) => ({
      method: 'POST',
      url: '/api/sanctions',
      payload: {
        kind: 'disqualification',
        operatorId: (await makeOperator(c.t.deps, { serial: 8000 + c.unique() })).id,
        grounds: ['13.2'],
        facts: '矩阵测试：该企业被海关处以行政处罚。',
        decidedOn: beijingDay(c.t.deps.clock()),
        effectiveOn: beijingDay(c.t.deps.clock()),
      },
    }),
    expect: row(403, 201, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) =>
      Promise.all([
        c.query(sql`select * from sanctions order by id`),
        c.query(sql`select id, qualification_status, version from operators order by id`),
      ]),
  },
  'GET /api/sanctions/preview': {
    request: async (c) => ({
      method: 'GET',
      url: `/api/sanctions/preview?operatorId=${c.operator}&kind=blacklist&grounds=14`,
    }),
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'GET /api/sanctions': {
    request: () => ({ method: 'GET', url: '/api/sanctions' }),
    expect: SANCTION_READERS,
  },
  'GET /api/sanctions/:id': {
    request: async (c) => ({ method: 'GET', url: `/api/sanctions/${(await sanctionFixture(c)).id}` }),
    expect: SANCTION_READERS,
  },
  'GET /api/sanctions/:id/print': {
    request: async (c) => ({ method: 'GET', url: `/api/sanctions/${(await sanctionFixture(c)).id}/print` }),
    expect: SANCTION_READERS,
  },
  'POST /api/sanctions/:id/attachments': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/sanctions/${(await sanctionFixture(c)).id}/attachments`,
      payload: PDF,
      headers: { 'content-type': 'application/pdf', 'x-file-name': `matrix-${c.unique()}.pdf` },
    }),
    expect: row(403, 201, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from attachments order by id`),
  },
  'GET /api/sanctions/:id/attachments/:attachmentId': {
    request: async (c) => {
      const s = await sanctionFixture(c);
      return { method: 'GET', url: `/api/sanctions/${s.id}/attachments/${s.fileId}` };
    },
    expect: SANCTION_READERS,
  },
  // 数据对接 (issue 13): the province, a county and a centre exchange, each within its scope.
  'GET /api/exchange/runs': {
    request: () => ({ method: 'GET', url: '/api/exchange/runs' }),
    expect: row(403, 200, 403, 403, 200, 200, 403, 200, 403, 403),
  },
  'GET /api/exchange/runs/:id': {
    request: async (c) => ({ method: 'GET', url: `/api/exchange/runs/${await centreMonthRun(c)}` }),
    expect: row(403, 200, 403, 403, 200, 404, 403, 200, 403, 403),
  },
  'GET /api/exchange/runs/:id/output': {
    request: async (c) => ({ method: 'GET', url: `/api/exchange/runs/${await centreMonthRun(c)}/output` }),
    expect: row(403, 200, 403, 403, 200, 404, 403, 200, 403, 403),
  },
  'GET /api/exchange/runs/:id/input': {
    request: async (c) => ({ method: 'GET', url: `/api/exchange/runs/${await refusedInboundRun(c)}/input` }),
    expect: row(403, 200, 403, 403, 200, 404, 403, 200, 403, 403),
  },
  'POST /api/exchange/outbound': {
    request: () => ({
      method: 'POST',
      url: '/api/exchange/outbound',
      payload: { kind: 'cmt_centre_month', centreId: 1, month: '2026-10' },
    }),
    expect: row(403, 201, 403, 403, 201, 404, 403, 201, 403, 403),
    snapshot: (c) => c.query(sql`select * from exchange_runs order by id`),
  },
  'POST /api/exchange/runs/:id/rerun': {
    request: async (c) => ({ method: 'POST', url: `/api/exchange/runs/${await centreMonthRun(c)}/rerun` }),
    expect: row(403, 201, 403, 403, 201, 404, 403, 201, 403, 403),
    snapshot: (c) => c.query(sql`select * from exchange_runs order by id`),
  },
  'POST /api/exchange/inbound': {
    request: async (c, role) => ({
      method: 'POST',
      url: '/api/exchange/inbound?kind=cmt_trade_data',
      payload: await tradeDataFile(c, role),
      headers: { 'content-type': 'application/json' },
    }),
    expect: row(403, 201, 403, 403, 201, 201, 403, 201, 403, 403),
    snapshot: (c) => c.query(sql`select * from exchange_runs order by id`),
  },
  'POST /api/centres/:id/attachments': {
    request: (c) => ({
      method: 'POST',
      url: `/api/centres/${c.centres.recognised}/attachments`,
      payload: PDF,
      headers: { 'content-type': 'application/pdf', 'x-file-name': `matrix-${c.unique()}.pdf` },
    }),
    expect: row(403, 201, 201, 404, 201, 404, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from attachments order by id`),
  },
  'GET /api/attachments/:id': {
    request: async (c) => {
      const a = await uploadAttachment(systemContext(c.t.deps, 'province'), c.centres.recognised, PDF, 'matrix.pdf');
      return { method: 'GET', url: `/api/attachments/${a.id}` };
    },
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 403),
  },
  'GET /api/centres/:id/staff': {
    request: (c) => ({ method: 'GET', url: `/api/centres/${c.centres.recognised}/staff` }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 403),
  },
  'POST /api/centres/:id/staff': {
    request: (c) => ({
      method: 'POST',
      url: `/api/centres/${c.centres.recognised}/staff`,
      payload: {
        name: `矩阵${c.unique()}`,
        tradeYears: 3,
        customsDeclarant: true,
        foreignLanguage: false,
        socialInsuranceProof: '社保参保证明',
      },
    }),
    expect: row(403, 403, 403, 403, 201, 404, 403, 201, 403, 403),
    snapshot: (c) => c.query(sql`select * from centre_staff order by id`),
  },
  'DELETE /api/centres/:id/staff/:staffId': {
    request: async (c) => {
      const [s] = await c.query<{ id: number }>(
        sql`insert into centre_staff (centre_id, name, trade_years, customs_declarant, foreign_language,
              social_insurance_proof) values (${c.centres.recognised}, ${`待移除${c.unique()}`}, 1, false, false, '证明')
            returning id`,
      );
      return { method: 'DELETE', url: `/api/centres/${c.centres.recognised}/staff/${s?.id}` };
    },
    expect: row(403, 403, 403, 403, 204, 404, 403, 204, 403, 403),
    // Each call adds its own row first, so only rows that existed before it are compared.
    snapshot: (c) => c.query(sql`select * from centre_staff where name not like '待移除%' order by id`),
  },
  'POST /api/centres/:id/staff/import': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/centres/${c.centres.recognised}/staff/import`,
      payload: await rosterFile(`导入${c.unique()}`),
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    }),
    expect: row(403, 403, 403, 403, 200, 404, 403, 200, 403, 403),
    snapshot: (c) => c.query(sql`select * from centre_staff order by id`),
  },
  'GET /api/staff-import-template': {
    request: () => ({ method: 'GET', url: '/api/staff-import-template' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  'GET /api/operators': {
    request: () => ({ method: 'GET', url: '/api/operators' }),
    expect: row(200, 200, 200, 200, 200, 200, 403, 403, 403, 403),
  },
  'GET /api/operators/:id': {
    request: (c) => ({ method: 'GET', url: `/api/operators/${c.operator}` }),
    expect: row(200, 200, 200, 200, 200, 200, 403, 403, 403, 403),
  },
  'POST /api/operators': {
    request: (c) => {
      const n = 5000 + c.unique();
      return {
        method: 'POST',
        url: '/api/operators',
        payload: {
          name: `矩阵测试外贸服务有限公司${n}`,
          creditCode: makeCreditCode(n),
          legalRepName: '矩阵',
          legalRepIdNumber: makeIdNumber(n),
          tradeRegistration: `0421${n}`,
          capabilities: ['logistics'],
          premises: '武汉市江岸区沿江大道1号',
          contactPhone: '027-80001234',
        },
      };
    },
    expect: row(403, 201, 403, 403, 201, 201, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from operators order by id`),
  },
  // Decision 0009: another county (枝江) reads the operator but may not change it, see its ID number or record its
  // violations (403 OPERATOR_OUTSIDE_REGION); another city (襄阳) may not record one.
  'PATCH /api/operators/:id': {
    request: async (c) => {
      const id = c.regionalOperator;
      const [current] = await c.query<{ version: number }>(sql`select version from operators where id = ${id}`);
      return {
        method: 'PATCH',
        url: `/api/operators/${id}`,
        payload: { version: current?.version, premises: `武汉市江汉区建设大道${c.unique()}号` },
      };
    },
    expect: row(403, 200, 403, 403, 200, 403, 403, 403, 403, 403),
    codes: { otherCounty: 'OPERATOR_OUTSIDE_REGION' },
    snapshot: (c) => c.query(sql`select * from operators order by id`),
  },
  'POST /api/operators/:id/identity': {
    request: (c) => ({ method: 'POST', url: `/api/operators/${c.regionalOperator}/identity` }),
    expect: row(403, 200, 403, 403, 200, 403, 403, 403, 403, 403),
    codes: { otherCounty: 'OPERATOR_OUTSIDE_REGION' },
    snapshot: (c) => c.query(sql`select count(*) from audit_entries where action = 'operator.identity.viewed'`),
  },
  'POST /api/operators/:id/violations': {
    request: (c) => ({
      method: 'POST',
      url: `/api/operators/${c.regionalOperator}/violations`,
      payload: { occurredOn: '2026-01-15', description: `矩阵测试违规记录${c.unique()}`, source: '测试机关' },
    }),
    expect: row(403, 200, 200, 403, 403, 403, 403, 403, 403, 403),
    codes: { otherCity: 'OPERATOR_OUTSIDE_REGION' },
    snapshot: (c) => c.query(sql`select * from operator_violations order by id`),
  },
  'GET /api/me': {
    request: () => ({ method: 'GET', url: '/api/me' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'PUT /api/me/locale': {
    request: () => ({ method: 'PUT', url: '/api/me/locale', payload: { locale: 'en' } }),
    expect: row(204, 204, 204, 204, 204, 204, 204, 204, 204, 204),
    snapshot: (c) => c.query(sql`select id, locale from users order by id`),
  },
  'POST /api/me/password': {
    request: (c, role) => ({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: c.passwords[role], newPassword: `${NEW_PASSWORD_PREFIX}${c.unique()}` },
    }),
    expect: row(204, 204, 204, 204, 204, 204, 204, 204, 204, 204),
    snapshot: (c) => c.query(sql`select id, password_hash from users order by id`),
    // Every session of the user ends and the response carries the one new session: carry on with it.
    after: (c, role, res, req) => {
      cookies[role] = sessionCookieOf(res);
      c.passwords[role] = (req.payload as { newPassword: string }).newPassword;
    },
  },
  'GET /api/regions': {
    request: () => ({ method: 'GET', url: '/api/regions' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'GET /api/regions/:code': {
    request: () => ({ method: 'GET', url: '/api/regions/420500' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'GET /api/parks': {
    request: () => ({ method: 'GET', url: '/api/parks' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 403, 403, 403),
  },
  // 宜昌高新区 lies in 西陵区 (420502), 宜昌 (420500): outside 襄阳's and 枝江's scope.
  'GET /api/parks/:id': {
    request: (c) => ({ method: 'GET', url: `/api/parks/${c.w.parks.yichangHighTech.id}` }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 403, 403, 403),
  },
  'POST /api/parks': {
    request: (c) => ({
      method: 'POST',
      url: '/api/parks',
      // In 武汉 (江岸区), so that no scoped list of the fixture changes.
      payload: { name: `矩阵测试园区${c.unique()}`, kind: 'industrial_park', level: 'other', countyCode: '420102' },
    }),
    expect: row(403, 201, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from parks order by id`),
  },
  'PATCH /api/parks/:id': {
    request: async (c) => {
      const id = c.w.parks.yichangHighTech.id;
      const [current] = await c.query<{ version: number }>(sql`select version from parks where id = ${id}`);
      return { method: 'PATCH', url: `/api/parks/${id}`, payload: { version: current?.version, level: 'national' } };
    },
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from parks order by id`),
  },
  'GET /api/users': {
    request: () => ({ method: 'GET', url: '/api/users' }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'GET /api/users/:id': {
    request: (c) => ({ method: 'GET', url: `/api/users/${c.w.users.city.id}` }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'POST /api/users': {
    request: (c) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `matrix.${c.unique()}`,
        displayName: '矩阵测试企业',
        role: 'enterprise',
        enterpriseId: 1,
        password: 'Matrix#2026pw',
      },
    }),
    expect: row(201, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from users order by id`),
  },
  'PATCH /api/users/:id': {
    request: (c) => ({ method: 'PATCH', url: `/api/users/${c.throwaway.disable}`, payload: { disabled: true } }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => userAndSessions(c, c.throwaway.disable),
  },
  'POST /api/users/:id/unlock': {
    request: (c) => ({ method: 'POST', url: `/api/users/${c.throwaway.unlock}/unlock` }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => userAndSessions(c, c.throwaway.unlock),
  },
  'POST /api/users/:id/reset-password': {
    request: (c) => ({
      method: 'POST',
      url: `/api/users/${c.throwaway.reset}/reset-password`,
      payload: { newPassword: 'Reset#2026pw' },
    }),
    expect: row(204, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => userAndSessions(c, c.throwaway.reset),
  },
  'GET /api/audit': {
    request: () => ({ method: 'GET', url: '/api/audit' }),
    expect: row(200, 200, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'GET /api/audit/verify': {
    request: () => ({ method: 'GET', url: '/api/audit/verify' }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'GET /api/policy/versions': {
    request: () => ({ method: 'GET', url: '/api/policy/versions' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'GET /api/policy/versions/:version': {
    request: () => ({ method: 'GET', url: '/api/policy/versions/1' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  // 政策版本草案 (Art. 16): the province alone drafts, previews and publishes; every role still reads the versions.
  'GET /api/policy/drafts': {
    request: () => ({ method: 'GET', url: '/api/policy/drafts' }),
    expect: PROVINCE_ROW,
  },
  'POST /api/policy/drafts': {
    request: () => ({ method: 'POST', url: '/api/policy/drafts', payload: { title: '矩阵测试草案' } }),
    expect: row(403, 201, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: policyDraftRows,
  },
  'GET /api/policy/drafts/:id': {
    request: async (c) => ({ method: 'GET', url: `/api/policy/drafts/${await policyDraft(c, 'read')}` }),
    expect: PROVINCE_ROW,
  },
  'PATCH /api/policy/drafts/:id': {
    request: async (c) => {
      const id = await policyDraft(c, 'edit');
      const [d] = await c.query<{ version: number; parameters: Record<string, unknown> }>(
        sql`select version, parameters from policy_drafts where id = ${id}`,
      );
      return {
        method: 'PATCH',
        url: `/api/policy/drafts/${id}`,
        payload: { version: d?.version, title: '矩阵测试草案（改）', basis: '', parameters: d?.parameters },
      };
    },
    expect: PROVINCE_ROW,
    snapshot: policyDraftRows,
  },
  'POST /api/policy/drafts/:id/discard': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/policy/drafts/${await policyDraft(c, 'discard')}/discard`,
      payload: { version: 1 },
    }),
    expect: PROVINCE_ROW,
    snapshot: policyDraftRows,
  },
  'GET /api/policy/drafts/:id/preview': {
    request: async (c) => ({ method: 'GET', url: `/api/policy/drafts/${await policyDraft(c, 'read')}/preview` }),
    expect: PROVINCE_ROW,
  },
  'POST /api/policy/drafts/:id/publish': {
    // Effective far ahead, so the rest of the matrix keeps reading version 1.
    request: async (c) => ({
      method: 'POST',
      url: `/api/policy/drafts/${await policyDraft(c, 'publish')}/publish`,
      payload: { version: 1, effectiveFrom: '2099-01-01' },
    }),
    expect: PROVINCE_ROW,
    snapshot: policyDraftRows,
  },
  // 配套实施细则 (Art. 15): public documents, every signed-in role reads them and the values behind the form.
  'GET /api/city-rules': {
    request: () => ({ method: 'GET', url: '/api/city-rules' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'GET /api/city-rules/baseline': {
    request: () => ({ method: 'GET', url: '/api/city-rules/baseline?city=420500' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  // Only a city publishes, for its own region (the city comes from the account); far in the future, so that no
  // verdict of the fixture changes.
  'POST /api/city-rules': {
    request: () => ({
      method: 'POST',
      url: '/api/city-rules',
      payload: {
        title: '矩阵测试实施细则',
        documentNumber: '测商务发〔2099〕1号',
        effectiveFrom: '2099-01-01',
        parameters: { venueMinAreaOther: 60 },
      },
    }),
    expect: row(403, 403, 201, 201, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from city_policy_rules order by id`),
  },
  'GET /api/settings': {
    request: () => ({ method: 'GET', url: '/api/settings' }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'PATCH /api/settings': {
    request: () => ({ method: 'PATCH', url: '/api/settings', payload: { auditRetentionDays: 400 } }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from settings order by key`),
  },
  // Backups hold every record of the platform: only the administrator sees and runs them (等保 2.0 三级).
  'GET /api/admin/backups': {
    request: () => ({ method: 'GET', url: '/api/admin/backups' }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'POST /api/admin/backups': {
    request: () => ({ method: 'POST', url: '/api/admin/backups' }),
    expect: row(201, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from backup_runs order by id`),
  },
  // 节假日安排 (issue 10): one calendar for the whole province, so there is no region to scope by; officials read
  // where their deadlines' working days come from, only the administrator enters a year.
  'GET /api/calendar/years': {
    request: () => ({ method: 'GET', url: '/api/calendar/years' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 403, 403, 403),
  },
  'GET /api/calendar/years/:year': {
    request: () => ({ method: 'GET', url: '/api/calendar/years/2026' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 403, 403, 403),
  },
  'PUT /api/calendar/years/:year': {
    // A year far from every deadline of the fixtures, so that the administrator's entry moves none of them.
    request: () => ({
      method: 'PUT',
      url: '/api/calendar/years/2031',
      payload: {
        notice: { title: '矩阵测试用节假日安排（虚构）', number: '测试〔2030〕1号', issuedOn: '2030-11-01' },
        holidays: [{ name: '元旦', from: '2031-01-01', to: '2031-01-01' }],
        workdays: [],
      },
    }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) =>
      c.query(sql`select y.*, d.* from calendar_years y left join calendar_days d using (year) order by day`),
  },
  'POST /api/calendar/import-preview': {
    request: () => ({
      method: 'POST',
      url: '/api/calendar/import-preview',
      payload: {
        year: 2031,
        ics: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20310101\r\nSUMMARY:元旦（休）\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      },
    }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    changesNothing: true,
    snapshot: (c) =>
      c.query(sql`select y.*, d.* from calendar_years y left join calendar_days d using (year) order by day`),
  },
  'GET /api/dashboard': {
    request: () => ({ method: 'GET', url: '/api/dashboard' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  // Issue 11: only the province drills its overview into a city's counties.
  'GET /api/dashboard/cities/:cityCode': {
    request: () => ({ method: 'GET', url: '/api/dashboard/cities/420500' }),
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  // Centres (Art. 9). All in 宜昌高新区 (西陵区 420502, 宜昌 420500), so outside 襄阳's and 枝江's scope.
  'GET /api/centres': {
    request: () => ({ method: 'GET', url: '/api/centres' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  'GET /api/centres/stats': {
    request: () => ({ method: 'GET', url: '/api/centres/stats' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  // Art. 9(四): the province, and cities and counties for their own region (scope filters the rows).
  'GET /api/centres/conditions': {
    request: () => ({ method: 'GET', url: '/api/centres/conditions?show=open' }),
    expect: row(403, 200, 200, 200, 200, 200, 403, 403, 403, 403),
  },
  // The recognised centre is centre 1, the one the fixture operator runs.
  'GET /api/centres/:id': {
    request: (c) => ({ method: 'GET', url: `/api/centres/${c.centres.recognised}` }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 403),
  },
  // Only the county applies (Art. 9(三)), and only for a park of its own: 枝江's county does not find 宜昌高新区.
  'POST /api/centres': {
    request: (c) => ({
      method: 'POST',
      url: '/api/centres',
      payload: centreInputFor(c.w.parks.yichangHighTech, { name: `矩阵测试外综服中心${c.unique()}` }),
    }),
    expect: row(403, 403, 403, 403, 201, 404, 403, 403, 403, 403),
    snapshot: centreTables,
  },
  'PATCH /api/centres/:id': {
    request: async (c) => ({
      method: 'PATCH',
      url: `/api/centres/${c.centres.draft}`,
      payload: { version: await centreVersion(c, c.centres.draft), venueArea: 120 },
    }),
    expect: row(403, 403, 403, 403, 200, 404, 403, 403, 403, 403),
    snapshot: centreTables,
  },
  'POST /api/centres/:id/submit': {
    request: async (c) => step(c, c.centres.toSubmit, 'submit'),
    expect: row(403, 403, 403, 403, 200, 404, 403, 403, 403, 403),
    snapshot: centreTables,
  },
  'POST /api/centres/:id/forward': {
    request: async (c) => step(c, c.centres.toForward, 'forward'),
    expect: row(403, 403, 200, 404, 403, 403, 403, 403, 403, 403),
    snapshot: centreTables,
  },
  'POST /api/centres/:id/return': {
    request: async (c) => step(c, c.centres.toReturn, 'return', '请补充场地免费使用证明。'),
    expect: row(403, 403, 200, 404, 403, 403, 403, 403, 403, 403),
    snapshot: centreTables,
  },
  'POST /api/centres/:id/approve': {
    request: async (c) => step(c, c.centres.toApprove, 'approve'),
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: centreTables,
  },
  'POST /api/centres/:id/reject': {
    request: async (c) => step(c, c.centres.toReject, 'reject', '暂不具备设立条件。'),
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: centreTables,
  },
  // Art. 9(四): the city requests, the province decides on its own. Each allowed caller gets a centre of its own,
  // since a request pending on one centre would refuse the next.
  'POST /api/centres/:id/changes': {
    request: async (c, role) => {
      const id = role === 'province' ? c.centres.toChangeByProvince : c.centres.toChangeByCity;
      return {
        method: 'POST',
        url: `/api/centres/${id}/changes`,
        payload: {
          kind: 'adjustment',
          reason: '中心服务电话变更。',
          adjustment: { contactPhone: '0717-6543210' },
          version: await centreVersion(c, id),
        },
      };
    },
    expect: row(403, 200, 200, 404, 403, 403, 403, 403, 403, 403),
    snapshot: centreTables,
  },
  'POST /api/centre-changes/:id/decide': {
    request: (c) => ({
      method: 'POST',
      url: `/api/centre-changes/${c.centres.pendingChange}/decide`,
      payload: { decision: 'approve', comment: '同意调整。' },
    }),
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: centreTables,
  },
  'GET /api/decision-letters/:id/print': {
    request: (c) => ({ method: 'GET', url: `/api/decision-letters/${c.centres.recognisedLetter}/print` }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 403),
  },
  // Operator engagements (Art. 10(三)). Writes act on a fresh engagement for each role that may succeed, and on one
  // shared engagement per route for the refusals (which must leave it as it was).
  'GET /api/engagements': {
    request: () => ({ method: 'GET', url: '/api/engagements' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  'GET /api/engagements/:id': {
    request: (c) => ({ method: 'GET', url: `/api/engagements/${c.engagement}` }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 403),
  },
  'POST /api/centres/:id/engagements': {
    request: async (c, role) => {
      const centre = await engagementFixture('POST tender', role, TENDER_ROW, async () => freshCentre(c));
      const operator = await makeOperator(c.t.deps, { serial: 700 + c.unique() });
      return {
        method: 'POST',
        url: `/api/centres/${centre.id}/engagements`,
        payload: tenderInputFor(centre, operator, beijingDay(c.t.clock.now)),
      };
    },
    expect: TENDER_ROW,
    snapshot: engagementTables,
  },
  'PUT /api/engagements/:id/checklist': {
    request: async (c, role) => {
      const e = await engagementFixture('checklist', role, COUNTY_ROW, () => freshEngagement(c, 'tendered'));
      return {
        method: 'PUT',
        url: `/api/engagements/${e.id}/checklist`,
        payload: {
          version: await engagementVersion(c, e.id),
          entries: [{ item: 'legal_entity', confirmed: true, evidence: '营业执照核验', attachmentIds: [] }],
        },
      };
    },
    expect: COUNTY_ROW,
    snapshot: engagementTables,
  },
  'POST /api/engagements/:id/files': {
    request: async (c, role) => {
      const e = await engagementFixture('files', role, COUNTY_CREATED_ROW, () => freshEngagement(c, 'tendered'));
      return {
        method: 'POST',
        url: `/api/engagements/${e.id}/files?kind=work_plan`,
        payload: PDF,
        headers: { 'content-type': 'application/pdf', 'x-file-name': `plan-${c.unique()}.pdf` },
      };
    },
    expect: COUNTY_CREATED_ROW,
    snapshot: engagementTables,
  },
  'POST /api/engagements/:id/agreement': {
    request: async (c, role) => {
      const e = await engagementFixture('agreement', role, COUNTY_ROW, () => freshEngagement(c, 'ready'));
      return {
        method: 'POST',
        url: `/api/engagements/${e.id}/agreement`,
        payload: {
          version: await engagementVersion(c, e.id),
          signedOn: e.awardedOn,
          agreementNumber: `矩阵协议${c.unique()}`,
          countyParty: '宜昌市西陵区商务局',
          parkParty: '宜昌高新区管理委员会',
          fundScope: [{ item: '派驻人员劳务', amount: 200000 }],
        },
      };
    },
    expect: COUNTY_ROW,
    snapshot: engagementTables,
  },
  'POST /api/engagements/:id/report': {
    request: async (c, role) => {
      const e = await engagementFixture('report', role, CITY_ROW, () => freshEngagement(c, 'signed'));
      return engagementStep(c, e.id, 'report');
    },
    expect: CITY_ROW,
    snapshot: engagementTables,
  },
  'POST /api/engagements/:id/return': {
    request: async (c, role) => {
      const e = await engagementFixture('return', role, PROVINCE_ROW, () => freshEngagement(c, 'reported'));
      return engagementStep(c, e.id, 'return', '请补充社保证明。');
    },
    expect: PROVINCE_ROW,
    snapshot: engagementTables,
  },
  'POST /api/engagements/:id/file': {
    request: async (c, role) => {
      const e = await engagementFixture('file', role, PROVINCE_ROW, () => freshEngagement(c, 'reported'));
      return engagementStep(c, e.id, 'file');
    },
    expect: PROVINCE_ROW,
    snapshot: async (c) => ({ ...(await engagementTables(c)), centres: await centreTables(c) }),
  },
  'POST /api/engagements/:id/contracts': {
    request: async (c, role) => {
      const e = await engagementFixture('contracts', role, COUNTY_ROW, () => freshEngagement(c, 'signed'));
      return {
        method: 'POST',
        url: `/api/engagements/${e.id}/contracts`,
        payload: {
          version: await engagementVersion(c, e.id),
          year: 1,
          contractNumber: `矩阵合同${c.unique()}`,
          signedOn: e.signedOn,
        },
      };
    },
    expect: COUNTY_ROW,
    snapshot: engagementTables,
  },
  'POST /api/engagements/:id/changes': {
    request: async (c, role) => {
      const e = await engagementFixture('apply change', role, COUNTY_CREATED_ROW, () => freshEngagement(c, 'filed'));
      return {
        method: 'POST',
        url: `/api/engagements/${e.id}/changes`,
        payload: {
          version: await engagementVersion(c, e.id),
          cause: 'authority',
          changedOn: beijingDay(c.t.clock.now),
          reason: '原承办企业服务不达标，县商务局决定更换。',
          outgoingEvaluation: { result: 'unsatisfactory', note: '服务记录不完整。' },
        },
      };
    },
    expect: COUNTY_CREATED_ROW,
    snapshot: async (c) => ({
      ...(await engagementTables(c)),
      changes: await c.query(sql`select * from operator_changes order by id`),
    }),
  },
  'GET /api/operator-changes': {
    request: () => ({ method: 'GET', url: '/api/operator-changes' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  'GET /api/operator-changes/:id': {
    request: async (c) => {
      const ch = await sharedFixture('read change', async () =>
        makeOperatorChange(c.t.deps, { engagement: await freshEngagement(c, 'filed'), target: 'submitted' }),
      );
      return { method: 'GET', url: `/api/operator-changes/${ch.id}` };
    },
    // The fresh centres are in 宜昌高新区 but not the fixture operator's centre 1.
    expect: row(200, 200, 200, 404, 200, 404, 200, 404, 403, 403),
  },
  'POST /api/operator-changes/:id/forward': {
    request: async (c, role) => {
      const ch = await engagementFixture('forward change', role, CITY_ROW, async () =>
        makeOperatorChange(c.t.deps, { engagement: await freshEngagement(c, 'filed'), target: 'submitted' }),
      );
      return { method: 'POST', url: `/api/operator-changes/${ch.id}/forward`, payload: { version: ch.version } };
    },
    expect: CITY_ROW,
    snapshot: (c) => c.query(sql`select * from operator_changes order by id`),
  },
  'POST /api/operator-changes/:id/decide': {
    request: async (c, role) => {
      const ch = await engagementFixture('decide change', role, PROVINCE_ROW, async () =>
        makeOperatorChange(c.t.deps, { engagement: await freshEngagement(c, 'filed'), target: 'forwarded' }),
      );
      return {
        method: 'POST',
        url: `/api/operator-changes/${ch.id}/decide`,
        payload: { version: ch.version, decision: 'approve', comment: '同意。' },
      };
    },
    expect: PROVINCE_ROW,
    snapshot: async (c) => ({
      ...(await engagementTables(c)),
      changes: await c.query(sql`select * from operator_changes order by id`),
    }),
  },
  'PUT /api/operator-changes/:id/handover': {
    request: async (c, role) => {
      const ch = await engagementFixture('handover', role, COUNTY_ROW, async () =>
        makeOperatorChange(c.t.deps, { engagement: await freshEngagement(c, 'filed'), target: 'approved' }),
      );
      return {
        method: 'PUT',
        url: `/api/operator-changes/${ch.id}/handover`,
        payload: { version: ch.version, items: [{ item: 'service_records', done: true, note: '已移交' }] },
      };
    },
    expect: COUNTY_ROW,
    snapshot: (c) => c.query(sql`select * from operator_changes order by id`),
  },
  'POST /api/engagements/:id/contracts/:contractId/evaluation': {
    request: async (c, role) => {
      const e = await engagementFixture('evaluation', role, COUNTY_ROW, () => freshEngagement(c, 'signed', true));
      return {
        method: 'POST',
        url: `/api/engagements/${e.id}/contracts/${e.contracts[0]?.id}/evaluation`,
        payload: {
          version: await engagementVersion(c, e.id),
          result: 'passed',
          evaluatedOn: beijingDay(c.t.clock.now),
          note: '年度末期评估合格。',
        },
      };
    },
    expect: COUNTY_ROW,
    snapshot: engagementTables,
  },
  // Issue 6: enterprises, service records, ratings and rectifications, activities, statistics, messages.
  'GET /api/enterprises': {
    request: () => ({ method: 'GET', url: '/api/enterprises' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 403),
  },
  'GET /api/enterprises/:id': {
    request: async (c) => ({ method: 'GET', url: `/api/enterprises/${await worldEnterprise(c)}` }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 200, 403),
  },
  'PATCH /api/enterprises/:id': {
    request: async (c) => {
      const id = await worldEnterprise(c);
      const [e] = await c.query<{ version: number }>(sql`select version from enterprises where id = ${id}`);
      return {
        method: 'PATCH',
        url: `/api/enterprises/${id}`,
        payload: { version: e?.version, contactPhone: '0717-6000009' },
      };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    snapshot: (c) => c.query(sql`select * from enterprises order by id`),
  },
  'POST /api/enterprises/:id/review': {
    request: async (c, role) => {
      const expected = row(403, 403, 403, 403, 200, 404, 403, 200, 403, 403);
      const e = await engagementFixture('review enterprise', role, expected, () => pendingEnterprise(c));
      return { method: 'POST', url: `/api/enterprises/${e.id}/review`, payload: { decision: 'approve', version: 1 } };
    },
    expect: row(403, 403, 403, 403, 200, 404, 403, 200, 403, 403),
    snapshot: async (c) => ({
      enterprises: await c.query(sql`select * from enterprises order by id`),
      users: await c.query(sql`select id from users order by id`),
    }),
  },
  'POST /api/enterprises/import': {
    request: async () => ({
      method: 'POST',
      url: '/api/enterprises/import',
      payload: await enterpriseHeaderOnlyFile(),
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    }),
    expect: row(403, 403, 403, 403, 202, 202, 403, 202, 403, 403),
    // Only the job rows' existence: an allowed call's background job may still be updating its own row.
    snapshot: (c) => c.query(sql`select id, user_id from import_jobs order by id`),
  },
  'GET /api/import-jobs/:id': {
    request: async (c) => {
      const [job] = await c.query<{ id: number }>(
        sql`insert into import_jobs (kind, user_id, file_name, status, phase, errors, created_at)
            values ('enterprises', ${c.w.users.county.id}, 'matrix.xlsx', 'failed', 'done', '[]'::jsonb, now()) returning id`,
      );
      return { method: 'GET', url: `/api/import-jobs/${job?.id}` };
    },
    expect: row(403, 403, 403, 403, 200, 404, 403, 404, 403, 403),
  },
  'GET /api/enterprise-import-template': {
    request: () => ({ method: 'GET', url: '/api/enterprise-import-template' }),
    expect: row(403, 403, 403, 403, 200, 200, 403, 200, 403, 403),
  },
  // 贸易数据 (issue 13): read by officials, centres and enterprises in scope; reported by county, centre, enterprise.
  'GET /api/trade/declarations': {
    request: () => ({ method: 'GET', url: '/api/trade/declarations' }),
    expect: row(403, 200, 200, 200, 200, 200, 200, 200, 200, 403),
  },
  'GET /api/trade/declarations/:id': {
    request: async (c, role) => {
      const [intake] = await c.query<{ id: number }>(
        sql`insert into trade_intakes (source, channel, status, created_at) values ('demo', 'demo', 'succeeded', now())
            returning id`,
      );
      // A new enterprise beside enterprise 1 (same county and park) that no centre has served: other routes of the
      // matrix record services for enterprise 1 at operator.1's centre, which would open its trade to that centre. The
      // enterprise's own account reads its own (enterprise 1's) declaration.
      const n = ++matrixDeclarations;
      const [e] = await c.query<{ id: number }>(
        sql`insert into enterprises (credit_code, name, county_code, city_code, park_id, contact_person, contact_phone,
              status, source, created_at, updated_at)
            select ${`91420502MT${String(n).padStart(7, '0')}X`}, ${`矩阵贸易${n}号有限公司`}, county_code, city_code,
              park_id, contact_person, contact_phone, 'approved', 'import', now(), now()
            from enterprises where id = 1 returning id`,
      );
      const [d] = await c.query<{ id: number }>(
        sql`insert into trade_declarations (declaration_no, enterprise_id, city_code, county_code, park_id, direction,
              declared_on, month, trade_mode, country, currency, amount, amount_cny_fen, amount_usd_cent, line_count,
              source, intake_id, created_at)
            select ${`4701202600${String(n).padStart(8, '0')}`}, e.id, e.city_code, e.county_code,
              e.park_id, 'export', '2026-03-15', '2026-03', '0110', 'US', 'CNY', 100, 10000, 1400, 1, 'demo', ${intake?.id},
              now()
            from enterprises e where e.id = ${role === 'enterprise' ? 1 : e?.id} returning id`,
      );
      return { method: 'GET', url: `/api/trade/declarations/${d?.id}` };
    },
    expect: row(403, 200, 200, 404, 200, 404, 200, 404, 200, 403),
  },
  'POST /api/trade/declarations/bulk': {
    request: () => ({
      method: 'POST',
      url: '/api/trade/declarations/bulk',
      payload: {
        declarations: [
          {
            declarationNo: '470120260000000001',
            enterpriseCreditCode: '91420500MA4F000001',
            direction: 'export',
            declaredOn: '2026-03-15',
            tradeMode: '0110',
            country: 'US',
            currency: 'USD',
            amount: '10',
            lines: [{ commodityCode: '8501100010', goodsName: '微电机', quantity: '1', unit: '台', amount: '10' }],
          },
        ],
      },
    }),
    expect: row(403, 403, 403, 403, 200, 200, 403, 200, 200, 403),
    snapshot: (c) => c.query(sql`select * from trade_declarations order by id`),
  },
  'POST /api/trade/imports': {
    request: () => ({
      method: 'POST',
      url: '/api/trade/imports',
      payload: '报关单号,统一社会信用代码\r\n',
      headers: { 'content-type': 'text/csv' },
    }),
    expect: row(403, 403, 403, 403, 202, 202, 403, 202, 202, 403),
    snapshot: (c) => c.query(sql`select id, user_id from import_jobs order by id`),
  },
  'GET /api/trade/imports/:id': {
    request: async (c) => {
      const [job] = await c.query<{ id: number }>(
        sql`insert into import_jobs (kind, user_id, file_name, status, phase, errors, created_at)
            values ('trade', ${c.w.users.county.id}, 'matrix.csv', 'failed', 'done', '[]'::jsonb, now()) returning id`,
      );
      return { method: 'GET', url: `/api/trade/imports/${job?.id}` };
    },
    expect: row(403, 403, 403, 403, 200, 404, 403, 404, 404, 403),
  },
  'GET /api/trade/template': {
    request: () => ({ method: 'GET', url: '/api/trade/template' }),
    expect: row(403, 403, 403, 403, 200, 200, 403, 200, 200, 403),
  },
  'GET /api/trade/intakes': {
    request: () => ({ method: 'GET', url: '/api/trade/intakes' }),
    expect: row(403, 200, 200, 200, 200, 200, 200, 200, 200, 403),
  },
  'GET /api/trade/rates': {
    request: () => ({ method: 'GET', url: '/api/trade/rates' }),
    expect: row(403, 200, 200, 200, 200, 200, 200, 200, 200, 403),
  },
  'POST /api/trade/rates': {
    request: () => ({
      method: 'POST',
      url: '/api/trade/rates',
      payload: '月份,币制,人民币折算率\r\n2026-03,USD,7.1234\r\n',
      headers: { 'content-type': 'text/csv' },
    }),
    expect: PROVINCE_ROW,
    snapshot: (c) => c.query(sql`select * from exchange_rates order by month, currency`),
  },
  'GET /api/trade/rates/template': {
    request: () => ({ method: 'GET', url: '/api/trade/rates/template' }),
    expect: PROVINCE_ROW,
  },
  'GET /api/service-records': {
    request: () => ({ method: 'GET', url: '/api/service-records' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 403),
  },
  'POST /api/service-records': {
    request: () => ({
      method: 'POST',
      url: '/api/service-records',
      payload: {
        enterpriseId: 1,
        category: 'consultation',
        subItem: 'other',
        channel: 'window',
        requestText: '窗口咨询。',
      },
    }),
    expect: row(403, 403, 403, 403, 403, 403, 403, 201, 403, 403),
    snapshot: serviceTables,
  },
  'POST /api/service-records/requests': {
    request: () => ({
      method: 'POST',
      url: '/api/service-records/requests',
      payload: { centreId: 1, category: 'tax_refund', subItem: 'refund_declaration', requestText: '申请退税服务。' },
    }),
    expect: row(403, 403, 403, 403, 403, 403, 403, 403, 201, 403),
    snapshot: serviceTables,
  },
  'GET /api/service-records/:id': {
    request: async (c) => ({
      method: 'GET',
      url: `/api/service-records/${(await sharedFixture('read record', () => serviceRecord(c, 'submitted'))).id}`,
    }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 200, 403),
  },
  ...serviceStep('accept', 'submitted', {}, row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403)),
  ...serviceStep('progress', 'accepted', { note: '正在办理。' }, row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403)),
  ...serviceStep(
    'complete',
    'accepted',
    { resultText: '已办结。' },
    row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403),
  ),
  ...serviceStep(
    'cancel',
    'submitted',
    { reason: '企业撤回。' },
    row(403, 403, 403, 403, 403, 403, 403, 200, 200, 403),
  ),
  'POST /api/service-records/:id/assign': {
    request: async (c, role) => {
      const expected = row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403);
      const r = await engagementFixture('assign record', role, expected, () => serviceRecord(c, 'accepted'));
      const [staff] = await c.query<{ id: number }>(
        sql`insert into centre_staff (centre_id, name, trade_years, customs_declarant, foreign_language, social_insurance_proof)
            values (1, ${`经办人${c.unique()}`}, 4, true, false, '证明') returning id`,
      );
      return {
        method: 'POST',
        url: `/api/service-records/${r.id}/assign`,
        payload: { version: r.version, assigneeId: staff?.id },
      };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403),
    snapshot: serviceTables,
  },
  'POST /api/service-records/:id/rating': {
    request: async (c, role) => {
      const expected = row(403, 403, 403, 403, 403, 403, 403, 403, 200, 403);
      const r = await engagementFixture('rate record', role, expected, () => serviceRecord(c, 'completed'));
      return { method: 'POST', url: `/api/service-records/${r.id}/rating`, payload: { level: 'satisfied' } };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    snapshot: serviceTables,
  },
  'POST /api/service-records/:id/attachments': {
    request: async (c) => {
      const r = await sharedFixture('attach record', () => serviceRecord(c, 'submitted'));
      return {
        method: 'POST',
        url: `/api/service-records/${r.id}/attachments`,
        payload: PDF,
        headers: { 'content-type': 'application/pdf', 'x-file-name': 'matrix.pdf' },
      };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 201, 201, 403),
    snapshot: serviceTables,
  },
  'GET /api/service-records/:id/attachments/:attachmentId': {
    request: async (c) => {
      const r = await sharedFixture('file record', async () => {
        const rec = await serviceRecord(c, 'submitted');
        const res = await as(c.t.app, cookies.operator, {
          method: 'POST',
          url: `/api/service-records/${rec.id}/attachments`,
          payload: PDF,
          headers: { 'content-type': 'application/pdf', 'x-file-name': 'matrix.pdf' },
        });
        return { id: rec.id, fileId: res.json().id as number };
      });
      return { method: 'GET', url: `/api/service-records/${r.id}/attachments/${r.fileId}` };
    },
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 200, 403),
  },
  // 资金拨付 (Art. 11, 14; issue 15): officials read by region and an operator its own; the city records a payment
  // and another official of the city confirms it; the operator reports its use; the province or the city of the row
  // records what is recovered. Another city is told the record does not exist.
  'GET /api/funding/payments': {
    request: () => ({ method: 'GET', url: '/api/funding/payments' }),
    expect: FUNDING_READ_ROW,
  },
  'GET /api/funding/payable': {
    request: () => ({ method: 'GET', url: '/api/funding/payable' }),
    expect: row(403, 403, 200, 200, 403, 403, 403, 403, 403, 403),
  },
  'POST /api/funding/payments': {
    request: async (c) => ({
      method: 'POST',
      url: '/api/funding/payments',
      payload: { entitlementId: (await matrixEntitlement(c, 'payments')).id, amountFen: 1_000, paidOn: '2026-11-20' },
    }),
    expect: row(403, 403, 201, 404, 403, 403, 403, 403, 403, 403),
    snapshot: fundingTables,
  },
  'POST /api/funding/payments/:id/confirm': {
    request: async (c, role) => {
      const p = await engagementFixture('confirm payment', role, CITY_ROW, () => recordedPayment(c));
      return {
        method: 'POST',
        url: `/api/funding/payments/${p.id}/confirm`,
        payload: { version: p.version, voucherNumber: `矩阵${p.id}`, voucherDate: '2026-11-23' },
      };
    },
    expect: CITY_ROW,
    snapshot: fundingTables,
  },
  'POST /api/funding/payments/:id/cancel': {
    request: async (c, role) => {
      const p = await engagementFixture('cancel payment', role, CITY_ROW, () => recordedPayment(c));
      return {
        method: 'POST',
        url: `/api/funding/payments/${p.id}/cancel`,
        payload: { version: p.version, reason: '矩阵测试撤销' },
      };
    },
    expect: CITY_ROW,
    snapshot: fundingTables,
  },
  'GET /api/funding/use-reports': {
    request: () => ({ method: 'GET', url: '/api/funding/use-reports' }),
    expect: FUNDING_READ_ROW,
  },
  'GET /api/funding/use-targets': {
    request: () => ({ method: 'GET', url: '/api/funding/use-targets' }),
    expect: row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403),
  },
  'POST /api/funding/use-reports': {
    request: async (c) => ({
      method: 'POST',
      url: '/api/funding/use-reports',
      payload: {
        entitlementId: (await matrixEntitlement(c, 'use')).id,
        lines: [{ fundLineItem: null, description: '矩阵测试支出', amountFen: 100, spentOn: '2026-11-02' }],
      },
    }),
    expect: row(403, 403, 403, 403, 403, 403, 403, 201, 403, 403),
    snapshot: fundingTables,
  },
  'GET /api/funding/recoveries': {
    request: () => ({ method: 'GET', url: '/api/funding/recoveries' }),
    expect: FUNDING_READ_ROW,
  },
  'POST /api/funding/recoveries/:id/receipts': {
    request: async (c, role) => {
      const expected = row(403, 200, 200, 404, 403, 403, 403, 403, 403, 403);
      const r = await engagementFixture('recovery receipt', role, expected, () => recoveryRow(c));
      return {
        method: 'POST',
        url: `/api/funding/recoveries/${r.id}/receipts`,
        payload: { version: r.version, amountFen: 100, receivedOn: '2026-11-23', voucherNumber: '矩阵缴款' },
      };
    },
    expect: row(403, 200, 200, 404, 403, 403, 403, 403, 403, 403),
    snapshot: fundingTables,
  },
  'GET /api/rectifications': {
    request: () => ({ method: 'GET', url: '/api/rectifications' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  'POST /api/rectifications/:id/answer': {
    request: async (c, role) => {
      const expected = row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403);
      const x = await engagementFixture('answer fix', role, expected, () => rectification(c, false));
      return {
        method: 'POST',
        url: `/api/rectifications/${x.id}/answer`,
        payload: { version: x.version, answer: '已整改。' },
      };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403),
    snapshot: (c) => c.query(sql`select * from rectifications order by id`),
  },
  'POST /api/rectifications/:id/follow-up': {
    request: async (c, role) => {
      const expected = row(403, 403, 403, 403, 200, 404, 403, 403, 403, 403);
      const x = await engagementFixture('follow fix', role, expected, () => rectification(c, true));
      return {
        method: 'POST',
        url: `/api/rectifications/${x.id}/follow-up`,
        payload: { version: x.version, decision: 'accept', comment: '整改到位。' },
      };
    },
    expect: row(403, 403, 403, 403, 200, 404, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from rectifications order by id`),
  },
  'GET /api/service-stats': {
    request: () => ({ method: 'GET', url: '/api/service-stats' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  // 西陵区 (the fixture county): another city or county asking for it is told it does not exist; a park, a centre
  // and an enterprise only narrow their own scope by it.
  'GET /api/trade/monitoring': {
    request: () => ({ method: 'GET', url: '/api/trade/monitoring?countyCode=420502' }),
    expect: row(403, 200, 200, 404, 200, 404, 200, 200, 200, 403),
  },
  // Its 新开口 pages: the same action and the same filter check, so the same answers.
  'GET /api/trade/monitoring/newly-trading': {
    request: () => ({ method: 'GET', url: '/api/trade/monitoring/newly-trading?countyCode=420502&page=2' }),
    expect: row(403, 200, 200, 404, 200, 404, 200, 200, 200, 403),
  },
  // 考核结果 (Art. 12(三)): published grades by scope (the evaluator's scope holds none); the result sheet of a 襄阳
  // centre exists only for those whose scope holds it; the province alone confirms a cancellation; the priority
  // marks are read by those who read the operator register.
  'GET /api/assessment/results': {
    request: () => ({ method: 'GET', url: '/api/assessment/results' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
  },
  'GET /api/assessment/results/distribution': {
    request: () => ({ method: 'GET', url: '/api/assessment/results/distribution' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
  },
  'GET /api/assessment/results/:centreId/:year/print': {
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/results/${(await poorCentre(c)).centreId}/2015/print`,
    }),
    expect: row(200, 200, 404, 200, 404, 404, 404, 404, 403, 404),
  },
  'GET /api/assessment/consequences': {
    request: () => ({ method: 'GET', url: '/api/assessment/consequences' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
  },
  'POST /api/assessment/consequences/:id/confirm-cancellation': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/assessment/consequences/${(await poorCentre(c)).cancellationId}/confirm-cancellation`,
      payload: { version: 1, comment: '矩阵测试：连续两年较差。' },
    }),
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) =>
      Promise.all([
        c.query(sql`select * from assessment_consequences order by id`),
        c.query(sql`select id, qualification_status, version from operators order by id`),
      ]),
  },
  'GET /api/assessment/tender-priorities': {
    request: () => ({ method: 'GET', url: '/api/assessment/tender-priorities' }),
    expect: row(200, 200, 200, 200, 200, 200, 403, 403, 403, 403),
  },
  // 资金支持 (issue 15, Art. 11): officials read their region's funding, an operator its own rows (the figures carry
  // no operator: an operator's overview is empty); the province computes; a city and a county record their own
  // matching funds for a centre of their region (another region's centre is not found).
  'POST /api/funding/entitlements/compute': {
    request: () => ({ method: 'POST', url: '/api/funding/entitlements/compute', payload: { year: 2026 } }),
    expect: PROVINCE_ROW,
    snapshot: (c) =>
      Promise.all([
        c.query(sql`select * from funding_entitlements order by id`),
        c.query(sql`select * from funding_figures order by centre_id, year`),
      ]),
  },
  'GET /api/funding/entitlements': {
    request: () => ({ method: 'GET', url: '/api/funding/entitlements' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  'GET /api/funding/entitlements/:id': {
    request: async (c) => ({ method: 'GET', url: `/api/funding/entitlements/${await centreOneEntitlement(c)}` }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 403),
  },
  'GET /api/funding/figures': {
    request: () => ({ method: 'GET', url: '/api/funding/figures' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  'GET /api/funding/matching': {
    request: () => ({ method: 'GET', url: '/api/funding/matching' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  'POST /api/funding/matching': {
    request: (c, role) => ({
      method: 'POST',
      url: '/api/funding/matching',
      payload: {
        centreId: c.centres.recognised,
        year: 2026,
        source: role === 'county' || role === 'otherCounty' ? 'county' : 'city',
        amountFen: 1_000_000,
        documentNumber: '矩阵测试〔2026〕1号',
        grantedOn: '2026-10-10',
      },
    }),
    expect: row(403, 403, 201, 404, 201, 404, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from matching_funds order by id`),
  },
  'GET /api/activities': {
    request: () => ({ method: 'GET', url: '/api/activities' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 403),
  },
  'POST /api/activities': {
    request: () => ({ method: 'POST', url: '/api/activities', payload: ACTIVITY }),
    expect: row(403, 403, 403, 403, 403, 403, 403, 201, 403, 403),
    snapshot: activityTables,
  },
  'GET /api/activities/:id': {
    request: async (c) => ({
      method: 'GET',
      url: `/api/activities/${(await sharedFixture('activity', () => activity(c))).id}`,
    }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 403),
  },
  // Fraud signals (Art. 13(三), 14): the province and the evaluator of the agency the submission is assigned to.
  'GET /api/assessment/submissions/:id/signals': {
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/submissions/${await sharedFixture('signalsSubmission', () => signalsSubmission(c))}/signals`,
    }),
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 200),
  },
  'PUT /api/activities/:id': {
    request: async (c) => {
      const a = await sharedFixture('activity', () => activity(c));
      const [v] = await c.query<{ version: number }>(sql`select version from activities where id = ${a.id}`);
      return {
        method: 'PUT',
        url: `/api/activities/${a.id}`,
        payload: { version: v?.version, activity: { ...ACTIVITY, title: '出口退税政策宣讲（修订）' } },
      };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403),
    snapshot: activityTables,
  },
  'POST /api/activities/:id/attachments': {
    request: async (c) => {
      const a = await sharedFixture('activity', () => activity(c));
      return {
        method: 'POST',
        url: `/api/activities/${a.id}/attachments`,
        payload: PDF,
        headers: { 'content-type': 'application/pdf', 'x-file-name': 'sign-in.pdf' },
      };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 201, 403, 403),
    snapshot: activityTables,
  },
  'GET /api/activities/:id/attachments/:attachmentId': {
    request: async (c) => {
      const a = await sharedFixture('activity file', async () => {
        const made = await activity(c);
        const res = await as(c.t.app, cookies.operator, {
          method: 'POST',
          url: `/api/activities/${made.id}/attachments`,
          payload: PDF,
          headers: { 'content-type': 'application/pdf', 'x-file-name': 'photo.pdf' },
        });
        return { id: made.id, fileId: res.json().id as number };
      });
      return { method: 'GET', url: `/api/activities/${a.id}/attachments/${a.fileId}` };
    },
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 403),
  },
  // Issue 14, Art. 12(二)(1)–(2): indicator systems, cycles, submissions and the city's pre-review. The submission of
  // centre 1 (宜昌高新区, 西陵区) in a cycle of its own per route, so that one route's allowed write leaves the next
  // route's fixture as it needs it.
  'GET /api/assessment/systems': {
    request: () => ({ method: 'GET', url: '/api/assessment/systems' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
  },
  'POST /api/assessment/systems': {
    request: () => ({
      method: 'POST',
      url: '/api/assessment/systems',
      payload: { title: '矩阵测试指标体系', year: 2026, copyFrom: null },
    }),
    expect: row(403, 201, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: assessmentTables,
  },
  'GET /api/assessment/systems/:id': {
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/systems/${(await assessmentSubmission(c, 2020)).systemId}`,
    }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
  },
  'PUT /api/assessment/systems/:id': {
    request: async (c) => {
      const id = await sharedFixture('assessment draft system', () => assessmentSystem(c));
      const [s] = await c.query<{ version: number; body: unknown }>(
        sql`select version, body from indicator_systems where id = ${id}`,
      );
      return {
        method: 'PUT',
        url: `/api/assessment/systems/${id}`,
        payload: { version: s?.version, title: '矩阵测试指标体系（修订）', year: 2026, body: s?.body },
      };
    },
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: assessmentTables,
  },
  'GET /api/assessment/cycles': {
    request: () => ({ method: 'GET', url: '/api/assessment/cycles' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
  },
  'POST /api/assessment/cycles': {
    request: async (c) => ({
      method: 'POST',
      url: '/api/assessment/cycles',
      // A system of its own, as opening freezes it; a year no other fixture opens.
      payload: cycleRequest(await sharedFixture('assessment system to open', () => assessmentSystem(c)), 2019),
    }),
    expect: row(403, 201, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: assessmentTables,
  },
  'GET /api/assessment/cycles/:id': {
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/cycles/${(await assessmentSubmission(c, 2020)).cycleId}`,
    }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
  },
  'GET /api/assessment/submissions': {
    request: () => ({ method: 'GET', url: '/api/assessment/submissions' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
  },
  'GET /api/assessment/submissions/:id': {
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/submissions/${(await assessmentSubmission(c, 2020)).id}`,
    }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 404),
  },
  'PUT /api/assessment/submissions/:id/statement': {
    request: async (c) => {
      const s = await assessmentSubmission(c, 2021);
      return {
        method: 'PUT',
        url: `/api/assessment/submissions/${s.id}/statement`,
        payload: { version: await submissionVersion(c, s.id), statement: '本中心年度工作自评。' },
      };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403),
    snapshot: assessmentTables,
  },
  'POST /api/assessment/submissions/:id/submit': {
    request: async (c) => {
      const s = await assessmentSubmission(c, 2022);
      return {
        method: 'POST',
        url: `/api/assessment/submissions/${s.id}/submit`,
        payload: { version: await submissionVersion(c, s.id) },
      };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 200, 403, 403),
    snapshot: assessmentTables,
  },
  'POST /api/assessment/submissions/:id/reopen': {
    request: async (c) => {
      const s = await assessmentSubmission(c, 2023);
      return {
        method: 'POST',
        url: `/api/assessment/submissions/${s.id}/reopen`,
        payload: { version: await submissionVersion(c, s.id), until: '2099-12-31' },
      };
    },
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: assessmentTables,
  },
  'POST /api/assessment/submissions/:id/prereview': {
    request: async (c) => {
      const s = await assessmentSubmission(c, 2024, true);
      return {
        method: 'POST',
        url: `/api/assessment/submissions/${s.id}/prereview`,
        payload: { version: await submissionVersion(c, s.id), decision: 'pass' },
      };
    },
    expect: row(403, 403, 200, 404, 403, 403, 403, 403, 403, 403),
    snapshot: assessmentTables,
  },
  'POST /api/assessment/submissions/:id/attachments': {
    request: async (c) => {
      const s = await assessmentSubmission(c, 2025);
      return {
        method: 'POST',
        url: `/api/assessment/submissions/${s.id}/attachments`,
        payload: PDF,
        headers: { 'content-type': 'application/pdf', 'x-file-name': 'self-report.pdf' },
      };
    },
    expect: row(403, 403, 403, 403, 403, 403, 403, 201, 403, 403),
    snapshot: assessmentTables,
  },
  'GET /api/assessment/submissions/:id/attachments/:attachmentId': {
    request: async (c) => {
      const s = await assessmentSubmission(c, 2020);
      const fileId = await sharedFixture('assessment file', async () => {
        const res = await as(c.t.app, cookies.operator, {
          method: 'POST',
          url: `/api/assessment/submissions/${s.id}/attachments`,
          payload: PDF,
          headers: { 'content-type': 'application/pdf', 'x-file-name': 'evidence.pdf' },
        });
        if (res.statusCode !== 201) throw new Error(`assessment file: ${res.body}`);
        return res.json().id as number;
      });
      return { method: 'GET', url: `/api/assessment/submissions/${s.id}/attachments/${fileId}` };
    },
    expect: row(200, 200, 200, 404, 200, 404, 200, 200, 403, 404),
  },
  'GET /api/messages': {
    request: () => ({ method: 'GET', url: '/api/messages' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'GET /api/messages/unread-count': {
    request: () => ({ method: 'GET', url: '/api/messages/unread-count' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'POST /api/messages/:id/read': {
    request: async (c) => {
      const [u] = await c.query<{ id: number }>(
        sql`select id from users where username = ${c.w.users.enterprise.username}`,
      );
      const [m] = await c.query<{ id: number }>(
        sql`insert into messages (user_id, kind, params, created_at) values (${u?.id}, 'rating.reminder', '{"number":"FW2026000001"}'::jsonb, now()) returning id`,
      );
      return { method: 'POST', url: `/api/messages/${m?.id}/read` };
    },
    expect: row(404, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    snapshot: (c) => c.query(sql`select id, read_at from messages order by id`),
  },
  'POST /api/messages/read-all': {
    request: async (c, role) => {
      // One unread message for the caller, so that marking all read changes (and audits) something.
      const [u] = await c.query<{ id: number }>(sql`select id from users where username = ${c.w.users[role].username}`);
      await c.query(
        sql`insert into messages (user_id, kind, params, created_at) values (${u?.id}, 'rating.reminder', '{"number":"FW2026000002"}'::jsonb, now())`,
      );
      return { method: 'POST', url: '/api/messages/read-all' };
    },
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  ...evaluationRoutes(),
};

/** The fixture enterprise (宜昌高新区), served by centre 1. */
async function worldEnterprise(c: Ctx): Promise<number> {
  const [u] = await c.query<{ enterprise_id: number }>(
    sql`select enterprise_id from users where username = ${c.w.users.enterprise.username}`,
  );
  if (!u) throw new Error('no fixture enterprise');
  return u.enterprise_id;
}

/** A registration waiting for approval in 宜昌西陵区 (the fixture county, and centre 1's). */
async function pendingEnterprise(c: Ctx): Promise<{ id: number }> {
  const code = enterpriseCreditCode('420502', 500 + c.unique());
  const [row] = await c.query<{ id: number }>(
    sql`insert into enterprises (credit_code, name, county_code, city_code, contact_person, contact_phone, status, source, pending_password_hash)
        values (${code}, ${`矩阵待审企业${code.slice(-6)}`}, '420502', '420500', '孙经理', '13700000000', 'pending', 'self', ${await cachedHash(TEST_PASSWORD)}) returning id`,
  );
  if (!row) throw new Error('no pending enterprise');
  return row;
}

/** An import file with the header only: its job fails while checking and never writes an enterprise. */
async function enterpriseHeaderOnlyFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('外贸企业').addRow([...ENTERPRISE_IMPORT_HEADERS]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A 楚贸通 month of centre 1 (the fixture operator's centre, in 西陵区), produced once by its operator. */
function centreMonthRun(c: Ctx): Promise<number> {
  return sharedFixture('exchange month run', async () => {
    const res = await as(c.t.app, cookies.operator, {
      method: 'POST',
      url: '/api/exchange/outbound',
      payload: { kind: 'cmt_centre_month', centreId: 1, month: '2026-09' },
    });
    if (res.statusCode !== 201) throw new Error(`centre month: ${res.body}`);
    return (res.json() as { id: number }).id;
  });
}

/** A refused inbound run of centre 1's operator: the run and its input are kept, nothing else. */
function refusedInboundRun(c: Ctx): Promise<number> {
  return sharedFixture('exchange refused run', async () => {
    const res = await as(c.t.app, cookies.operator, {
      method: 'POST',
      url: '/api/exchange/inbound?kind=cmt_trade_data',
      payload: Buffer.from('{"format":"chumaotong.trade-data"}'),
      headers: { 'content-type': 'application/json' },
    });
    if (res.statusCode !== 400) throw new Error(`refused run: ${res.body}`);
    return (res.json() as { details: { runId: number } }).details.runId;
  });
}

/**
 * A 楚贸通 trade-data file the role may send: the fixture enterprise (served by centre 1, in 西陵区) for most, an
 * enterprise of 枝江 for 枝江's county. The same declaration sent again is a duplicate, so every allowed call succeeds.
 */
async function tradeDataFile(c: Ctx, role: RoleKey): Promise<Buffer> {
  await sharedFixture('read record', () => serviceRecord(c, 'submitted'));
  await c.query(sql`insert into exchange_rates (month, currency, cny_per_unit, set_at)
    values ('2026-10', 'USD', '7.100000', now()) on conflict do nothing`);
  const creditCode =
    role === 'otherCounty'
      ? await sharedFixture('zhijiang enterprise', async () => {
          const code = enterpriseCreditCode('420583', 77);
          await makeEnterprise(c.t.deps, {
            particulars: {
              creditCode: code,
              name: '枝江矩阵外贸有限公司',
              countyCode: '420583',
              parkId: c.t.world.parks.zhijiang.id,
              contactPerson: '李经理',
              contactPhone: '0717-6000077',
              hasTradeRecord: false,
              firstTradeOn: null,
            },
          });
          return code;
        })
      : enterpriseCreditCode('420502', 1);
  const no = role === 'otherCounty' ? '420520260000007702' : '420520260000007701';
  return Buffer.from(
    JSON.stringify({
      format: 'chumaotong.trade-data',
      version: '1.0',
      messageId: `matrix-${role}`,
      declarations: [
        {
          declarationNo: no,
          enterpriseCreditCode: creditCode,
          direction: 'export',
          declaredOn: '2026-10-15',
          tradeMode: '0110',
          country: 'US',
          currency: 'USD',
          amount: '100.00',
          lines: [{ commodityCode: '8501100010', goodsName: '微电机', quantity: '1', unit: '台', amount: '100.00' }],
        },
      ],
    }),
  );
}

/** A service record of the fixture enterprise at centre 1, taken to `status` through the API. */
async function serviceRecord(
  c: Ctx,
  status: 'submitted' | 'accepted' | 'completed',
): Promise<{ id: number; version: number }> {
  const res = await as(c.t.app, cookies.enterprise, {
    method: 'POST',
    url: '/api/service-records/requests',
    payload: { centreId: 1, category: 'tax_refund', subItem: 'refund_declaration', requestText: '矩阵测试服务申请。' },
  });
  if (res.statusCode !== 201) throw new Error(`service request: ${res.body}`);
  let r = res.json() as { id: number; version: number };
  const steps = status === 'submitted' ? [] : status === 'accepted' ? ['accept'] : ['accept', 'complete'];
  for (const step of steps) {
    const s = await as(c.t.app, cookies.operator, {
      method: 'POST',
      url: `/api/service-records/${r.id}/${step}`,
      payload: { version: r.version, ...(step === 'complete' ? { resultText: '已办结。' } : {}) },
    });
    if (s.statusCode !== 200) throw new Error(`${step}: ${s.body}`);
    r = s.json();
  }
  return { id: r.id, version: r.version };
}

/** A rectification opened by a 不满意 rating; `answered` once the centre has answered it. */
async function rectification(c: Ctx, answered: boolean): Promise<{ id: number; version: number }> {
  const r = await serviceRecord(c, 'completed');
  const rated = await as(c.t.app, cookies.enterprise, {
    method: 'POST',
    url: `/api/service-records/${r.id}/rating`,
    payload: { level: 'dissatisfied', comment: '矩阵测试差评。' },
  });
  let x = rated.json().rectification as { id: number; version: number };
  if (answered) {
    const a = await as(c.t.app, cookies.operator, {
      method: 'POST',
      url: `/api/rectifications/${x.id}/answer`,
      payload: { version: x.version, answer: '已整改。' },
    });
    x = a.json();
  }
  return x;
}

function serviceStep(name: string, from: 'submitted' | 'accepted', body: Record<string, unknown>, expected: Decision) {
  return {
    [`POST /api/service-records/:id/${name}`]: {
      request: async (c: Ctx, role: RoleKey) => {
        const r = await engagementFixture(`${name} record`, role, expected, () => serviceRecord(c, from));
        return {
          method: 'POST',
          url: `/api/service-records/${r.id}/${name}`,
          payload: { version: r.version, ...body },
        };
      },
      expect: expected,
      snapshot: serviceTables,
    } satisfies RouteCase,
  };
}

async function serviceTables(c: Ctx) {
  return {
    records: await c.query(sql`select * from service_records order by id`),
    progress: await c.query(sql`select * from service_progress order by id`),
    ratings: await c.query(sql`select * from service_ratings order by id`),
    files: await c.query(sql`select * from attachments where service_record_id is not null order by id`),
    enterprises: await c.query(sql`select * from enterprises order by id`),
  };
}

const ACTIVITY = {
  kind: 'policy_promotion',
  title: '出口退税政策宣讲',
  startOn: '2026-11-20',
  endOn: '2026-11-20',
  place: '宜昌高新区政务服务中心',
  participantCount: 40,
  enterpriseIds: [],
};

async function activity(c: Ctx): Promise<{ id: number }> {
  const res = await as(c.t.app, cookies.operator, { method: 'POST', url: '/api/activities', payload: ACTIVITY });
  if (res.statusCode !== 201) throw new Error(`activity: ${res.body}`);
  void c;
  return { id: res.json().id };
}

/** The recognised centre's submission in a cycle of its own, assigned to the fixture evaluator's agency. */
async function signalsSubmission(c: Ctx): Promise<number> {
  const db = c.t.deps.db;
  const cycle = await makeCycle(db, { year: 2016, submissionDue: '2017-01-20' });
  const agencyId = await evaluationAgency(c);
  return (await makeSubmission(db, { cycleId: cycle.id, centreId: c.centres.recognised, agencyId })).id;
}

/** The evaluation agency whose account the fixture evaluator is (users.evaluator_id). */
function evaluationAgency(c: Ctx): Promise<number> {
  return sharedFixture('evaluation agency', async () => {
    const a = await makeEvaluationAgency(c.t.deps.db, { name: '矩阵评估咨询有限公司' });
    await c.query(sql`update users set evaluator_id = ${a.id} where id = ${c.w.users.evaluator.id}`);
    return a.id;
  });
}

async function activityTables(c: Ctx) {
  return {
    activities: await c.query(sql`select * from activities order by id`),
    enterprises: await c.query(sql`select * from activity_enterprises order by activity_id`),
    files: await c.query(sql`select * from attachments where activity_id is not null order by id`),
  };
}

/** Everything an assessment route may write. */
async function assessmentTables(c: Ctx) {
  return {
    systems: await c.query(sql`select * from indicator_systems order by id`),
    cycles: await c.query(sql`select * from assessment_cycles order by id`),
    submissions: await c.query(sql`select * from assessment_submissions order by id`),
    events: await c.query(sql`select * from assessment_submission_events order by id`),
    files: await c.query(sql`select * from attachments where assessment_submission_id is not null order by id`),
  };
}

/** A draft indicator system copied from the shipped default, by the province. */
async function assessmentSystem(c: Ctx): Promise<number> {
  const res = await as(c.t.app, cookies.province, {
    method: 'POST',
    url: '/api/assessment/systems',
    payload: { title: '矩阵测试指标体系', year: 2026, copyFrom: null },
  });
  if (res.statusCode !== 201) throw new Error(`assessment system: ${res.body}`);
  return res.json().id;
}

function cycleRequest(systemId: number, year: number) {
  return {
    year,
    title: `${year}年度外综服中心考核评估`,
    notice: '现开展年度考核评估工作。',
    systemId,
    submissionDue: { kind: 'workingDays', days: 60 },
    prereviewDue: { kind: 'workingDays', days: 10 },
    evaluationDue: { kind: 'workingDays', days: 20 },
  };
}

/**
 * Centre 1's submission in the cycle of `year` (one cycle per route that writes, so that their writes do not meet),
 * submitted by its operator when `submitted`.
 */
function assessmentSubmission(
  c: Ctx,
  year: number,
  submitted = false,
): Promise<{ id: number; cycleId: number; systemId: number }> {
  return sharedFixture(`assessment cycle ${year}`, async () => {
    const res = await as(c.t.app, cookies.province, {
      method: 'POST',
      url: '/api/assessment/cycles',
      payload: cycleRequest(await assessmentSystem(c), year),
    });
    if (res.statusCode !== 201) throw new Error(`assessment cycle: ${res.body}`);
    const cycle = res.json();
    const [s] = await c.query<{ id: number; version: number }>(
      sql`select id, version from assessment_submissions where cycle_id = ${cycle.id} and centre_id = ${c.centres.recognised}`,
    );
    if (!s) throw new Error('centre 1 has no submission');
    if (submitted) {
      const sub = await as(c.t.app, cookies.operator, {
        method: 'POST',
        url: `/api/assessment/submissions/${s.id}/submit`,
        payload: { version: s.version },
      });
      if (sub.statusCode !== 200) throw new Error(`assessment submit: ${sub.body}`);
    }
    return { id: s.id, cycleId: cycle.id as number, systemId: cycle.systemId as number };
  });
}

async function submissionVersion(c: Ctx, id: number): Promise<number | undefined> {
  const [s] = await c.query<{ version: number }>(sql`select version from assessment_submissions where id = ${id}`);
  return s?.version;
}

/** Everything an engagement route may write. */
async function engagementTables(c: Ctx) {
  return {
    engagements: await c.query(sql`select * from engagements order by id`),
    events: await c.query(sql`select * from engagement_events order by id`),
    contracts: await c.query(sql`select * from annual_contracts order by id`),
    files: await c.query(sql`select * from attachments order by id`),
  };
}

async function engagementVersion(c: Ctx, id: number): Promise<number> {
  const [r] = await c.query<{ version: number }>(sql`select version from engagements where id = ${id}`);
  if (!r) throw new Error(`no engagement ${id}`);
  return r.version;
}

async function engagementStep(c: Ctx, id: number, name: string, comment?: string): Promise<InjectOptions> {
  return {
    method: 'POST',
    url: `/api/engagements/${id}/${name}`,
    payload: { version: await engagementVersion(c, id), ...(comment ? { comment } : {}) },
  };
}

/** A new recognised centre in 宜昌高新区 (a national-level zone: further centres state their support). */
async function freshCentre(c: Ctx) {
  return makeCentre(c.t.deps, {
    park: c.w.parks.yichangHighTech,
    target: 'approved',
    input: { ...SECOND_CENTRE, name: `宜昌高新区承办矩阵外综服中心${c.unique()}` },
  });
}

async function freshEngagement(c: Ctx, target: EngagementTarget, withContract = false) {
  const centre = await freshCentre(c);
  const operator = await makeOperator(c.t.deps, { serial: 700 + c.unique() });
  return makeEngagement(c.t.deps, { centre, operator, target, withContract });
}

const sharedFixtures = new Map<string, Promise<unknown>>();

/** Centre 1's 2026 entitlement (its operator filed this year: not yet eligible), computed once on first use. */
function centreOneEntitlement(c: Ctx): Promise<number> {
  return sharedFixture('centre-one-entitlement', async () => {
    await c.t.deps.db.transaction((tx) =>
      computeYearEntitlements(tx, systemContext(c.t.deps, 'province'), { year: 2026, at: c.t.deps.clock() }),
    );
    const [e] = await c.query<{ id: number }>(
      sql`select id from funding_entitlements where centre_id = ${c.centres.recognised} and year = 2026`,
    );
    if (!e) throw new Error('no entitlement for centre 1');
    return e.id;
  });
}

/** A fresh record for a role the route lets through; one shared record for the refusals of that route. */
function engagementFixture<T>(key: string, role: RoleKey, expected: Decision, make: () => Promise<T>): Promise<T> {
  return isAllowed(expected[role]) ? make() : sharedFixture(key, make);
}

/** One record made on first use and shared by every later call with the same key. */
function sharedFixture<T>(key: string, make: () => Promise<T>): Promise<T> {
  let shared = sharedFixtures.get(key) as Promise<T> | undefined;
  if (!shared) {
    shared = make();
    sharedFixtures.set(key, shared);
  }
  return shared;
}

/** Everything a centre route may write: the centres, their history, change requests and decision letters. */
async function centreTables(c: Ctx) {
  return {
    centres: await c.query(sql`select * from centres order by id`),
    events: await c.query(sql`select * from centre_events order by id`),
    changes: await c.query(sql`select * from centre_changes order by id`),
    letters: await c.query(sql`select * from decision_letters order by id`),
  };
}

async function centreVersion(c: Ctx, id: number): Promise<number> {
  const [r] = await c.query<{ version: number }>(sql`select version from centres where id = ${id}`);
  if (!r) throw new Error(`no centre ${id}`);
  return r.version;
}

async function step(c: Ctx, id: number, name: string, comment?: string): Promise<InjectOptions> {
  return {
    method: 'POST',
    url: `/api/centres/${id}/${name}`,
    payload: { version: await centreVersion(c, id), ...(comment ? { comment } : {}) },
  };
}

async function userAndSessions(c: Ctx, id: number) {
  return {
    user: await c.query(sql`select * from users where id = ${id}`),
    sessions: await c.query(sql`select * from sessions where user_id = ${id} order by token_hash`),
  };
}

/** Policy drafts the matrix acts on, one per purpose, made once as the province (Art. 16). */
const policyDrafts = new Map<string, Promise<number>>();
function policyDraft(c: Ctx, purpose: 'read' | 'edit' | 'discard' | 'publish'): Promise<number> {
  let made = policyDrafts.get(purpose);
  if (!made) {
    made = createPolicyDraft(systemContext(c.t.deps, 'province'), {
      title: `矩阵测试草案（${purpose}）`,
      basis: '',
      basedOnVersion: null,
    }).then((d) => d.id);
    policyDrafts.set(purpose, made);
  }
  return made;
}

async function policyDraftRows(c: Ctx) {
  return {
    drafts: await c.query(sql`select * from policy_drafts order by id`),
    versions: await c.query(sql`select version from policy_versions order by version`),
  };
}

const isAllowed = (status: number) => status >= 200 && status < 300;

let t: TestApp;
let ctx: Ctx;
const cookies = {} as Record<RoleKey, string>;

async function auditHead(c: Ctx) {
  const [head] = await c.query<{ seq: string | number; hash: string }>(sql`select seq, hash from audit_head`);
  return { seq: Number(head?.seq), hash: head?.hash };
}

/** Art. 9(二): a further centre in a national-level zone states its trading enterprises and support. */
const SECOND_CENTRE = {
  tradingEnterpriseCount: 320,
  supportStatement: '高新区实绩外贸企业320家，区财政安排配套资金并提供场地及办公设备。',
};

async function makeFixtureCentres(app: TestApp): Promise<Ctx['centres']> {
  const park = app.world.parks.yichangHighTech;
  const make = async (target: Parameters<typeof makeCentre>[1]['target'], name: string) =>
    (await makeCentre(app.deps, { park, target, input: { ...SECOND_CENTRE, name } })).id;
  // First, so that it is centre 1: the fixture operator (centreId 1) runs it.
  const recognised = await makeCentre(app.deps, { park, target: 'approved' });
  if (recognised.id !== 1) throw new Error(`the operator's centre must be centre 1, not ${recognised.id}`);
  const letter = recognised.letters[0];
  if (!letter) throw new Error('approval issued no decision letter');
  const changed = await makeCentre(app.deps, {
    park,
    target: 'approved',
    input: { ...SECOND_CENTRE, name: '宜昌高新区调整测试外综服中心' },
  });
  const pending = await requestCentreChange(
    systemContext(app.deps, 'city', { regionCode: park.cityCode }),
    changed.id,
    { kind: 'adjustment', reason: '服务场地迁址。', adjustment: { venueArea: 200 }, version: changed.version },
  );
  const change = pending.changes[0];
  if (!change) throw new Error('change request not recorded');
  return {
    recognised: recognised.id,
    changed: changed.id,
    zhijiangDraft: (await makeCentre(app.deps, { park: app.world.parks.zhijiang, target: 'draft' })).id,
    xiangyang: (await makeCentre(app.deps, { park: app.world.parks.xiangyangHighTech, target: 'approved' })).id,
    recognisedLetter: letter.id,
    draft: await make('draft', '宜昌高新区草稿外综服中心'),
    toSubmit: await make('draft', '宜昌高新区待提交外综服中心'),
    toForward: await make('submitted', '宜昌高新区待转报外综服中心'),
    toReturn: await make('submitted', '宜昌高新区待退回外综服中心'),
    toApprove: await make('forwarded', '宜昌高新区待核准外综服中心'),
    toReject: await make('forwarded', '宜昌高新区待驳回外综服中心'),
    toChangeByCity: await make('approved', '宜昌高新区市级调整外综服中心'),
    toChangeByProvince: await make('approved', '宜昌高新区省级调整外综服中心'),
    pendingChange: change.id,
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  let counter = 0;
  const makeThrowaway = async (name: string) => {
    const u = await makeUser(t.deps, {
      username: `throwaway.${name}`,
      role: 'county',
      regionCode: '420583',
      password: TEST_PASSWORD,
    });
    // A live session, so that a refused disable or reset visibly leaves it alone.
    await loginAs(t.app, u.username);
    return u.id;
  };
  ctx = {
    t,
    w: t.world,
    passwords: Object.fromEntries(ROLE_KEYS.map((r) => [r, TEST_PASSWORD])) as Record<RoleKey, string>,
    throwaway: {
      disable: await makeThrowaway('disable'),
      unlock: await makeThrowaway('unlock'),
      reset: await makeThrowaway('reset'),
    },
    centres: await makeFixtureCentres(t),
    operator: (await makeOperator(t.deps, { serial: 1 })).id,
    regionalOperator: (await makeOperator(t.deps, { serial: 3, registeredIn: '420502' })).id,
    engagement: 0,
    unique: () => ++counter,
    query: async <T>(q: SQL) => rowsOf<T>(await t.deps.db.execute(q)),
  };
  ctx.engagement = (
    await makeEngagement(t.deps, {
      centre: await getCentreDetail(systemContext(t.deps, 'province'), ctx.centres.recognised),
      operator: await makeOperator(t.deps, { serial: 2 }),
      // Filed, so that centre 1 operates and takes service requests (issue 6).
      target: 'filed',
    })
  ).id;
  // Locked out, as after five wrong passwords, so that unlocking has something to lift.
  await t.deps.db.execute(
    sql`update users set locked_until = ${new Date(t.clock.now.getTime() + 15 * 60_000).toISOString()}::timestamptz
        where id = ${ctx.throwaway.unlock}`,
  );
  for (const role of ROLE_KEYS) cookies[role] = await loginAs(t.app, t.world.users[role].username);
});
afterAll(async () => t?.close());

describe('route inventory', () => {
  const apiRoutes = () => t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/') && !isDocsRoute(r.url));

  it('every registered /api route has an expected decision, and every expectation names a registered route', () => {
    const registered = new Set(apiRoutes().map((r) => `${r.method} ${r.url}`));
    const covered = new Set([...Object.keys(EXPECTED), ...PUBLIC_ROUTES]);
    const missing = [...registered].filter((k) => !covered.has(k)).sort();
    const stale = [...covered].filter((k) => !registered.has(k)).sort();
    expect(missing, 'routes registered without an entry in EXPECTED').toEqual([]);
    expect(stale, 'entries in EXPECTED for routes that are not registered').toEqual([]);
  });

  it('the routes that need no sign-in are exactly the public list', () => {
    const publicRoutes = apiRoutes()
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicRoutes).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('every expectation decides for each of the fixture users', () => {
    for (const [key, c] of Object.entries(EXPECTED)) {
      expect(Object.keys(c.expect).sort(), key).toEqual([...ROLE_KEYS].sort());
    }
  });
});

describe('data scope of parks', () => {
  const idsOf = (res: LightMyRequestResponse) => (res.json().items as { id: number }[]).map((p) => p.id).sort();

  it('each role lists exactly the parks in its scope', async () => {
    const { yichangHighTech: yc, zhijiang: zj, xiangyangHighTech: xy } = t.world.parks;
    const expected: Partial<Record<RoleKey, number[]>> = {
      admin: [yc.id, zj.id, xy.id],
      province: [yc.id, zj.id, xy.id],
      city: [yc.id, zj.id],
      otherCity: [xy.id],
      county: [yc.id],
      otherCounty: [zj.id],
      park: [yc.id],
    };
    for (const [role, ids] of Object.entries(expected) as [RoleKey, number[]][]) {
      const res = await as(t.app, cookies[role], { method: 'GET', url: '/api/parks' });
      expect(res.statusCode, role).toBe(200);
      expect(idsOf(res), role).toEqual([...ids].sort());
      expect(res.json().total, role).toBe(ids.length);
    }
  });

  it('a filter cannot widen the scope: 宜昌 asking for 襄阳 parks gets none', async () => {
    const res = await as(t.app, cookies.city, { method: 'GET', url: '/api/parks?cityCode=420600' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], total: 0 });
  });

  it('the Excel export holds the same in-scope parks as the list', async () => {
    const res = await as(t.app, cookies.county, { method: 'GET', url: '/api/parks?format=xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    // exceljs declares a Buffer type of its own; at run time it reads Node's Buffer.
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ids: number[] = [];
    wb.worksheets[0]?.eachRow((r, n) => {
      if (n > 1) ids.push(Number(r.getCell(1).value));
    });
    expect(ids).toEqual([t.world.parks.yichangHighTech.id]);
  });

  const outOfScope: [string, RoleKey, () => number][] = [
    ['宜昌 city → a 襄阳 park', 'city', () => t.world.parks.xiangyangHighTech.id],
    ['西陵区 county → a 枝江 park', 'county', () => t.world.parks.zhijiang.id],
    ['枝江 county → a 西陵区 park', 'otherCounty', () => t.world.parks.yichangHighTech.id],
    ['park committee → another park', 'park', () => t.world.parks.zhijiang.id],
    ['襄阳 city → a 宜昌 park', 'otherCity', () => t.world.parks.yichangHighTech.id],
  ];
  for (const [name, role, id] of outOfScope) {
    it(`${name}: 404, indistinguishable from a park that does not exist`, async () => {
      const res = await as(t.app, cookies[role], { method: 'GET', url: `/api/parks/${id()}` });
      const none = await as(t.app, cookies[role], { method: 'GET', url: '/api/parks/999999' });
      expect(res.statusCode).toBe(404);
      expect(none.statusCode).toBe(404);
      const strip = (b: { code: string; message: string }) => ({ code: b.code, message: b.message });
      expect(strip(res.json())).toEqual(strip(none.json()));
      expect(res.json().code).toBe('NOT_FOUND');
      expect(res.body).not.toContain(t.world.parks.xiangyangHighTech.name);
      expect(res.body).not.toContain(t.world.parks.zhijiang.name);
      expect(res.body).not.toContain(t.world.parks.yichangHighTech.name);
    });
  }
});

describe('data scope of centres', () => {
  const idsOf = (res: LightMyRequestResponse) => (res.json().items as { id: number }[]).map((x) => x.id).sort();
  const sorted = (ids: number[]) => [...ids].sort();

  it('each role lists exactly the centres in its scope; a draft only its own county', async () => {
    const c = ctx.centres;
    // Not drafts: what the city, the province and the park see of 宜昌高新区.
    const yichangApplications = [
      c.recognised,
      c.changed,
      c.toForward,
      c.toReturn,
      c.toApprove,
      c.toReject,
      c.toChangeByCity,
      c.toChangeByProvince,
    ];
    const expected: Partial<Record<RoleKey, number[]>> = {
      admin: [...yichangApplications, c.xiangyang],
      province: [...yichangApplications, c.xiangyang],
      city: yichangApplications,
      otherCity: [c.xiangyang],
      county: [...yichangApplications, c.draft, c.toSubmit],
      otherCounty: [c.zhijiangDraft],
      park: yichangApplications,
      operator: [c.recognised],
    };
    for (const [role, ids] of Object.entries(expected) as [RoleKey, number[]][]) {
      const res = await as(t.app, cookies[role], { method: 'GET', url: '/api/centres?pageSize=200' });
      expect(res.statusCode, role).toBe(200);
      expect(idsOf(res), role).toEqual(sorted(ids));
      expect(res.json().total, role).toBe(ids.length);
    }
  });

  it('nobody above the county opens a draft: 404, as for a centre that does not exist', async () => {
    for (const role of ['admin', 'province', 'city', 'park', 'operator', 'otherCounty'] as const) {
      const res = await as(t.app, cookies[role], { method: 'GET', url: `/api/centres/${ctx.centres.draft}` });
      expect(res.statusCode, role).toBe(404);
      expect(res.json().code, role).toBe('NOT_FOUND');
      expect(res.body, role).not.toContain('宜昌高新区草稿外综服中心');
    }
    const own = await as(t.app, cookies.county, { method: 'GET', url: `/api/centres/${ctx.centres.draft}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ status: 'draft', allowedActions: ['update', 'submit'] });
  });

  it('the layout statistics count only what the caller may see', async () => {
    const stats = async (role: RoleKey) =>
      (await as(t.app, cookies[role], { method: 'GET', url: '/api/centres/stats' })).json() as {
        byCity: { cityCode: string; recognised: number; inApplication: number }[];
      };
    expect((await stats('otherCity')).byCity).toEqual([
      expect.objectContaining({ cityCode: '420600', recognised: 1, inApplication: 0 }),
    ]);
    // 宜昌 city: four recognised, four applications on their way; the county's two drafts are not its business.
    expect((await stats('city')).byCity).toEqual([
      expect.objectContaining({ cityCode: '420500', recognised: 4, inApplication: 4 }),
    ]);
    expect((await stats('county')).byCity).toEqual([
      expect.objectContaining({ cityCode: '420500', recognised: 4, inApplication: 6 }),
    ]);
  });

  it('a filter cannot widen the scope', async () => {
    const cases: [RoleKey, string][] = [
      ['city', '/api/centres?cityCode=420600'],
      ['otherCity', '/api/centres?cityCode=420500'],
      ['county', '/api/centres?countyCode=420583'],
      ['province', '/api/centres?status=draft'],
      ['park', `/api/centres?parkId=${t.world.parks.xiangyangHighTech.id}`],
      ['operator', `/api/centres?parkId=${t.world.parks.yichangHighTech.id}&status=forwarded`],
    ];
    for (const [role, url] of cases) {
      const res = await as(t.app, cookies[role], { method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.json(), `${role} ${url}`).toEqual({ items: [], total: 0 });
    }
  });

  it('a decision letter out of scope is as absent as one that does not exist', async () => {
    const url = `/api/decision-letters/${ctx.centres.recognisedLetter}/print`;
    const res = await as(t.app, cookies.otherCity, { method: 'GET', url });
    const none = await as(t.app, cookies.otherCity, { method: 'GET', url: '/api/decision-letters/999999/print' });
    expect(res.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    expect(res.json().message).toBe(none.json().message);
    expect(res.body).not.toContain('宜昌');
  });
});

describe('role × route matrix', () => {
  for (const [key, route] of Object.entries(EXPECTED)) {
    const isWrite = WRITE_METHODS.has(key.split(' ')[0] ?? '');
    // Refusals first, so that each one is checked against the state before any allowed write of the same route.
    const order = [...ROLE_KEYS].sort(
      (a, b) => Number(isAllowed(route.expect[a])) - Number(isAllowed(route.expect[b])),
    );
    describe(key, () => {
      for (const role of order) {
        const status = route.expect[role];
        it(`${role} → ${status}`, async () => {
          const req = await route.request(ctx, role);
          const before = isWrite ? { rows: await route.snapshot?.(ctx), head: await auditHead(ctx) } : undefined;
          const res = await as(t.app, cookies[role], req);
          expect(res.statusCode, res.body).toBe(status);
          if (status === 403) expect(res.json().code).toBe(route.codes?.[role] ?? 'FORBIDDEN');
          if (status === 404) expect(res.json().code).toBe('NOT_FOUND');
          if (!isWrite || !before) return;
          const after = { rows: await route.snapshot?.(ctx), head: await auditHead(ctx) };
          if (isAllowed(status) && !route.changesNothing) {
            // Every change is in the operation log.
            expect(after.head.seq).toBeGreaterThan(before.head.seq);
            route.after?.(ctx, role, res, req);
          } else {
            expect(after).toEqual(before);
          }
        });
      }
    });
  }
});

describe('without a session', () => {
  for (const [key, route] of Object.entries(EXPECTED)) {
    it(`${key} → 401 and nothing changes`, async () => {
      const req = await route.request(ctx, 'admin');
      const before = { rows: await route.snapshot?.(ctx), head: await auditHead(ctx) };
      const res = await t.app.inject(req);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_REQUIRED');
      expect({ rows: await route.snapshot?.(ctx), head: await auditHead(ctx) }).toEqual(before);
    });
  }
});

describe('public routes', () => {
  it('POST /api/auth/login signs in an anonymous caller with the right password only', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: t.world.users.evaluator.username, password: 'Wrong#2026pw' },
      remoteAddress: '10.9.9.1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies.find((c) => c.name === 'hbts_session')).toBeUndefined();
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: t.world.users.evaluator.username, password: ctx.passwords.evaluator },
      remoteAddress: '10.9.9.2',
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().user.role).toBe('evaluator');
    const me = await as(t.app, sessionCookieOf(right), { method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
  });

  it('POST /api/auth/logout ends only the session it is called with', async () => {
    const throwaway = await loginAs(t.app, t.world.users.city.username, ctx.passwords.city);
    const res = await as(t.app, throwaway, { method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect((await as(t.app, throwaway, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await as(t.app, cookies.city, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });

  it('GET /api/public/centres lists the recognised centres to anyone, and no application', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/centres?pageSize=200' });
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as { id: number }[]).map((x) => x.id).sort();
    const recognised = await ctx.query<{ id: number }>(
      sql`select id from centres where status in ('approved', 'operating', 'adjusted') order by id`,
    );
    expect(ids).toEqual(recognised.map((r) => r.id).sort());
    expect(ids).toContain(ctx.centres.recognised);
    expect(ids).toContain(ctx.centres.xiangyang);
    for (const id of [ctx.centres.draft, ctx.centres.zhijiangDraft, ctx.centres.toReturn, ctx.centres.toReject]) {
      expect(ids).not.toContain(id);
    }
  });

  it('GET /api/public/filings lists to anyone the filings the province made, and nothing still in progress', async () => {
    const filedOne = await freshEngagement(ctx, 'filed');
    const reportedOne = await freshEngagement(ctx, 'reported');
    const res = await t.app.inject({ method: 'GET', url: '/api/public/filings?pageSize=200' });
    expect(res.statusCode).toBe(200);
    const filed = await ctx.query<{ filing_number: string }>(
      sql`select filing_number from engagements where filed_on is not null order by id`,
    );
    expect(filed.map((f) => f.filing_number)).toContain(filedOne.filingNumber);
    expect(res.body).not.toContain(reportedOne.centreName);
    const numbers = (res.json().items as { filingNumber: string }[]).map((f) => f.filingNumber).sort();
    expect(numbers).toEqual(filed.map((f) => f.filing_number).sort());
    // Nothing internal: no checklist, no bidders' amounts, no comments.
    expect(res.body).not.toContain('evidence');
    expect(res.body).not.toContain('bidAmount');
  });

  it('GET /api/public/service-catalogue gives anyone the 22 categories of Art. 5 with their items', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/service-catalogue' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { article: string; names: { 'zh-CN': string }; subItems: unknown[] }[] };
    expect(body.items).toHaveLength(22);
    expect(body.items[0]).toMatchObject({ article: '第五条（一）', names: { 'zh-CN': '备案代办' } });
    expect(body.items[21]?.article).toBe('第五条（二十二）');
    expect(body.items.every((c) => c.subItems.length >= 3)).toBe(true);
  });

  it('POST /api/exchange/single-window/callback answers only a signed call: unconfigured or unsigned, nothing changes', async () => {
    const before = { runs: await ctx.query(sql`select id from exchange_runs`), head: await auditHead(ctx) };
    const payload = '<FilingStatusMessage/>';
    const res = await t.app.inject({ method: 'POST', url: '/api/exchange/single-window/callback', payload });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('EXCHANGE_NOT_CONFIGURED');
    t.deps.config.singleWindowSecret = 'matrix-secret';
    try {
      const unsigned = await t.app.inject({ method: 'POST', url: '/api/exchange/single-window/callback', payload });
      expect(unsigned.statusCode).toBe(401);
      expect(unsigned.json().code).toBe('EXCHANGE_SIGNATURE_INVALID');
    } finally {
      t.deps.config.singleWindowSecret = undefined;
    }
    expect({ runs: await ctx.query(sql`select id from exchange_runs`), head: await auditHead(ctx) }).toEqual(before);
  });

  it('POST /api/auth/logout without a session answers 204 and writes nothing', async () => {
    const before = await auditHead(ctx);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(await auditHead(ctx)).toEqual(before);
  });
});

/**
 * 第三方评估与结果公布 (Art. 12(二)(3), 12(三)): the province registers agencies, assigns, reviews and publishes; the
 * fixture evaluator scores only what its agency is assigned; officials and the centre read the status in their scope
 * (the breakdown only after publication). Each allowed write acts on a submission of its own in a fresh 宜昌高新区
 * centre (the fixture operator's centre is another, so the operator reads none of them).
 */
function evaluationRoutes(): Record<string, RouteCase> {
  const agency = evaluationAgency;
  const cycle = (c: Ctx) =>
    sharedFixture('evaluation cycle', async () => (await makeCycle(c.t.deps.db, { year: 2017 })).id);
  const submission = async (c: Ctx, status: 'passed' | 'assigned' | 'scored') => {
    const centre = await freshCentre(c);
    const s = await makeSubmission(c.t.deps.db, {
      cycleId: await cycle(c),
      centreId: centre.id,
      status,
      agencyId: status === 'passed' ? null : await agency(c),
    });
    return s.id;
  };
  /** A fresh submission for the role the route lets through, one shared by its refusals. */
  const fixture = (key: string, role: RoleKey, expected: Decision, make: () => Promise<number>) =>
    isAllowed(expected[role]) ? make() : sharedFixture(`evaluation ${key}`, make);
  const inspection = (c: Ctx) =>
    sharedFixture('evaluation inspection', async () => {
      const id = await submission(c, 'assigned');
      const res = await as(c.t.app, cookies.evaluator, {
        method: 'POST',
        url: `/api/assessment/submissions/${id}/inspections`,
        payload: INSPECTION,
      });
      if (res.statusCode !== 201) throw new Error(`inspection: ${res.body}`);
      return { id, inspectionId: res.json().id as number };
    });
  const photo = (c: Ctx) =>
    sharedFixture('evaluation photo', async () => {
      const i = await inspection(c);
      const res = await as(c.t.app, cookies.evaluator, {
        method: 'POST',
        url: `/api/assessment/submissions/${i.id}/inspections/${i.inspectionId}/attachments`,
        payload: PDF,
        headers: { 'content-type': 'application/pdf', 'x-file-name': 'site.pdf' },
      });
      if (res.statusCode !== 201) throw new Error(`photo: ${res.body}`);
      return { ...i, fileId: res.json().id as number };
    });
  const EVALUATOR_ONLY = row(403, 403, 403, 403, 403, 403, 403, 403, 403, 201);
  const SCORE_ROW = row(403, 403, 403, 403, 403, 403, 403, 403, 403, 200);
  const READERS = row(200, 200, 200, 200, 200, 200, 200, 200, 403, 200);
  return {
    'GET /api/assessment/agencies': {
      request: async (c) => {
        await agency(c);
        return { method: 'GET', url: '/api/assessment/agencies' };
      },
      expect: row(200, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    },
    'POST /api/assessment/agencies': {
      request: (c) => ({ method: 'POST', url: '/api/assessment/agencies', payload: { name: `矩阵机构${c.unique()}` } }),
      expect: row(403, 201, 403, 403, 403, 403, 403, 403, 403, 403),
      snapshot: evaluationTables,
    },
    'GET /api/assessment/evaluation-cycles': {
      request: () => ({ method: 'GET', url: '/api/assessment/evaluation-cycles' }),
      expect: READERS,
    },
    'GET /api/assessment/evaluations': {
      request: () => ({ method: 'GET', url: '/api/assessment/evaluations' }),
      expect: READERS,
    },
    'POST /api/assessment/cycles/:id/assignments': {
      request: async (c, role) => {
        const id = await fixture('assign', role, PROVINCE_ROW, () => submission(c, 'passed'));
        return {
          method: 'POST',
          url: `/api/assessment/cycles/${await cycle(c)}/assignments`,
          payload: { agencyId: await agency(c), submissionIds: [id] },
        };
      },
      expect: PROVINCE_ROW,
      snapshot: evaluationTables,
    },
    'POST /api/assessment/cycles/:id/publish': {
      request: async (c, role) => {
        const made = async () => {
          const y = await makeCycle(c.t.deps.db, { year: 3000 + c.unique() });
          await makeSubmission(c.t.deps.db, {
            cycleId: y.id,
            centreId: (await freshCentre(c)).id,
            status: 'confirmed',
            agencyId: await agency(c),
          });
          return y.id;
        };
        const id = await fixture('publish', role, PROVINCE_ROW, made);
        return { method: 'POST', url: `/api/assessment/cycles/${id}/publish` };
      },
      expect: PROVINCE_ROW,
      snapshot: evaluationTables,
    },
    'GET /api/assessment/submissions/:id/evaluation': {
      request: async (c) => ({
        method: 'GET',
        url: `/api/assessment/submissions/${(await inspection(c)).id}/evaluation`,
      }),
      expect: row(200, 200, 200, 404, 200, 404, 200, 404, 403, 200),
    },
    'POST /api/assessment/submissions/:id/inspections': {
      request: async (c, role) => {
        const id = await fixture('inspect', role, EVALUATOR_ONLY, () => submission(c, 'assigned'));
        return { method: 'POST', url: `/api/assessment/submissions/${id}/inspections`, payload: INSPECTION };
      },
      expect: EVALUATOR_ONLY,
      snapshot: evaluationTables,
    },
    'POST /api/assessment/submissions/:id/inspections/:inspectionId/attachments': {
      request: async (c) => {
        const i = await inspection(c);
        return {
          method: 'POST',
          url: `/api/assessment/submissions/${i.id}/inspections/${i.inspectionId}/attachments`,
          payload: PDF,
          headers: { 'content-type': 'application/pdf', 'x-file-name': 'photo.pdf' },
        };
      },
      expect: EVALUATOR_ONLY,
      snapshot: evaluationTables,
    },
    'GET /api/assessment/submissions/:id/inspections/:inspectionId/attachments/:attachmentId': {
      request: async (c) => {
        const p = await photo(c);
        return {
          method: 'GET',
          url: `/api/assessment/submissions/${p.id}/inspections/${p.inspectionId}/attachments/${p.fileId}`,
        };
      },
      // Officials in scope see the photos with the breakdown, once the year is published.
      expect: row(200, 200, 404, 404, 404, 404, 404, 404, 403, 200),
    },
    'POST /api/assessment/submissions/:id/scores': {
      request: async (c, role) => {
        const id = await fixture('score', role, SCORE_ROW, () => submission(c, 'assigned'));
        return {
          method: 'POST',
          url: `/api/assessment/submissions/${id}/scores`,
          payload: {
            scores: [
              { indicatorKey: 'services.onsite', score: 3, remark: '场所规范。' },
              { indicatorKey: 'activities.quality', score: 2, remark: '材料基本完整。' },
            ],
          },
        };
      },
      expect: SCORE_ROW,
      snapshot: evaluationTables,
    },
    'POST /api/assessment/submissions/:id/send-back': {
      request: async (c, role) => {
        const id = await fixture('send back', role, PROVINCE_ROW, () => submission(c, 'scored'));
        return {
          method: 'POST',
          url: `/api/assessment/submissions/${id}/send-back`,
          payload: { reason: '请补充实地考察记录。' },
        };
      },
      expect: PROVINCE_ROW,
      snapshot: evaluationTables,
    },
    'POST /api/assessment/submissions/:id/confirm': {
      request: async (c, role) => {
        const id = await fixture('confirm', role, PROVINCE_ROW, () => submission(c, 'scored'));
        return { method: 'POST', url: `/api/assessment/submissions/${id}/confirm` };
      },
      expect: PROVINCE_ROW,
      snapshot: evaluationTables,
    },
  };
}

const INSPECTION = { inspectedOn: '2026-11-20', peopleMet: '中心主任', findings: '服务场所与备案一致。' };

async function evaluationTables(c: Ctx) {
  return {
    agencies: await c.query(sql`select * from evaluation_agencies order by id`),
    cycles: await c.query(sql`select * from assessment_cycles order by id`),
    submissions: await c.query(sql`select * from assessment_submissions order by id`),
    events: await c.query(sql`select * from assessment_submission_events order by id`),
    scores: await c.query(sql`select * from assessment_scores order by submission_id, indicator_key`),
    inspections: await c.query(sql`select * from assessment_inspections order by id`),
    results: await c.query(sql`select * from assessment_results order by centre_id, year`),
    files: await c.query(sql`select * from attachments where assessment_inspection_id is not null order by id`),
  };
}
