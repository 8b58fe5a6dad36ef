import { type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCentreDetail } from '../src/contracts/centre';
import type { TOperatorDetail } from '../src/contracts/operator';
import { buildApp } from '../src/server/app';
import type { RequestContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeUser, sessionUserOf } from '../src/server/demo/factories';
import { makeEntitlement, makePayment } from '../src/server/demo/funding-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { makeSanctionWithRecoveries } from '../src/server/demo/sanction-factory';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { AppError } from '../src/server/lib/errors';
import { readFundingFigures, recomputeFundingFigures } from '../src/server/modules/figures';
import { cancelPayment } from '../src/server/modules/funding/payment-cancel';
import { confirmPayment } from '../src/server/modules/funding/payment-confirm';
import { recordPayment } from '../src/server/modules/funding/payment-record';
import { as, buildTestApp, depsFor, loginAs, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import { usingPostgres } from './helpers/db';
import { YICHANG } from './helpers/world';

/*
 * 拨付、复核、资金使用报告、追回 (Art. 11, 13, 14; issue 15): the four-eyes rule, twenty confirmations at once, the
 * refusals that name their article, the fund-use flags and the recovery receipts — and after every step the funding
 * figures equal their recomputation from the rows.
 */

let t: TestApp;
let centre: TCentreDetail;
let operator: TOperatorDetail;
const cookies: Record<string, string> = {};
const YEAR = 2026;

const query = async <T = Record<string, unknown>>(q: SQL) => rowsOf<T>(await t.deps.db.execute(q));

/** The funding figures as stored equal those recomputed from the rows (sorted, zero rows left out). */
async function expectFiguresReconcile() {
  const key = (r: { centreId: number; year: number }) => `${r.centreId}/${r.year}`;
  const nonZero = <
    T extends { dueFen: number; paidFen: number; withheldFen: number; toRecoverFen: number; recoveredFen: number },
  >(
    rows: T[],
  ) => rows.filter((r) => r.dueFen || r.paidFen || r.withheldFen || r.toRecoverFen || r.recoveredFen);
  const stored = nonZero(await readFundingFigures(t.deps.db)).sort((a, b) => key(a).localeCompare(key(b)));
  const recomputed = nonZero(await recomputeFundingFigures(t.deps.db)).sort((a, b) => key(a).localeCompare(key(b)));
  expect(stored).toEqual(recomputed);
  return stored;
}

async function figuresOf(centreId: number, year = YEAR) {
  const rows = await readFundingFigures(t.deps.db);
  return rows.find((r) => r.centreId === centreId && r.year === year);
}

async function auditCount(action: string) {
  const [r] = await query<{ n: number }>(sql`select count(*)::int as n from audit_entries where action = ${action}`);
  return r?.n ?? 0;
}

const post = (who: string, url: string, payload: unknown) =>
  as(t.app, cookies[who] ?? '', { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (who: string, url: string) => as(t.app, cookies[who] ?? '', { method: 'GET', url });

function expectRefused(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code).toBe(code);
  return res.json() as { code: string; message: string; details: Record<string, unknown> };
}

async function due(amountFen: number, opts: { centreId?: number; operatorId?: number; year?: number } = {}) {
  return makeEntitlement(t.deps.db, {
    centreId: opts.centreId ?? centre.id,
    year: opts.year ?? YEAR,
    operatorId: opts.operatorId ?? operator.id,
    amountFen,
  });
}

const record = (entitlementId: number, amountFen: number, who = 'city.420500') =>
  post(who, '/api/funding/payments', { entitlementId, amountFen, paidOn: '2026-11-20', note: '第一批' });
const confirm = (id: number, version: number, who = 'city.420500.b') =>
  post(who, `/api/funding/payments/${id}/confirm`, {
    version,
    voucherNumber: `财拨2026-${id}`,
    voucherDate: '2026-11-23',
  });

beforeAll(async () => {
  t = await buildTestApp();
  centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
  if (centre.id !== 1) throw new Error('the fixture operator runs centre 1');
  operator = await makeOperator(t.deps, { serial: 2 });
  await makeEngagement(t.deps, { centre, operator, target: 'filed' });
  await makeUser(t.deps, { username: 'city.420500.b', role: 'city', regionCode: YICHANG, password: TEST_PASSWORD });
  for (const u of ['city.420500', 'city.420500.b', 'city.420600', 'county.420502', 'province', 'operator.1']) {
    cookies[u] = await loginAs(t.app, u);
  }
});
afterAll(async () => t?.close());

describe('a payment and its second official (Art. 11)', () => {
  it('the city records; the recorder cannot confirm; another official of the city confirms and the paid figure moves', async () => {
    const ent = await due(40_000_000);
    const recorded = await record(ent.id, 25_000_000);
    expect(recorded.statusCode, recorded.body).toBe(201);
    const p = recorded.json();
    expect(p).toMatchObject({ status: 'recorded', amountFen: 25_000_000, recordedByMe: true, centreName: centre.name });
    expect(await auditCount('funding.payment.recorded')).toBe(1);
    expect((await figuresOf(centre.id))?.paidFen ?? 0).toBe(0);

    // The same official: refused by the four-eyes rule, named with its article, nothing changed.
    const before = await query(sql`select * from fund_payments order by id`);
    const self = expectRefused(await confirm(p.id, p.version, 'city.420500'), 409, 'PAYMENT_RULE');
    expect(self.message).toContain('登记人');
    expect(self.message).toContain('第十一条');
    expect(self.details.rule).toBe('payment.fourEyes');
    expect(await query(sql`select * from fund_payments order by id`)).toEqual(before);

    // The second official sees it in the 待复核 queue; the recorder does not.
    expect((await get('city.420500.b', '/api/funding/payments?awaitingMe=true')).json().total).toBe(1);
    expect((await get('city.420500', '/api/funding/payments?awaitingMe=true')).json().total).toBe(0);

    const ok = await confirm(p.id, p.version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', voucherNumber: `财拨2026-${p.id}`, recordedByMe: false });
    expect((await figuresOf(centre.id))?.paidFen).toBe(25_000_000);
    expect(await auditCount('funding.payment.confirmed')).toBe(1);
    await expectFiguresReconcile();

    // Confirmed is final: neither confirmed again nor cancelled.
    expectRefused(await confirm(p.id, p.version + 1), 409, 'INVALID_TRANSITION');
    expectRefused(
      await post('city.420500', `/api/funding/payments/${p.id}/cancel`, { version: p.version + 1, reason: '重复' }),
      409,
      'INVALID_TRANSITION',
    );
  });

  it('refuses an amount above what remains, counting the payments still waiting for confirmation', async () => {
    const ent = await due(1_000_000, { year: 2023 });
    expect((await record(ent.id, 600_000)).statusCode).toBe(201);
    const over = expectRefused(await record(ent.id, 400_001), 409, 'PAYMENT_RULE');
    expect(over.message).toContain('4,000.00元');
    expect(over.details.rule).toBe('payment.amountWithinEntitlement');
    expect((await record(ent.id, 400_000)).statusCode).toBe(201);
    const payable = (await get('city.420500', '/api/funding/payable?year=2023')).json().items;
    expect(payable.find((e: { entitlementId: number }) => e.entitlementId === ent.id)).toBeUndefined();
  });

  it('refuses an entitlement that is not due, naming Art. 11 or 12(三)', async () => {
    const waiting = await makeEntitlement(t.deps.db, {
      centreId: centre.id,
      year: 2025,
      operatorId: operator.id,
      amountFen: 0,
      status: 'awaiting_grade',
    });
    const a = expectRefused(await record(waiting.id, 100), 409, 'PAYMENT_RULE');
    expect(a.message).toContain('考核结果尚未公布');
    const withheld = await makeEntitlement(t.deps.db, {
      centreId: centre.id,
      year: 2024,
      operatorId: operator.id,
      amountFen: 40_000_000,
      status: 'withheld',
    });
    const w = expectRefused(await record(withheld.id, 100), 409, 'PAYMENT_RULE');
    expect(w.message).toContain('第十二条（三）');
    expect(w.details.article).toBe('第十二条（三）');
    await expectFiguresReconcile();
  });

  it('the county reads but may not record (403); another city is told it does not exist (404); bad input is a 400 naming the field', async () => {
    const ent = await due(500_000, { year: 2022 });
    const before = await query(sql`select * from fund_payments order by id`);
    expectRefused(await record(ent.id, 100, 'county.420502'), 403, 'FORBIDDEN');
    expectRefused(await record(ent.id, 100, 'city.420600'), 404, 'NOT_FOUND');
    const neg = expectRefused(
      await post('city.420500', '/api/funding/payments', {
        entitlementId: ent.id,
        amountFen: 1.5,
        paidOn: '2026-11-20',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(neg.details)).toContain('amountFen');
    const future = expectRefused(
      await post('city.420500', '/api/funding/payments', {
        entitlementId: ent.id,
        amountFen: 100,
        paidOn: '2026-12-31',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(future.details.field).toBe('paidOn');
    expect(await query(sql`select * from fund_payments order by id`)).toEqual(before);
    expect((await get('county.420502', '/api/funding/payments')).statusCode).toBe(200);
    expect((await get('city.420600', '/api/funding/payments')).json().total).toBe(0);
  });

  it('a recorded payment is cancelled by the city; nothing counts as paid', async () => {
    const ent = await due(300_000, { year: 2021 });
    const p = (await record(ent.id, 300_000)).json();
    const paid = (await figuresOf(centre.id, 2021))?.paidFen ?? 0;
    const res = await post('city.420500', `/api/funding/payments/${p.id}/cancel`, {
      version: p.version,
      reason: '金额有误',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
    expect((await figuresOf(centre.id, 2021))?.paidFen ?? 0).toBe(paid);
    expect(await auditCount('funding.payment.cancelled')).toBe(1);
    // What was cancelled is free again.
    expect((await record(ent.id, 300_000)).statusCode).toBe(201);
  });
});

describe('twenty confirmations of one payment at once', () => {
  it('exactly one succeeds; the paid figure moves once and one audit entry is written', async () => {
    const ent = await due(2_000_000, { year: 2020 });
    const p = (await record(ent.id, 2_000_000)).json();
    const paidBefore = (await figuresOf(centre.id, 2020))?.paidFen ?? 0;
    const auditsBefore = await auditCount('funding.payment.confirmed');
    // On PostgreSQL half of them go through a second app instance on its own pool (two servers behind a balancer).
    let second: FastifyInstance | undefined;
    let closeSecond = async () => {};
    if (usingPostgres) {
      const other = await t.database.openAnother();
      second = await buildApp(depsFor(other, t.clock), { webDir: '/nonexistent' });
      closeSecond = async () => {
        await second?.close();
      };
    }
    try {
      const cookie = cookies['city.420500.b'] ?? '';
      const payload = { version: p.version, voucherNumber: '财拨2026-并发', voucherDate: '2026-11-23' };
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          as(i % 2 && second ? second : t.app, cookie, {
            method: 'POST',
            url: `/api/funding/payments/${p.id}/confirm`,
            payload,
          }),
        ),
      );
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      for (const r of results.filter((x) => x.statusCode === 409)) {
        expect(['VERSION_CONFLICT', 'INVALID_TRANSITION']).toContain(r.json().code);
      }
    } finally {
      await closeSecond();
    }
    expect((await figuresOf(centre.id, 2020))?.paidFen).toBe(paidBefore + 2_000_000);
    expect(await auditCount('funding.payment.confirmed')).toBe(auditsBefore + 1);
    await expectFiguresReconcile();
  });
});

describe('a sanctioned operator is never paid (Art. 13, 14)', () => {
  it('refuses to record for a blacklisted operator, and to confirm what was recorded before the blacklisting', async () => {
    const other = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved' });
    const bad = await makeOperator(t.deps, { serial: 31 });
    await makeEngagement(t.deps, { centre: other, operator: bad, target: 'filed' });
    const ent = await due(1_000_000, { centreId: other.id, operatorId: bad.id });
    const p = (await record(ent.id, 500_000)).json();
    await query(sql`update operators set qualification_status = 'blacklisted' where id = ${bad.id}`);
    const r = expectRefused(await record(ent.id, 100_000), 409, 'PAYMENT_RULE');
    expect(r.message).toContain('黑名单');
    expect(r.details.article).toBe('第十四条');
    const c = expectRefused(await confirm(p.id, p.version), 409, 'PAYMENT_RULE');
    expect(c.message).toContain('第十四条');
    expect((await query<{ status: string }>(sql`select status from fund_payments where id = ${p.id}`))[0]?.status).toBe(
      'recorded',
    );
    await query(sql`update operators set qualification_status = 'disqualified' where id = ${bad.id}`);
    expect(expectRefused(await record(ent.id, 100_000), 409, 'PAYMENT_RULE').details.article).toBe('第十三条');
    // Not offered for payment either.
    const payable = (await get('city.420500', '/api/funding/payable')).json().items;
    expect(payable.some((e: { operatorId: number }) => e.operatorId === bad.id)).toBe(false);
  });
});

describe('fund-use reports (Art. 11 专款专用)', () => {
  it('the operator reports against the agreement lines; a line outside them and a total above what was paid are flagged', async () => {
    const targets = (await get('operator.1', '/api/funding/use-targets')).json().items;
    const target = targets.find((x: { year: number; paidFen: number }) => x.year === YEAR && x.paidFen > 0);
    expect(target).toBeDefined();
    const items = target.fundLines.map((l: { item: string }) => l.item);
    expect(items).toContain('派驻人员劳务');

    const unknown = expectRefused(
      await post('operator.1', '/api/funding/use-reports', {
        entitlementId: target.entitlementId,
        lines: [
          { fundLineItem: '派驻人员劳务', description: '十月人员劳务', amountFen: 100_000, spentOn: '2026-10-31' },
          { fundLineItem: '购置车辆', description: '公务用车', amountFen: 100_000, spentOn: '2026-10-31' },
        ],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.details.field).toBe('lines[1].fundLineItem');
    expect(await auditCount('funding.use.reported')).toBe(0);

    const res = await post('operator.1', '/api/funding/use-reports', {
      entitlementId: target.entitlementId,
      lines: [
        { fundLineItem: '派驻人员劳务', description: '十月人员劳务', amountFen: 120_000, spentOn: '2026-10-31' },
        { fundLineItem: null, description: '员工旅游', amountFen: 30_000, spentOn: '2026-10-15' },
      ],
      note: '十月使用情况',
    });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ totalFen: 150_000, outsideScopeFen: 30_000, flags: ['outside_scope'] });
    expect(report.lines[1].flag).toBe('outside_scope');
    expect(report.lines[0].flag).toBeNull();

    // A report that takes the use reported above what was paid.
    const big = await post('operator.1', '/api/funding/use-reports', {
      entitlementId: target.entitlementId,
      lines: [
        {
          fundLineItem: '场地运维及办公设备',
          description: '设备更新',
          amountFen: target.paidFen,
          spentOn: '2026-11-02',
        },
      ],
    });
    expect(big.statusCode, big.body).toBe(201);
    expect(big.json().flags).toEqual(['above_paid']);

    // The city, the county and the province see the flags; another city sees nothing; officials cannot report.
    const cityList = (await get('city.420500', '/api/funding/use-reports?flagged=true')).json();
    expect(cityList.total).toBe(2);
    expect((await get('county.420502', '/api/funding/use-reports')).json().total).toBe(2);
    expect((await get('province', '/api/funding/use-reports')).json().total).toBe(2);
    expect((await get('city.420600', '/api/funding/use-reports')).json().total).toBe(0);
    expectRefused(
      await post('city.420500', '/api/funding/use-reports', {
        entitlementId: target.entitlementId,
        lines: [{ fundLineItem: null, description: '代报', amountFen: 1, spentOn: '2026-11-02' }],
      }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('recoveries (Art. 14)', () => {
  it('lists what was paid to a sanctioned operator; receipts take it to partly recovered and recovered, the figures following', async () => {
    const other = await makeCentre(t.deps, {
      park: t.world.parks.yichangHighTech,
      target: 'approved',
      input: {
        name: '宜昌高新区第二外综服中心',
        tradingEnterpriseCount: 320,
        supportStatement: '高新区实绩外贸企业320家，区财政安排配套资金并提供场地及办公设备。',
      },
    });
    const fraud = await makeOperator(t.deps, { serial: 41 });
    const ent = await due(3_000_000, { centreId: other.id, operatorId: fraud.id });
    await makePayment(t.deps.db, { entitlement: ent, amountFen: 3_000_000, status: 'confirmed', paidOn: '2026-06-30' });
    const { recoveryIds } = await makeSanctionWithRecoveries(t.deps, {
      operatorId: fraud.id,
      decidedOn: '2026-11-20',
    });
    expect(recoveryIds).toHaveLength(1);
    await expectFiguresReconcile();
    expect((await figuresOf(other.id))?.toRecoverFen).toBe(3_000_000);

    const list = (await get('city.420500', '/api/funding/recoveries?status=due')).json();
    expect(list.total).toBe(1);
    const rec = list.items[0];
    expect(rec).toMatchObject({ dueFen: 3_000_000, remainingFen: 3_000_000, operatorName: fraud.name });
    expect((await get('city.420600', '/api/funding/recoveries')).json().total).toBe(0);

    const url = `/api/funding/recoveries/${rec.id}/receipts`;
    const receipt = (version: number, amountFen: number, who = 'city.420500') =>
      post(who, url, { version, amountFen, receivedOn: '2026-11-23', voucherNumber: `缴款${amountFen}` });

    expectRefused(await receipt(rec.version, 100, 'county.420502'), 403, 'FORBIDDEN');
    expectRefused(await receipt(rec.version, 100, 'city.420600'), 404, 'NOT_FOUND');
    const over = expectRefused(await receipt(rec.version, 3_000_001), 409, 'PAYMENT_RULE');
    expect(over.details.article).toBe('第十四条');

    const part = await receipt(rec.version, 1_000_000);
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({ status: 'partly_recovered', recoveredFen: 1_000_000, remainingFen: 2_000_000 });
    expect(part.json().receipts).toHaveLength(1);
    expect(await figuresOf(other.id)).toMatchObject({ toRecoverFen: 2_000_000, recoveredFen: 1_000_000 });
    await expectFiguresReconcile();

    expectRefused(await receipt(rec.version, 1), 409, 'VERSION_CONFLICT');
    const rest = await receipt(part.json().version, 2_000_000, 'province');
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json()).toMatchObject({ status: 'recovered', remainingFen: 0 });
    expect(await figuresOf(other.id)).toMatchObject({ toRecoverFen: 0, recoveredFen: 3_000_000 });
    expect(await auditCount('funding.recovery.recorded')).toBe(2);
    await expectFiguresReconcile();
    expectRefused(await receipt(rest.json().version, 1), 409, 'INVALID_TRANSITION');
  });
});

describe('random sequences of recordings, confirmations, cancellations and a blacklisting (property)', () => {
  type Act =
    | { kind: 'record'; by: 0 | 1; amountFen: number }
    | { kind: 'confirm'; by: 0 | 1; pick: number }
    | { kind: 'cancel'; pick: number }
    | { kind: 'blacklist' };
  const act: fc.Arbitrary<Act> = fc.oneof(
    fc.record({
      kind: fc.constant('record' as const),
      by: fc.constantFrom(0 as const, 1 as const),
      amountFen: fc.integer({ min: 1, max: 700_000 }),
    }),
    fc.record({
      kind: fc.constant('confirm' as const),
      by: fc.constantFrom(0 as const, 1 as const),
      pick: fc.nat(20),
    }),
    fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }),
    fc.constant({ kind: 'blacklist' as const }),
  );

  it('never pays above the entitlement, never lets the recorder confirm, never pays a blacklisted operator, and the figures follow', async () => {
    const subject = await makeOperator(t.deps, { serial: 51 });
    const officials = [
      sessionUserOf(
        await makeUser(t.deps, {
          username: 'city.420500.p1',
          role: 'city',
          regionCode: YICHANG,
          password: TEST_PASSWORD,
        }),
      ),
      sessionUserOf(
        await makeUser(t.deps, {
          username: 'city.420500.p2',
          role: 'city',
          regionCode: YICHANG,
          password: TEST_PASSWORD,
        }),
      ),
    ] as const;
    const ctxOf = (user: SessionUser): RequestContext => ({
      deps: t.deps,
      user,
      ip: null,
      requestId: 'prop',
      locale: 'zh-CN',
    });
    let year = 1950;
    await fc.assert(
      fc.asyncProperty(fc.array(act, { minLength: 1, maxLength: 12 }), async (acts) => {
        await query(sql`update operators set qualification_status = 'qualified' where id = ${subject.id}`);
        const ent = await makeEntitlement(t.deps.db, {
          centreId: centre.id,
          year: year++,
          operatorId: subject.id,
          amountFen: 1_000_000,
        });
        const ids: number[] = [];
        let blacklisted = false;
        for (const a of acts) {
          try {
            if (a.kind === 'blacklist') {
              await query(sql`update operators set qualification_status = 'blacklisted' where id = ${subject.id}`);
              blacklisted = true;
            } else if (a.kind === 'record') {
              const p = await recordPayment(ctxOf(officials[a.by]), {
                entitlementId: ent.id,
                amountFen: a.amountFen,
                paidOn: '2026-11-20',
              });
              expect(blacklisted).toBe(false);
              ids.push(p.id);
            } else if (ids.length > 0) {
              const id = ids[a.pick % ids.length] ?? 0;
              const [row] = await query<{ version: number }>(sql`select version from fund_payments where id = ${id}`);
              if (a.kind === 'confirm') {
                await confirmPayment(ctxOf(officials[a.by]), id, {
                  version: row?.version ?? 1,
                  voucherNumber: `财拨${id}`,
                  voucherDate: '2026-11-23',
                });
                expect(blacklisted).toBe(false);
              } else {
                await cancelPayment(ctxOf(officials[0]), id, { version: row?.version ?? 1, reason: '随机撤销' });
              }
            }
          } catch (e) {
            // Every refusal is a domain error with a 4xx status, never anything else.
            expect(e).toBeInstanceOf(AppError);
            expect((e as AppError).status).toBeLessThan(500);
          }
        }
        const rows = await query<{
          status: string;
          amount_fen: string;
          recorded_by: number;
          confirmed_by: number | null;
        }>(
          sql`select status, amount_fen, recorded_by, confirmed_by from fund_payments where entitlement_id = ${ent.id}`,
        );
        const sum = (s: string) => rows.filter((r) => r.status === s).reduce((n, r) => n + Number(r.amount_fen), 0);
        expect(sum('confirmed') + sum('recorded')).toBeLessThanOrEqual(1_000_000);
        for (const r of rows.filter((x) => x.status === 'confirmed')) expect(r.confirmed_by).not.toBe(r.recorded_by);
        await expectFiguresReconcile();
      }),
      { numRuns: 25, seed: 20_261_207 },
    );
  });
});
